package org.jivesoftware.openfire.container;

import java.io.File;

/** Stand-in for Openfire 5.1.1's plugin contract. */
public interface Plugin {
    void initializePlugin(PluginManager manager, File pluginDirectory);

    void destroyPlugin();
}
