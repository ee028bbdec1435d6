package net.mucaffiliationnotify.web;

import java.io.IOException;
import java.security.SecureRandom;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * What Openfire 5.1.1 does to a request for a plugin servlet before the servlet sees it:
 * AuthCheckFilter lets only a logged-in admin through (here: the session gets the test admin), then
 * PluginServlet.service, for a plugin with {@code <csrfProtectionEnabled>true}, refuses every request whose
 * method is not GET unless its {@code csrf} parameter equals the session attribute {@code csrf} — storing
 * its error text in the session attribute {@code error} and redirecting to the request URI without query —
 * and otherwise puts a fresh 32-character token into the session attribute {@code csrf} and the request
 * attribute {@code csrf} before it calls the servlet.
 */
final class OpenfireEmulationFilter implements Filter {
    /** Openfire's English text of {@code global.csrf.failed}. */
    static final String CSRF_FAILED = "CSRF Error: No changes made, you'll need to retry.";
    static final String ADMIN = "admin";

    private static final String CHARACTERS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final boolean csrfProtectionEnabled;

    OpenfireEmulationFilter(boolean csrfProtectionEnabled) {
        this.csrfProtectionEnabled = csrfProtectionEnabled;
    }

    @Override
    public void init(FilterConfig filterConfig) {
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
        final HttpServletRequest request = (HttpServletRequest) req;
        final HttpServletResponse response = (HttpServletResponse) res;
        request.getSession().setAttribute(RecordingAuditLog.ADMIN_ATTRIBUTE, ADMIN);

        if (csrfProtectionEnabled && !passesCsrf(request)) {
            request.getSession().setAttribute("error", CSRF_FAILED);
            response.sendRedirect(request.getRequestURI());
            return;
        }
        final StringBuilder csrf = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            csrf.append(CHARACTERS.charAt(RANDOM.nextInt(CHARACTERS.length())));
        }
        request.getSession().setAttribute("csrf", csrf.toString());
        request.setAttribute("csrf", csrf.toString());
        chain.doFilter(request, response);
    }

    private static boolean passesCsrf(HttpServletRequest request) {
        if (request.getMethod().equals("GET")) {
            return true;
        }
        final String sessionCsrf = (String) request.getSession().getAttribute("csrf");
        return sessionCsrf != null && sessionCsrf.equals(request.getParameter("csrf"));
    }

    @Override
    public void destroy() {
    }
}
