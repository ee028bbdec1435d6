package net.mucaffiliationnotify.cluster;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import java.lang.reflect.Constructor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.dom4j.Element;
import org.jivesoftware.openfire.PacketRouter;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.session.Session;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import net.mucaffiliationnotify.openfire.AffiliationChangeInterceptor;
import net.mucaffiliationnotify.openfire.MucServiceDomains;
import net.mucaffiliationnotify.settings.JdbcRoomSettingsStore;
import net.mucaffiliationnotify.settings.NotificationSettings;
import net.mucaffiliationnotify.settings.RoomKey;
import net.mucaffiliationnotify.settings.Setting;
import net.mucaffiliationnotify.statistics.LastAnnouncements;
import net.mucaffiliationnotify.statistics.PluginCounters;
import net.mucaffiliationnotify.tracking.AffiliationVersions;
import net.mucaffiliationnotify.tracking.ChangeTracker;
import net.mucaffiliationnotify.tracking.Announcement;
import net.mucaffiliationnotify.tracking.HeldJids;
import net.mucaffiliationnotify.tracking.RoomChanges;
import net.mucaffiliationnotify.tracking.RoomLocks;
import net.mucaffiliationnotify.tracking.RoomStore;
import net.mucaffiliationnotify.tracking.NotificationSink;
import net.mucaffiliationnotify.tracking.RoomDirectory;
import net.mucaffiliationnotify.tracking.RoomState;
import net.mucaffiliationnotify.tracking.TrackerLimits;
import net.mucaffiliationnotify.tracking.VersioningLimits;
import net.mucaffiliationnotify.versioning.VersionHasher;

/**
 * One Openfire node: a Hazelcast member and the plugin as it runs on that node (its own settings, wired to a
 * cache the member's map backs, its own tracker and interceptor), with Openfire's routers, interceptor manager
 * and MUC service simulated in the order Openfire 5.1.1 runs them.
 */
final class SimulatedNode {
    /** A change the MUC service applies to its copy of the room; returns the reply's type (result or error). */
    @FunctionalInterface
    interface RoomChange {
        IQ.Type apply(RoomRecord room);
    }

    /** Points at which a test can stop a request being processed, to order it against other nodes. */
    static class Hooks {
        /** After the interceptors saw the request enter, before the MUC service takes the room lock. */
        void received() {
        }

        /** After the MUC service released the room lock, before the interceptors see the request as processed. */
        void unlocked() {
        }
    }

    static final Hooks NO_HOOKS = new Hooks();

    /** One call of the plugin's interceptor on this node. */
    record InterceptorCall(Packet packet, boolean incoming, boolean processed) {
    }

    final String name;
    private final ClusterHarness harness;
    private volatile HazelcastInstance member;
    final SwitchableCache<String, String> settingsCache;
    final HookedStore store;
    /** This node's access to the affected user's setting in the shared database. */
    final HookedStore affectedUserStore;
    final NotificationSettings settings;
    /** What requests in flight hold ({@link ClusterHarness#HELD_CACHE}); its locks are the rooms' locks. */
    final SwitchableCache<String, String> heldCache;
    /** The plugin's XEP-0463 history cache ({@link ClusterHarness#HISTORY_CACHE}), as Openfire's CacheWrapper. */
    final SwitchableCache<String, String> historyCache;
    /** The plugin's RoutingNotificationSink on this node (one per node, as the plugin has). */
    private final NotificationSink pluginSink;
    /** The plugin's sink, noting what this node announced (its own looks at rooms, not what others sent it). */
    final NotificationSink sink;
    /** What this node announced, in order (announcements that told someone). */
    final List<Announcement> announced = Collections.synchronizedList(new ArrayList<>());
    /** The rooms' histories and their announcements. */
    final RoomChanges changes;
    final ChangeTracker tracker;
    /** XEP-0463 versioning, wired as MucAffiliationNotifyPlugin.initializePlugin wires it. */
    final AffiliationVersions versions;
    final AffiliationChangeInterceptor interceptor;
    /** Every stanza this node's routers were asked to route, in order (what this node sent). */
    final List<Packet> routed = Collections.synchronizedList(new ArrayList<>());
    /** Stanzas an interceptor rejected on their way through this node's router (dropped, as IQRouter does). */
    final List<Packet> rejected = Collections.synchronizedList(new ArrayList<>());
    final List<InterceptorCall> interceptorCalls = Collections.synchronizedList(new ArrayList<>());
    /** Run once, on the thread it is registered for, right after the tracker's next read of a room on it. */
    final Map<Thread, Runnable> afterRoomRead = new ConcurrentHashMap<>();
    private final Router router;

