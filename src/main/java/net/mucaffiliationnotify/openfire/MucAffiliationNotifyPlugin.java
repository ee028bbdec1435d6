package net.mucaffiliationnotify.openfire;

import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.event.GroupEventDispatcher;
import org.jivesoftware.openfire.interceptor.InterceptorManager;
import org.jivesoftware.openfire.muc.MUCEventDispatcher;
import org.jivesoftware.openfire.muc.MultiUserChatManager;
import org.jivesoftware.openfire.muc.MultiUserChatService;
import org.jivesoftware.util.SystemProperty;
import org.jivesoftware.util.cache.Cache;
import org.jivesoftware.util.cache.CacheFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.mucaffiliationnotify.settings.JdbcRoomSettingsStore;
import net.mucaffiliationnotify.settings.NotificationSettings;
import net.mucaffiliationnotify.settings.RoomCatalog;
import net.mucaffiliationnotify.statistics.Counter;
import net.mucaffiliationnotify.statistics.LastAnnouncements;
import net.mucaffiliationnotify.statistics.PluginCounters;
import net.mucaffiliationnotify.tracking.AffiliationVersions;
import net.mucaffiliationnotify.tracking.ChangeTracker;
import net.mucaffiliationnotify.tracking.HeldJids;
import net.mucaffiliationnotify.tracking.RoomChanges;
import net.mucaffiliationnotify.tracking.RoomLocks;
import net.mucaffiliationnotify.tracking.RoomStore;
import net.mucaffiliationnotify.tracking.SweepLeadership;
import net.mucaffiliationnotify.tracking.TrackerLimits;
import net.mucaffiliationnotify.tracking.VersioningLimits;
import net.mucaffiliationnotify.versioning.VersionHasher;
import net.mucaffiliationnotify.web.SettingsPagesContext;

/**
 * The plugin's lifecycle: wires the settings and the tracker to Openfire on load and unwires everything on
 * unload. It is also what the admin pages find through Openfire's PluginManager.
 */
public final class MucAffiliationNotifyPlugin implements Plugin, SettingsPagesContext, Consumer<Object[]> {
    private static final Logger Log = LoggerFactory.getLogger(MucAffiliationNotifyPlugin.class);
    static final String HOUSEKEEPING_THREAD = "mucaffiliationnotify-housekeeping";
    /** The sweep's own thread: a slow sweep must not hold up the expiry of requests and their held replies. */
    static final String SWEEP_THREAD = "mucaffiliationnotify-sweep";
    /** The thread that delivers, in their room's order, announcements that waited for an earlier one. */
    static final String RELEASE_THREAD = "mucaffiliationnotify-order";
    /** The clustered cache of room values (JDK strings only, so every node can read them). */
    static final String ROOM_CACHE = "MUC Affiliation Notify Room Settings";
    /** The clustered cache of the JIDs requests in flight hold, per room (strings; its locks are the rooms' locks). */
    static final String HELD_CACHE = "MUC Affiliation Notify Held JIDs";
    /** The clustered cache of the rooms' XEP-0463 histories (one string per room, JDK types only). */
    static final String HISTORY_CACHE = "MUC Affiliation Notify Histories";
    /** The clustered cache of each room's last announced change, for the room page (JDK strings only). */
    static final String LAST_CHANGE_CACHE = "MUC Affiliation Notify Last Changes";

    private volatile NotificationSettings settings;
    private volatile OpenfireRoomCatalog catalog;
    private volatile PluginCounters counters;
    private volatile LastAnnouncements announcements;
    private PublishedStatistics statistics;

    private ChangeTracker tracker;
    private AffiliationVersions versions;
    private AffiliationChangeInterceptor interceptor;
    private RoomLifecycleListener listener;
    private BackgroundTasks background;
    private SweepLeadership sweepLeadership;
    private GroupChangeListener groupChanges;

