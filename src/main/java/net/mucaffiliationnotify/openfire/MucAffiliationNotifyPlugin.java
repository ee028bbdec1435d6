package net.mucaffiliationnotify.openfire;

import java.io.File;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.interceptor.InterceptorManager;
import org.jivesoftware.openfire.muc.MUCEventDispatcher;
import org.jivesoftware.openfire.muc.MultiUserChatManager;
import org.jivesoftware.openfire.muc.MultiUserChatService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.mucaffiliationnotify.tracking.ChangeTracker;
import net.mucaffiliationnotify.tracking.RoomSwitch;
import net.mucaffiliationnotify.tracking.TrackerLimits;

/**
 * The plugin's lifecycle: wires the tracker to Openfire on load and unwires everything on unload.
 */
public final class MucAffiliationNotifyPlugin implements Plugin {
    private static final Logger Log = LoggerFactory.getLogger(MucAffiliationNotifyPlugin.class);
    static final String HOUSEKEEPING_THREAD = "mucaffiliationnotify-housekeeping";

    private ChangeTracker tracker;
    private AffiliationChangeInterceptor interceptor;
    private RoomLifecycleListener listener;
    private ScheduledExecutorService housekeeping;

    @Override
    public void initializePlugin(PluginManager manager, File pluginDirectory) {
        final XMPPServer server = XMPPServer.getInstance();
        final MultiUserChatManager mucManager = server.getMultiUserChatManager();
        tracker = new ChangeTracker(new OpenfireRoomDirectory(mucManager, ClusterManager::isClusteringStarted),
            new RoutingNotificationSink(server.getPacketRouter()), RoomSwitch.ALWAYS_ON, System::nanoTime,
            TrackerLimits.DEFAULT);
        interceptor = new AffiliationChangeInterceptor(
            new MucServiceDomains(() -> serviceDomains(mucManager), System::nanoTime), tracker);
        listener = new RoomLifecycleListener(tracker);

        MUCEventDispatcher.addListener(listener);
        InterceptorManager.getInstance().addInterceptor(interceptor);
        housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, HOUSEKEEPING_THREAD);
            thread.setDaemon(true);
            return thread;
        });
        final ChangeTracker followed = tracker;
        housekeeping.scheduleWithFixedDelay(() -> expireLost(followed), 10, 10, TimeUnit.SECONDS);
        Log.info("MUC affiliation notifications started.");
    }

    @Override
    public void destroyPlugin() {
        if (housekeeping != null) {
            housekeeping.shutdownNow();
            try {
                housekeeping.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            housekeeping = null;
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
        Log.info("MUC affiliation notifications stopped.");
    }

    /** Requests whose end never came: drop them, and deliver any reply held for them. */
    private static void expireLost(ChangeTracker followed) {
        try {
            final int expired = followed.expireLost();
            if (expired > 0) {
                Log.debug("Expired {} affiliation request(s) whose processing never ended.", expired);
            }
        } catch (RuntimeException e) {
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
