package org.jivesoftware.openfire.muc.spi;

/** Stand-in for Openfire 5.1.1's MUCPersistenceManager (members used by the plugin). */
public class MUCPersistenceManager {
    public static String getProperty(String subdomain, String name) {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public static void setProperty(String subdomain, String name, String value) {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public static void deleteProperty(String subdomain, String name) {
        throw new UnsupportedOperationException("Openfire stand-in");
    }
}