    SimulatedNode(String name, ClusterHarness harness, HazelcastInstance member) {
        this.name = name;
        this.harness = harness;
        this.member = member;
        harness.register(member, this);
        // Openfire's CacheFactory.createCache hands the plugin a CacheWrapper around the clustered cache.
        this.settingsCache = new SwitchableCache<>(ClusterHarness.settingsMap(member));
        this.store = new HookedStore(new JdbcRoomSettingsStore(harness.database.connections(), Setting.NOTIFICATIONS));
        this.affectedUserStore = new HookedStore(new JdbcRoomSettingsStore(harness.database.connections(),
            Setting.AFFECTED_USER));
        this.settings = new NotificationSettings(harness::levels, SimulatedNode::roomKey,
            setting -> setting == Setting.NOTIFICATIONS ? store : affectedUserStore, settingsCache,
            settingsCache::getLock);
        this.heldCache = new SwitchableCache<>(member.getMap(ClusterHarness.HELD_CACHE));
        final Router router = new Router();
        // As initializePlugin: one hasher keyed with the secret every node reads from the shared database, the
        // histories and held JIDs in the clustered caches while clustered (ClusterManager.isClusteringStarted),
        // a directory and a routing sink of their own, the tracker and the interceptor using the versions.
        final VersionHasher hasher = new VersionHasher(harness.versionSecret);
        final VersioningLimits versioningLimits = VersioningLimits.DEFAULT;
        this.historyCache = new SwitchableCache<>(ClusterHarness.historyMap(member));
        final NotificationSink plugin = routingSink(router);
        this.sink = new NotificationSink() {
            @Override
            public void deliver(List<net.mucaffiliationnotify.rules.Notification> notifications) {
                plugin.deliver(notifications);
            }

            @Override
            public void deliverHeldReply(Packet reply) {
                plugin.deliverHeldReply(reply);
            }

            @Override
            public void announce(Announcement announcement) {
                // Under the room's cluster-wide lock: the harness's record is in the order of the room's history.
                harness.recordAnnouncement(announcement);
                if (!announcement.notifications().isEmpty()) {
                    announced.add(announcement);
                }
                plugin.announce(announcement);
            }
        };
        this.pluginSink = plugin;
        this.changes = new RoomChanges(new ClusteredRoomDirectory(true), sink, settings, settings,
            hasher, RoomLocks.following(this::inCluster, RoomLocks.local(), RoomLocks.clustered(heldCache::getLock)),
            RoomStore.following(this::inCluster, RoomStore.local(Integer.MAX_VALUE),
                RoomStore.clustered(heldCache, HeldJids.CODEC)),
            RoomStore.following(this::inCluster, RoomStore.local(RoomChanges.MAX_LOCAL_ROOMS),
                RoomStore.clustered(historyCache, RoomChanges.historyCodec(hasher, versioningLimits.maxSteps()))),
            versioningLimits.maxSteps(), new PluginCounters(Instant.EPOCH));
        this.tracker = new ChangeTracker(new ClusteredRoomDirectory(true), changes, sink, settings,
            System::nanoTime, TrackerLimits.DEFAULT, new PluginCounters(Instant.EPOCH));
        this.versions = new AffiliationVersions(new ClusteredRoomDirectory(false), sink, changes,
            tracker, hasher, versioningLimits, System::nanoTime, new PluginCounters(Instant.EPOCH));
        this.interceptor = new AffiliationChangeInterceptor(
            new MucServiceDomains(() -> Set.of(ClusterHarness.SERVICE_DOMAIN)), tracker, versions);
        this.router = router;
    }

    /** The settings key of a room of the MUC service, as the plugin derives it. */
    static RoomKey roomKey(JID roomJid) {
        if (roomJid == null || roomJid.getNode() == null || !ClusterHarness.SERVICE_DOMAIN.equals(roomJid.getDomain())) {
            return null;
        }
        return new RoomKey(ClusterHarness.SERVICE, roomJid.getNode());
    }

    static RoomKey roomKey(String roomName) {
        return new RoomKey(ClusterHarness.SERVICE, roomName);
    }

