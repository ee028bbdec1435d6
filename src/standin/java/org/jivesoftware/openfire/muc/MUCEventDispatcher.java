package org.jivesoftware.openfire.muc;

/** Stand-in for Openfire 5.1.1's MUCEventDispatcher (members used by the plugin). */
public class MUCEventDispatcher {
    public static void addListener(MUCEventListener listener) {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public static void removeListener(MUCEventListener listener) {
        throw new UnsupportedOperationException("Openfire stand-in");
    }
}
