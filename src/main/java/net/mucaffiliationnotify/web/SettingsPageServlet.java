package net.mucaffiliationnotify.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.mucaffiliationnotify.settings.NotificationSettings;
import net.mucaffiliationnotify.settings.RoomCatalog;
import net.mucaffiliationnotify.statistics.LastAnnouncements;
import net.mucaffiliationnotify.statistics.PluginCounters;

/**
 * What both admin pages share: finding the plugin, the admin's language, Openfire's CSRF token, flash
 * messages after a redirect, and the answer to a refused request.
 *
 * <p><b>CSRF.</b> With {@code <csrfProtectionEnabled>} in plugin.xml, Openfire's {@code PluginServlet}
 * refuses every non-GET request whose {@code csrf} parameter differs from the session attribute
 * {@code csrf}; before it hands any request to a plugin servlet it replaces that attribute with a fresh
 * token and sets the same token as the request attribute {@code csrf}. So the token a POST carries can no
 * longer be compared with Openfire's by the time the servlet runs. The pages therefore also keep their own
 * copy of the token they wrote into the form (session attribute {@value #CSRF_SESSION_ATTRIBUTE}) and refuse
 * a POST that does not carry it: a second check that holds even where the plugin's CSRF protection is
 * switched off.</p>
 */
abstract class SettingsPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** The request parameter, and Openfire's request attribute, of the CSRF token. */
    static final String CSRF_PARAMETER = "csrf";
    /** Where the pages keep the token of the form they last wrote. */
    static final String CSRF_SESSION_ATTRIBUTE = "mucaffiliationnotify.csrf";
    /** Prefix of the pages' own flash messages in the session. */
    static final String FLASH_ATTRIBUTE_PREFIX = "mucaffiliationnotify.flash.";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger Log = LoggerFactory.getLogger(SettingsPageServlet.class);

    private final transient Supplier<SettingsPagesContext> contextSource;
    private final transient Supplier<Locale> localeSource;
    private final transient ClassLoader bundleLoader;

    /**
     * @param contextSource the running plugin, or {@code null} from it while it is not running
     * @param localeSource the admin console's locale
     * @param bundleLoader the class loader that sees {@code mucaffiliationnotify_i18n*.properties}, or
     *     {@code null} for the servlet's own (the plugin's, in Openfire)
     */
    SettingsPageServlet(Supplier<SettingsPagesContext> contextSource, Supplier<Locale> localeSource,
                        ClassLoader bundleLoader) {
        this.contextSource = Objects.requireNonNull(contextSource, "contextSource");
        this.localeSource = Objects.requireNonNull(localeSource, "localeSource");
        this.bundleLoader = bundleLoader;
    }

    /**
     * Finds the plugin. Openfire's PluginManager creates and initialises the plugin's servlets after it has
     * instantiated the plugin but before it calls {@code initializePlugin}: the plugin is found here, and its
     * settings and catalog are asked for at each request.
     */
    @Override
    public void init() throws ServletException {
        super.init();
        if (contextSource instanceof OpenfirePluginLookup && context() == null) {
            Log.warn("Servlet {}: the MUC Affiliation Notify plugin is not among Openfire's plugins yet; "
                + "it is looked for again at the first request.", getServletName());
        }
    }

    private SettingsPagesContext context() {
        try {
            return contextSource.get();
        } catch (RuntimeException e) {
            Log.warn("Could not find the MUC Affiliation Notify plugin.", e);
            return null;
        }
    }

    /**
     * @return a context that always answers with the given collaborators
     */
    static Supplier<SettingsPagesContext> fixed(NotificationSettings settings, RoomCatalog catalog,
                                                AdminAuditLog audit) {
        return fixed(settings, catalog, audit, null, null);
    }

    /**
     * @param counters this node's counters, or {@code null}
     * @param announcements the rooms' last announced changes, or {@code null}
     * @return a context that always answers with the given collaborators
     */
    static Supplier<SettingsPagesContext> fixed(NotificationSettings settings, RoomCatalog catalog,
                                                AdminAuditLog audit, PluginCounters counters,
                                                LastAnnouncements announcements) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(audit, "audit");
        final SettingsPagesContext context = new SettingsPagesContext() {
            @Override
            public NotificationSettings settings() {
                return settings;
            }

            @Override
            public RoomCatalog catalog() {
                return catalog;
            }

            @Override
            public AdminAuditLog audit() {
                return audit;
            }

            @Override
            public PluginCounters counters() {
                return counters;
            }

            @Override
            public LastAnnouncements lastAnnouncements() {
                return announcements;
            }
        };
        return () -> context;
    }

    /** The collaborators of one request. */
    static final class Ready {
        final NotificationSettings settings;
        final RoomCatalog catalog;
        final AdminAuditLog audit;
        /** This node's counters, or {@code null} when the context has none. */
        final PluginCounters counters;
        /** The rooms' last announced changes, or {@code null} when the context has none. */
        final LastAnnouncements announcements;

        Ready(NotificationSettings settings, RoomCatalog catalog, AdminAuditLog audit, PluginCounters counters,
              LastAnnouncements announcements) {
            this.settings = settings;
            this.catalog = catalog;
            this.audit = audit;
            this.counters = counters;
            this.announcements = announcements;
        }
    }

    /** @return the page's title key (also the title of its problem pages) */
    abstract String titleKey();

    /**
     * @param page a problem page of this servlet
     */
    abstract void problemNavigation(AdminPage page);

    /**
     * @return the texts in the admin console's language
     */
    final Messages messages() {
        return Messages.load(bundleLoader == null ? getClass().getClassLoader() : bundleLoader, localeSource.get());
    }

    /**
     * Sets the encodings; Openfire's SetCharacterEncodingFilter covers only {@code *.jsp}. (For a POST,
     * Openfire's PluginServlet has already read the parameters when it checked the CSRF token: the body
     * is then decoded with the container's default, UTF-8 in Openfire's Jetty.)
     */
    static void prepare(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getCharacterEncoding() == null) {
            request.setCharacterEncoding(StandardCharsets.UTF_8.name());
        }
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType("text/html; charset=UTF-8");
    }

    /**
     * @return the collaborators, or {@code null} after answering 503 when the plugin is not running
     */
    final Ready ready(HttpServletRequest request, HttpServletResponse response, Messages messages)
        throws IOException {
        final SettingsPagesContext context = context();
        final NotificationSettings settings = context == null ? null : context.settings();
        final RoomCatalog catalog = context == null ? null : context.catalog();
        if (settings == null || catalog == null) {
            problem(request, response, messages,
                new PageProblem(HttpServletResponse.SC_SERVICE_UNAVAILABLE, messages.get("error.not_ready")));
            return null;
        }
        final AdminAuditLog audit = context.audit();
        return new Ready(settings, catalog, audit == null ? OpenfireAdminAuditLog.INSTANCE : audit, context.counters(),
            context.lastAnnouncements());
    }

    /**
     * Answers a refused request with a page that says why; nothing was changed.
     */
    final void problem(HttpServletRequest request, HttpServletResponse response, Messages messages,
                       PageProblem problem) throws IOException {
        final AdminPage page = new AdminPage(request.getContextPath(), messages.get(titleKey()));
        problemNavigation(page);
        page.boxes(takeFlashes(request));
        page.box(MessageKind.ERROR, problem.getMessage());
        problemLinks(request, page, messages);
        // setStatus, not sendError: sitemesh decorates the page only when no error was sent.
        response.setStatus(problem.status());
        response.getWriter().write(page.render());
    }

    /**
     * @param page a problem page, to which links back may be added
     */
    void problemLinks(HttpServletRequest request, AdminPage page, Messages messages) {
    }

    /**
     * @return the CSRF token to write into the page's forms: Openfire's (request attribute {@code csrf}), or
     *     one of the page's own when Openfire set none; remembered in the session for {@link #csrfMatches}
     */
    static String issueCsrfToken(HttpServletRequest request) {
        final Object issued = request.getAttribute(CSRF_PARAMETER);
        final String token;
        if (issued instanceof String && !((String) issued).isEmpty()) {
            token = (String) issued;
        } else {
            final byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        request.getSession().setAttribute(CSRF_SESSION_ATTRIBUTE, token);
        return token;
    }

    /**
     * Checks, and uses up, the token of the last form the pages wrote in this session.
     *
     * @return whether the request's {@code csrf} parameter is that token
     */
    static boolean csrfMatches(HttpServletRequest request) {
        final HttpSession session = request.getSession(false);
        if (session == null) {
            return false;
        }
        final Object expected = session.getAttribute(CSRF_SESSION_ATTRIBUTE);
        session.removeAttribute(CSRF_SESSION_ATTRIBUTE);
        final String given = request.getParameter(CSRF_PARAMETER);
        return expected instanceof String && given != null
            && MessageDigest.isEqual(((String) expected).getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Keeps a message for the page the browser is redirected to.
     */
    static void flash(HttpServletRequest request, MessageKind kind, String text) {
        request.getSession().setAttribute(FLASH_ATTRIBUTE_PREFIX + kind.type(), text);
    }

    /**
     * Takes the flash messages of the session: the pages' own, and Openfire's (session attributes
     * {@code success}, {@code warning}, {@code error}: PluginServlet puts its CSRF failure message in
     * {@code error}). All are shown as plain text.
     *
     * @return the messages, removed from the session
     */
    static List<Flash> takeFlashes(HttpServletRequest request) {
        final HttpSession session = request.getSession(false);
        if (session == null) {
            return List.of();
        }
        final List<Flash> flashes = new ArrayList<>();
        for (MessageKind kind : MessageKind.values()) {
            for (String attribute : new String[] {kind.type(), FLASH_ATTRIBUTE_PREFIX + kind.type()}) {
                final Object text = session.getAttribute(attribute);
                if (text != null) {
                    session.removeAttribute(attribute);
                    flashes.add(new Flash(kind, String.valueOf(text)));
                }
            }
        }
        return flashes;
    }
}