    /** The plugin's own sink (package-private in the openfire package), routing through this node's router. */
    /**
     * The plugin's RoutingNotificationSink as initializePlugin wires it: clustered while this member is in the
     * cluster, announcements handed to the other members as Openfire's CacheFactory.doClusterTask does (the
     * plugin's own AnnouncementTask, serialized), sessions local when connected to this node.
     */
    private NotificationSink routingSink(PacketRouter router) {
        try {
            final Constructor<?> constructor = Class.forName("net.mucaffiliationnotify.openfire.RoutingNotificationSink")
                .getDeclaredConstructor(PacketRouter.class, PluginCounters.class, LastAnnouncements.class, Clock.class,
                    java.util.function.BooleanSupplier.class, java.util.function.Consumer.class,
                    java.util.function.Predicate.class, java.util.function.LongSupplier.class);
            constructor.setAccessible(true);
            final java.util.function.Consumer<Announcement> broadcast = a -> harness.broadcast(this, a);
            final java.util.function.Predicate<JID> local = jid -> harness.nodeOf(jid) == this;
            final java.util.function.BooleanSupplier clustered = this::inCluster;
            final java.util.function.LongSupplier clock = System::nanoTime;
            return (NotificationSink) constructor.newInstance(router, new PluginCounters(Instant.EPOCH),
                new LastAnnouncements(new ConcurrentHashMap<>()), Clock.systemUTC(), clustered, broadcast, local, clock);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the plugin's RoutingNotificationSink is needed", e);
        }
    }

    /**
     * The plugin's release thread, run once: delivers what waited long enough for an earlier announcement.
     *
     * @return how many announcements still wait
     */
    int releaseOverdue() {
        try {
            final java.lang.reflect.Method release = pluginSink.getClass().getDeclaredMethod("releaseOverdue");
            release.setAccessible(true);
            release.invoke(pluginSink);
            final java.lang.reflect.Method waiting = pluginSink.getClass().getDeclaredMethod("waitingCount");
            waiting.setAccessible(true);
            return (Integer) waiting.invoke(pluginSink);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the plugin's RoutingNotificationSink.releaseOverdue() is needed", e);
        }
    }

    /** An announcement another node handed to this one: to the plugin's sink, as AnnouncementTask.run does. */
    void receive(Announcement announcement) {
        try {
            final java.lang.reflect.Method receive = pluginSink.getClass().getDeclaredMethod("receive",
                Announcement.class);
            receive.setAccessible(true);
            receive.invoke(pluginSink, announcement);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the plugin's RoutingNotificationSink.receive(Announcement) is needed", e);
        }
    }

    HazelcastInstance member() {
        return member;
    }

    boolean inCluster() {
        final HazelcastInstance m = member;
        return m != null && m.getLifecycleService().isRunning();
    }

    IMap<String, RoomRecord> rooms() {
        return member.getMap(ClusterHarness.ROOMS_CACHE);
    }

    // ---------------------------------------------------------------- cluster membership

    /**
     * The node leaves the cluster: its member shuts down (gracefully: its partitions migrate; or not: a crash,
     * backups take over), then Openfire's CacheFactory.leftCluster swaps in a new, empty local cache.
     */
    void leaveCluster(boolean graceful) {
        final HazelcastInstance leaving = member;
        member = null;
        if (graceful) {
            leaving.shutdown();
        } else {
            leaving.getLifecycleService().terminate();
        }
        harness.unregister(leaving);
        settingsCache.switchTo(new ConcurrentHashMap<>());
        heldCache.switchTo(new ConcurrentHashMap<>());
        historyCache.switchTo(new ConcurrentHashMap<>());
    }

    /** The node joins again with a new member: CacheFactory.joinedCluster swaps in the member's (clustered) cache. */
    void joinCluster() {
        final HazelcastInstance joining = harness.newMember(name);
        harness.register(joining, this);
        member = joining;
        settingsCache.switchTo(ClusterHarness.settingsMap(joining));
        heldCache.switchTo(joining.getMap(ClusterHarness.HELD_CACHE));
        historyCache.switchTo(ClusterHarness.historyMap(joining));
    }

    void forgetMember() {
        member = null;
    }

    // ---------------------------------------------------------------- Openfire's stanza paths on this node

