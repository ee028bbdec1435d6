package net.mucaffiliationnotify.web;

import java.util.function.Supplier;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;

/**
 * Finds the loaded plugin among Openfire's plugins: the one that implements {@link SettingsPagesContext}.
 * The servlets are loaded by the plugin's class loader, so the interface is the plugin's own. The lookup
 * does not depend on the name of the plugin's jar (the canonical name) or on plugin.xml's name.
 */
final class OpenfirePluginLookup implements Supplier<SettingsPagesContext> {
    private volatile SettingsPagesContext found;

    @Override
    public SettingsPagesContext get() {
        SettingsPagesContext context = found;
        if (context == null) {
            context = find();
            found = context;
        }
        return context;
    }

    private static SettingsPagesContext find() {
        final XMPPServer server = XMPPServer.getInstance();
        final PluginManager manager = server == null ? null : server.getPluginManager();
        if (manager == null) {
            return null;
        }
        for (Plugin plugin : manager.getPlugins()) {
            if (plugin instanceof SettingsPagesContext) {
                return (SettingsPagesContext) plugin;
            }
        }
        return null;
    }
}