    @Override
    public void initializePlugin(PluginManager manager, File pluginDirectory) {
        final XMPPServer server = XMPPServer.getInstance();
        final MultiUserChatManager mucManager = server.getMultiUserChatManager();
        final OpenfireRoomCatalog rooms = new OpenfireRoomCatalog(mucManager);
        final Cache<String, String> roomCache = PluginCaches.create(ROOM_CACHE, 4L * 1024 * 1024,
            Duration.ofHours(6).toMillis());
        final OpenfireConnections connections = new OpenfireConnections();
        final NotificationSettings notificationSettings = new NotificationSettings(OpenfireSettingLevels::register,
            rooms::keyOf, setting -> new JdbcRoomSettingsStore(connections, setting), roomCache, roomCache::getLock);
        final OpenfireRoomDirectory directory = new OpenfireRoomDirectory(mucManager,
            ClusterManager::isClusteringStarted);
        final PluginCounters pluginCounters = new PluginCounters(Instant.now());
        final Cache<String, String> lastChangeCache = PluginCaches.create(LAST_CHANGE_CACHE, 2L * 1024 * 1024, -1);
        final LastAnnouncements lastAnnouncements = new LastAnnouncements(lastChangeCache);
        final RoutingNotificationSink sink = new RoutingNotificationSink(server.getPacketRouter(), pluginCounters,
            lastAnnouncements, Clock.systemUTC(), ClusterManager::isClusteringStarted,
            announcement -> CacheFactory.doClusterTask(new AnnouncementTask(announcement)),
            jid -> server.getRoutingTable().isLocalRoute(jid), System::nanoTime);
        AnnouncementTask.receiveWith(sink::receive);
        final VersioningProperties versioning = VersioningProperties.register();
        final VersionHasher hasher = new VersionHasher(versioning.secret());
        final VersioningLimits versioningLimits = VersioningLimits.DEFAULT;
        // Longer than a request may stay in flight, so a node that dies mid-request leaves nothing for long.
        final Cache<String, String> heldCache = PluginCaches.create(HELD_CACHE, 16L * 1024 * 1024,
            TrackerLimits.DEFAULT.maxAge().multipliedBy(5).toMillis());
        final Cache<String, String> historyCache = PluginCaches.create(HISTORY_CACHE, 64L * 1024 * 1024, -1);
        final RoomChanges changes = new RoomChanges(directory, sink, notificationSettings,
            room -> versioning.enabled() && notificationSettings.isEnabled(room), hasher,
            RoomLocks.following(ClusterManager::isClusteringStarted, RoomLocks.local(),
                RoomLocks.clustered(heldCache::getLock)),
            RoomStore.following(ClusterManager::isClusteringStarted, RoomStore.local(Integer.MAX_VALUE),
                RoomStore.clustered(heldCache, HeldJids.CODEC)),
            RoomStore.following(ClusterManager::isClusteringStarted, RoomStore.local(RoomChanges.MAX_LOCAL_ROOMS),
                RoomStore.clustered(historyCache, RoomChanges.historyCodec(hasher, versioningLimits.maxSteps()))),
            versioningLimits.maxSteps(), pluginCounters, notificationSettings::tellsAffectedUser,
            new AffectedUserBodies());
        tracker = new ChangeTracker(directory, changes, sink, notificationSettings, System::nanoTime,
            TrackerLimits.DEFAULT, pluginCounters);
        versions = new AffiliationVersions(directory, sink, changes, tracker, hasher, versioningLimits,
            System::nanoTime, pluginCounters);
        final MucServiceDomains mucDomains = new MucServiceDomains(() -> serviceDomains(mucManager));
        interceptor = new AffiliationChangeInterceptor(mucDomains, tracker, versions, pluginCounters);
        listener = new RoomLifecycleListener(tracker, versions, notificationSettings, rooms::keyOf,
            lastAnnouncements);
        statistics = PublishedStatistics.publish(pluginCounters);
        catalog = rooms;
        counters = pluginCounters;
        announcements = lastAnnouncements;
        settings = notificationSettings;

        MUCEventDispatcher.addListener(listener);
        InterceptorManager.getInstance().addInterceptor(interceptor);
        final ChangeTracker followed = tracker;
        sweepLeadership = new SweepLeadership(historyCache::getLock, ClusterManager::isClusteringStarted);
        final VersionSweep sweep = new VersionSweep(changes, versions, new OccupiedRooms(mucManager),
            versioning::sweepSeconds, sweepLeadership, System::nanoTime, pluginCounters);
        background = BackgroundTasks.start(() -> housekeeping(followed, mucDomains, pluginCounters),
            Duration.ofSeconds(10), sweep, Duration.ofSeconds(1));
        background.alsoEvery(sink::releaseOverdue, Duration.ofMillis(50));
        // Issue 15: a group change checks the rooms that list the group at once.
        groupChanges = GroupChangeListener.start(mucManager, room -> changes.observe(room, null), pluginCounters);
        GroupEventDispatcher.addListener(groupChanges);
        Log.info("MUC affiliation notifications started.");
    }

