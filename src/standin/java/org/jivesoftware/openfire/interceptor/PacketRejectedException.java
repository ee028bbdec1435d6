package org.jivesoftware.openfire.interceptor;

/** Stand-in. */
public class PacketRejectedException extends Exception {
    public PacketRejectedException() {
    }

    public PacketRejectedException(String msg) {
        super(msg);
    }
}
