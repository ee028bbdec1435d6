package net.mucaffiliationnotify.web;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;

import org.jivesoftware.openfire.auth.AuthToken;

/** Records who changed which setting on the admin pages. */
public interface AdminAuditLog {
    /** The session attribute in which Openfire's admin console keeps the logged-in admin's {@link AuthToken}. */
    String AUTH_TOKEN_ATTRIBUTE = "jive.admin.authToken";

    /** The name used when the admin cannot be told. */
    String UNKNOWN_ADMIN = "(unknown admin)";

    /**
     * @param request a request to an admin page
     * @return the name of the admin who made it, as Openfire's admin console knows it (never {@code null})
     */
    default String adminName(HttpServletRequest request) {
        final HttpSession session = request.getSession(false);
        final Object token = session == null ? null : session.getAttribute(AUTH_TOKEN_ATTRIBUTE);
        if (token instanceof AuthToken.OneTimeAuthToken) {
            // Its "user name" is the secret token itself: never write that into a log.
            return "(one-time access token)";
        }
        if (token instanceof AuthToken) {
            final String username = ((AuthToken) token).getUsername();
            if (username != null && !username.isEmpty()) {
                return username;
            }
        }
        return UNKNOWN_ADMIN;
    }

    /**
     * @param adminName who made the change
     * @param summary what changed, in one line
     * @param details the old and new values
     */
    void log(String adminName, String summary, String details);
}