    /** InterceptorManager.invokeInterceptors: the plugin's interceptor is the only one installed. */
    private void intercept(Packet packet, Session session, boolean incoming, boolean processed)
            throws PacketRejectedException {
        interceptorCalls.add(new InterceptorCall(packet, incoming, processed));
        interceptor.interceptPacket(packet, session, incoming, processed);
    }

    /**
     * A client connected to this node sends an IQ to a room: IQRouter.route with the sender's session
     * (interceptors, handling, interceptors), the handling being the MUC service's in a cluster: take the
     * cluster lock of the room, take a copy of the room from the clustered cache, apply the change to the copy,
     * route the reply (under the lock, before the room is synced), put the copy back (syncChatRoom), unlock.
     */
    void clientSendsIq(IQ request, RoomChange change) {
        clientSendsIq(request, change, NO_HOOKS);
    }

    void clientSendsIq(IQ request, RoomChange change, Hooks hooks) {
        final Session session = harness.session(request.getFrom());
        assertSame("the requester is connected to node " + name, this, harness.nodeOf(request.getFrom()));
        try {
            intercept(request, session, true, false);
        } catch (PacketRejectedException e) {
            throw new AssertionError("a request must never be rejected: " + request.toXML(), e);
        }
        hooks.received();
        final String roomName = request.getTo().getNode();
        final IMap<String, RoomRecord> rooms = rooms();
        rooms.lock(roomName);
        try {
            final RoomRecord copy = rooms.get(roomName);
            final IQ reply = IQ.createResultIQ(request);
            if (copy == null) {
                reply.setType(IQ.Type.error);
                reply.setError(PacketError.Condition.item_not_found);
            } else if (change.apply(copy) == IQ.Type.error) {
                reply.setChildElement(request.getChildElement().createCopy());
                reply.setError(PacketError.Condition.not_allowed);
            }
            router.route(reply);
            if (copy != null) {
                // MultiUserChatService.syncChatRoom -> LocalMUCRoomManager.sync, under the same (reentrant) lock.
                rooms.lock(roomName);
                try {
                    rooms.put(roomName, copy);
                } finally {
                    rooms.unlock(roomName);
                }
            }
        } finally {
            rooms.unlock(roomName);
        }
        hooks.unlocked();
        try {
            intercept(request, session, true, true);
        } catch (PacketRejectedException e) {
            throw new AssertionError("a processed request must never be rejected", e);
        }
    }

    /**
     * A client connected to this node joins a room: PresenceRouter.route with the sender's session
     * (interceptors, handling, interceptors), the handling being the MUC service's in a cluster: under the
     * cluster lock of the room, a copy of the room; a refused join (an outcast, or no affiliation in a
     * members-only room) is answered with an error presence; an accepted one adds the occupant to the copy and
     * routes, through this node's router, the present occupants' presences to the joiner, the joiner's
     * presence to them, and last the joiner's self-presence (status 110, and 100 in a non-anonymous room);
     * then the copy is synced and the lock released (the copy in the cache lacks the joiner while the
     * presences are routed, as Openfire's syncChatRoom comes after joinRoom).
     *
     * @param fullJid the joiner's session, connected to this node
     * @param roomName the room
     * @param role the role the room gives the joiner
     * @param mav the {@code <mav .../>} to put in the join's muc x (XEP-0463), or {@code null} for none
     * @return the join presence, as the interceptors left it
     */
    Presence clientJoins(String fullJid, String roomName, String role, String mav) {
        final JID joiner = new JID(fullJid);
        assertSame("the joiner is connected to node " + name, this, harness.nodeOf(joiner));
        final Session session = harness.session(joiner);
        final Presence join = new Presence();
        join.setFrom(joiner);
        join.setTo(new JID(roomName, ClusterHarness.SERVICE_DOMAIN, nick(joiner.toString())));
        join.setID("join-" + joiner.getNode());
        final Element x = join.addChildElement("x", "http://jabber.org/protocol/muc");
        if (mav != null) {
            x.add(Verona.element(mav));
        }
        try {
            intercept(join, session, true, false);
        } catch (PacketRejectedException e) {
            throw new AssertionError("a join must never be rejected: " + join.toXML(), e);
        }
        final IMap<String, RoomRecord> rooms = rooms();
        rooms.lock(roomName);
        try {
            final RoomRecord copy = rooms.get(roomName);
            final String affiliation = copy.affiliation(joiner.toBareJID());
            if ("outcast".equals(affiliation) || (copy.membersOnly && "none".equals(affiliation))) {
                final Presence refusal = new Presence(Presence.Type.error);
                refusal.setFrom(join.getTo());
                refusal.setTo(joiner);
                refusal.setID(join.getID());
                refusal.setError("outcast".equals(affiliation) ? PacketError.Condition.forbidden
                    : PacketError.Condition.registration_required);
                router.route(refusal);
            } else {
                final List<String> present = new ArrayList<>(copy.occupantRoles.keySet());
                copy.join(joiner.toString(), role, name);
                for (String occupant : present) {
                    router.route(occupantPresence(copy, occupant, joiner.toString()));
                }
                for (String occupant : present) {
                    router.route(occupantPresence(copy, joiner.toString(), occupant));
                }
                router.route(occupantPresence(copy, joiner.toString(), joiner.toString()));
                rooms.lock(roomName);
                try {
                    rooms.put(roomName, copy);
                } finally {
                    rooms.unlock(roomName);
                }
            }
        } finally {
            rooms.unlock(roomName);
        }
        try {
            intercept(join, session, true, true);
        } catch (PacketRejectedException e) {
            throw new AssertionError("a processed join must never be rejected", e);
        }
        return join;
    }

