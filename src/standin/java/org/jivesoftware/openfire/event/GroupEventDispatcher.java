package org.jivesoftware.openfire.event;

/** Stand-in for Openfire 5.1.1's GroupEventDispatcher (members used by the plugin). */
public class GroupEventDispatcher {
    private GroupEventDispatcher() {
    }

    public static void addListener(GroupEventListener listener) {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public static void removeListener(GroupEventListener listener) {
        throw new UnsupportedOperationException("Openfire stand-in");
    }
}