    /**
     * An announcement of another cluster node that a former copy of {@link AnnouncementTask} ran (one of a
     * previous load of this plugin, kept in Hazelcast's class cache): delivered as the task itself would be.
     *
     * @param parts the task's content, in JDK types only
     */
    @Override
    public void accept(Object[] parts) {
        AnnouncementTask.receiveParts(parts);
    }

    @Override
    public void destroyPlugin() {
        // First, so that the admin pages answer "not running" while the rest is taken down.
        settings = null;
        catalog = null;
        counters = null;
        announcements = null;
        if (statistics != null) {
            statistics.withdraw();
            statistics = null;
        }
        if (background != null) {
            // The sweep's cluster lock belongs to the sweep's thread: released there, another node sweeps.
            background.stop(sweepLeadership::release);
            background = null;
            sweepLeadership = null;
        }
        AnnouncementTask.receiveWith(null);
        if (groupChanges != null) {
            GroupEventDispatcher.removeListener(groupChanges);
            groupChanges.stop();
            groupChanges = null;
        }
        if (interceptor != null) {
            InterceptorManager.getInstance().removeInterceptor(interceptor);
            interceptor = null;
        }
        if (listener != null) {
            MUCEventDispatcher.removeListener(listener);
            listener = null;
        }
        if (tracker != null) {
            tracker.clear();
            tracker = null;
        }
        if (versions != null) {
            versions.clear();
            versions = null;
        }
        // A clustered cache is shared: destroying it empties it on every node (Hazelcast's IMap.destroy), which
        // would lose the other nodes' room histories and requests in flight when one node unloads the plugin
        // (a rolling upgrade). Only this node's own entries were dropped above.
        if (!ClusterManager.isClusteringStarted()) {
            CacheFactory.destroyCache(ROOM_CACHE);
            CacheFactory.destroyCache(HELD_CACHE);
            CacheFactory.destroyCache(HISTORY_CACHE);
            CacheFactory.destroyCache(LAST_CHANGE_CACHE);
        }
        // As SystemProperty asks of plugins: the property can then be registered again by the next load.
        SystemProperty.removePropertiesForPlugin(OpenfireSettingLevels.PLUGIN_NAME);
        Log.info("MUC affiliation notifications stopped.");
    }

    @Override
    public NotificationSettings settings() {
        return settings;
    }

    @Override
    public RoomCatalog catalog() {
        return catalog;
    }

    @Override
    public PluginCounters counters() {
        return counters;
    }

    @Override
    public LastAnnouncements lastAnnouncements() {
        return announcements;
    }

    /**
     * Every 10 s: picks up MUC services created since, and expires requests whose end never came (dropping
     * them, and delivering any reply held for them).
     */
    private static void housekeeping(ChangeTracker followed, MucServiceDomains mucDomains, PluginCounters counters) {
        try {
            mucDomains.refresh();
            final int expired = followed.expireLost();
            if (expired > 0) {
                Log.debug("Expired {} affiliation request(s) whose processing never ended.", expired);
            }
        } catch (RuntimeException e) {
            counters.increment(Counter.FAILURES);
            Log.warn("Housekeeping of followed affiliation requests failed", e);
        }
    }

    private static Set<String> serviceDomains(MultiUserChatManager mucManager) {
        final Set<String> domains = new LinkedHashSet<>();
        for (MultiUserChatService service : mucManager.getMultiUserChatServices()) {
            domains.add(service.getServiceDomain());
        }
        return domains;
    }
}
