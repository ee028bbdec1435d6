package net.mucaffiliationnotify.web;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;

/** Keeps the audit entries; the admin is the one the login emulation put in the session. */
final class RecordingAuditLog implements AdminAuditLog {
    /** Session attribute set by {@link OpenfireEmulationFilter} in place of Openfire's AuthToken. */
    static final String ADMIN_ATTRIBUTE = "test.admin";

    static final class Entry {
        final String admin;
        final String summary;
        final String details;

        Entry(String admin, String summary, String details) {
            this.admin = admin;
            this.summary = summary;
            this.details = details;
        }

        @Override
        public String toString() {
            return admin + ": " + summary + " (" + details + ")";
        }
    }

    final List<Entry> entries = new CopyOnWriteArrayList<>();

    @Override
    public String adminName(HttpServletRequest request) {
        final HttpSession session = request.getSession(false);
        final Object admin = session == null ? null : session.getAttribute(ADMIN_ATTRIBUTE);
        return admin == null ? UNKNOWN_ADMIN : admin.toString();
    }

    @Override
    public void log(String adminName, String summary, String details) {
        entries.add(new Entry(adminName, summary, details));
    }
}