    /** The nickname of a session in the tests' rooms: the user's local part. */
    static String nick(String fullJid) {
        return new JID(fullJid).getNode();
    }

    /**
     * The presence of occupant {@code about} as the room sends it to {@code to}: its affiliation and role, its
     * real JID when the room is non-anonymous or the recipient a moderator, and status 110 (plus 100 in a
     * non-anonymous room) when it is the recipient's own.
     */
    private static Presence occupantPresence(RoomRecord room, String about, String to) {
        final Presence presence = new Presence();
        presence.setFrom(new JID(room.name, ClusterHarness.SERVICE_DOMAIN, nick(about)));
        presence.setTo(new JID(to));
        final Element x = presence.addChildElement("x", "http://jabber.org/protocol/muc#user");
        final Element item = x.addElement("item")
            .addAttribute("affiliation", room.affiliation(about))
            .addAttribute("role", room.occupantRoles.get(about));
        if (room.nonAnonymous || "moderator".equals(room.occupantRoles.get(to))) {
            item.addAttribute("jid", about);
        }
        if (about.equals(to)) {
            x.addElement("status").addAttribute("code", "110");
            if (room.nonAnonymous) {
                x.addElement("status").addAttribute("code", "100");
            }
        }
        return presence;
    }

    /**
     * An affiliation changed with no XMPP request (Openfire's admin console, the REST API plugin) through this
     * node: under the room's cluster lock, a copy changed and synced back. No interceptor sees anything.
     */
    void changedOutsideXmpp(String roomName, java.util.function.Consumer<RoomRecord> change) {
        final IMap<String, RoomRecord> rooms = rooms();
        rooms.lock(roomName);
        try {
            final RoomRecord copy = rooms.get(roomName);
            change.accept(copy);
            rooms.put(roomName, copy);
        } finally {
            rooms.unlock(roomName);
        }
    }

    /**
     * LocalSession.process for a session connected to this node: interceptors (outgoing), delivery,
     * interceptors (outgoing, processed). A rejected stanza is not delivered.
     */
    void deliverToLocalSession(Packet packet) {
        assertSame("delivered by the node the session is connected to", this, harness.nodeOf(packet.getTo()));
        final Session session = harness.session(packet.getTo());
        try {
            intercept(packet, session, false, false);
        } catch (PacketRejectedException e) {
            rejected.add(packet);
            return;
        }
        harness.received(packet);
        try {
            intercept(packet, session, false, true);
        } catch (PacketRejectedException ignored) {
            // Already delivered.
        }
    }

    /**
     * This node's IQRouter / MessageRouter for a stanza the server generated (the room's reply, the plugin's
     * notifications): interceptors (incoming, no session: the sender is the room), routing to the recipient's
     * session wherever it is connected, interceptors (processed). A rejected stanza has no session to bounce
     * an error to: it is dropped.
     */
    private final class Router implements PacketRouter {
        @Override
        public void route(Packet packet) {
            routed.add(packet.createCopy());
            try {
                intercept(packet, null, true, false);
            } catch (PacketRejectedException e) {
                rejected.add(packet);
                return;
            }
            harness.routeToSession(SimulatedNode.this, packet);
            try {
                intercept(packet, null, true, true);
            } catch (PacketRejectedException ignored) {
                // Already routed.
            }
        }

