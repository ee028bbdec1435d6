package net.mucaffiliationnotify.openfire;

import java.io.File;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jivesoftware.openfire.XMPPServer;
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

    private ChangeTracker tracker;
    private AffiliationChangeInterceptor interceptor;
    private RoomLifecycleListener listener;

    @Override
    public void initializePlugin(PluginManager manager, File pluginDirectory) {
        final XMPPServer server = XMPPServer.getInstance();
        final MultiUserChatManager mucManager = server.getMultiUserChatManager();
        tracker = new ChangeTracker(new OpenfireRoomDirectory(mucManager),
            new RoutingNotificationSink(server.getPacketRouter()), RoomSwitch.ALWAYS_ON, System::nanoTime,
            TrackerLimits.DEFAULT);
        interceptor = new AffiliationChangeInterceptor(
            new MucServiceDomains(() -> serviceDomains(mucManager), System::nanoTime), tracker);
        listener = new RoomLifecycleListener(tracker);

        MUCEventDispatcher.addListener(listener);
        InterceptorManager.getInstance().addInterceptor(interceptor);
        Log.info("MUC affiliation notifications started.");
    }

    @Override
    public void destroyPlugin() {
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

    private static Set<String> serviceDomains(MultiUserChatManager mucManager) {
        final Set<String> domains = new LinkedHashSet<>();
        for (MultiUserChatService service : mucManager.getMultiUserChatServices()) {
            domains.add(service.getServiceDomain());
        }
        return domains;
    }
}
