package org.jivesoftware.openfire.container;

import java.util.Collection;
import java.util.Optional;

/** Stand-in for Openfire 5.1.1's PluginManager (members used by the plugin). */
public class PluginManager {
    private PluginManager() {
    }

    public Collection<Plugin> getPlugins() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public Optional<Plugin> getPluginByName(String pluginName) {
        throw new UnsupportedOperationException("Openfire stand-in");
    }
}