        @Override
        public void route(IQ packet) {
            route((Packet) packet);
        }

        @Override
        public void route(Message packet) {
            route((Packet) packet);
        }

        @Override
        public void route(Presence packet) {
            route((Packet) packet);
        }
    }

    /**
     * Rooms read from the clustered room cache: every read is a copy, so reads are not live. The tracker's
     * directory runs the {@link #afterRoomRead} hooks; the versions' own directory (the plugin gives them one of
     * their own too) does not, so a hook keeps marking the tracker's read it was written for.
     */
    private final class ClusteredRoomDirectory implements RoomDirectory {
        private final boolean hooked;

        ClusteredRoomDirectory(boolean hooked) {
            this.hooked = hooked;
        }

        @Override
        public RoomState find(JID roomJid) {
            final HazelcastInstance m = member;
            if (m == null || roomJid.getNode() == null || !ClusterHarness.SERVICE_DOMAIN.equals(roomJid.getDomain())) {
                return null;
            }
            final RoomRecord room = m.<String, RoomRecord>getMap(ClusterHarness.ROOMS_CACHE).get(roomJid.getNode());
            final Runnable hook = hooked ? afterRoomRead.remove(Thread.currentThread()) : null;
            if (hook != null) {
                hook.run();
            }
            return room == null ? null : new RecordRoomState(room);
        }

        @Override
        public boolean readsLiveRooms() {
            return false;
        }
    }

    // ---------------------------------------------------------------- what the MUC service does with requests

    /**
     * IQAdminHandler for a muc#admin set: the items are applied one by one, in order; an item naming a JID in
     * {@code refused} stops the handling with an error, the items before it staying applied (Openfire 5.1.1).
     */
    static RoomChange adminItems(IQ request, String... refused) {
        final Set<String> refusedJids = new LinkedHashSet<>();
        for (String jid : refused) {
            refusedJids.add(new JID(jid).toBareJID());
        }
        return room -> {
            for (Element item : request.getChildElement().elements("item")) {
                final String jid = new JID(item.attributeValue("jid")).toBareJID();
                if (refusedJids.contains(jid)) {
                    return IQ.Type.error;
                }
                room.set(jid, item.attributeValue("affiliation"));
            }
            return IQ.Type.result;
        };
    }

    /**
     * IQOwnerHandler for a configuration form sending {@code muc#roomconfig_roomadmins}: the JIDs listed
     * become admins, the admins left out are demoted to member.
     */
    static RoomChange adminsList(String... admins) {
        return room -> {
            final Set<String> listed = new LinkedHashSet<>();
            for (String admin : admins) {
                listed.add(new JID(admin).toBareJID());
            }
            for (String jid : new ArrayList<>(room.affiliations.keySet())) {
                if ("admin".equals(room.affiliations.get(jid)) && !listed.contains(jid)) {
                    room.set(jid, "member");
                }
            }
            listed.forEach(jid -> room.set(jid, "admin"));
            return IQ.Type.result;
        };
    }

    // ---------------------------------------------------------------- checks

    /** @return the interceptor calls this node saw for stanzas coming in (requests, replies, routed stanzas) */
    List<InterceptorCall> incomingCalls() {
        synchronized (interceptorCalls) {
            return interceptorCalls.stream().filter(InterceptorCall::incoming).toList();
        }
    }

    /** Every notification this node routed went to a session connected to it. */
    void assertRoutedOnlyToItsOwnSessions() {
        synchronized (routed) {
            for (Packet packet : routed) {
                if (packet instanceof org.xmpp.packet.Message && ClusterHarness.describe(packet).startsWith("notify ")) {
                    assertSame(packet.toXML(), this, harness.nodeOf(packet.getTo()));
                }
            }
        }
    }

    /** @return how many notifications this node announced (to sessions on every node) */
    int notificationsAnnounced() {
        synchronized (announced) {
            return announced.stream().mapToInt(a -> a.notifications().size()).sum();
        }
    }

    void assertIdle() {
        assertEquals("requests followed on " + name, 0, tracker.pendingCount());
        assertEquals("held JIDs on " + name, 0, tracker.heldCount());
    }

    @Override
    public String toString() {
        return "node " + name;
    }
}
