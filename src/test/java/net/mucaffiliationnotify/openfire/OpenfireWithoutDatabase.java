package net.mucaffiliationnotify.openfire;

import org.jivesoftware.util.JiveGlobals;

/**
 * Lets tests that run the plugin's Openfire glue against a real xmppserver ({@code -Dopenfire.real}) do so
 * without a database: Openfire's settings in memory only (openfire.xml's non-persisted stand-in), set up,
 * and a database call that fails at once instead of retrying ten times for 2.5 s. Against the stand-in it
 * changes nothing.
 */
final class OpenfireWithoutDatabase {
    private OpenfireWithoutDatabase() {
    }

    static void configure() {
        // Setup done: system properties live in JiveProperties (in memory when the database fails).
        JiveGlobals.setXMLProperty("setup", "true");
        JiveGlobals.setXMLProperty("database.maxRetries", "0");
        JiveGlobals.setXMLProperty("database.retryDelay", "0");
    }
}
