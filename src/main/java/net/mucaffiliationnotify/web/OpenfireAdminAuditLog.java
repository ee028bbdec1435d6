package net.mucaffiliationnotify.web;

import org.jivesoftware.openfire.security.SecurityAuditManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes to Openfire's security audit log (Server → Server Manager → Security Audit Viewer), as the admin
 * console's own pages do through {@code WebManager.logEvent}, and to the plugin's log.
 */
public final class OpenfireAdminAuditLog implements AdminAuditLog {
    private static final Logger Log = LoggerFactory.getLogger(OpenfireAdminAuditLog.class);

    /** The one instance. */
    public static final OpenfireAdminAuditLog INSTANCE = new OpenfireAdminAuditLog();

    private OpenfireAdminAuditLog() {
    }

    @Override
    public void log(String adminName, String summary, String details) {
        Log.info("{}: {} ({})", adminName, summary, details);
        try {
            SecurityAuditManager.getInstance().logEvent(adminName, summary, details);
        } catch (RuntimeException e) {
            Log.warn("Could not write to Openfire's security audit log: {} by {} ({})", summary, adminName, details, e);
        }
    }
}
