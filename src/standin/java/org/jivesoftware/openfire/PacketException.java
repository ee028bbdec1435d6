package org.jivesoftware.openfire;

/** Stand-in. */
public class PacketException extends RuntimeException {
    public PacketException() {
    }
}
