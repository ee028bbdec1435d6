package org.jivesoftware.openfire.container;

/** Stand-in: only used as a parameter type. */
public class PluginManager {
}
