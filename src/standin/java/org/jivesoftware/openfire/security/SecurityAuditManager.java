package org.jivesoftware.openfire.security;

/** Stand-in for Openfire 5.1.1's SecurityAuditManager (members used by the plugin). */
public class SecurityAuditManager {
    private SecurityAuditManager() {
    }

    public static SecurityAuditManager getInstance() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public void logEvent(String username, String summary, String details) {
        throw new UnsupportedOperationException("Openfire stand-in");
    }
}
