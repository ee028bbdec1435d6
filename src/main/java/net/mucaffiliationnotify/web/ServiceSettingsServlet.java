package net.mucaffiliationnotify.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.mucaffiliationnotify.settings.EffectiveSetting;
import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.settings.NotificationSettings;
import net.mucaffiliationnotify.settings.RoomCatalog;
import net.mucaffiliationnotify.settings.RoomInfo;
import net.mucaffiliationnotify.settings.RoomKey;
import net.mucaffiliationnotify.settings.SettingsStoreException;

/**
 * The overview page, in the Group Chat tab's "Group Chat Settings" sidebar next to Openfire's service pages:
 * {@code /plugins/mucaffiliationnotify/mucaffiliationnotify-service?mucname=conference}. Sets a service's
 * default and the global default (an Openfire system property, also on the System Properties page), and lists the service's rooms —
 * searchable and paged — with their own and effective settings, to change many at once.
 */
public class ServiceSettingsServlet extends SettingsPageServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger Log = LoggerFactory.getLogger(ServiceSettingsServlet.class);

    /** The servlet's path below the plugin, as web.xml maps it and plugin.xml links it. */
    static final String PATH = "mucaffiliationnotify-service";
    /** The sidebar item of plugin.xml. */
    static final String SIDEBAR_ID = "mucaffiliationnotify-service";
    /** The parameter naming the service, as on Openfire's service pages. */
    static final String SERVICE_PARAMETER = "mucname";
    static final String QUERY_PARAMETER = "q";
    static final String START_PARAMETER = "start";
    static final String RANGE_PARAMETER = "range";
    static final String ACTION_PARAMETER = "action";
    static final String MODE_PARAMETER = "mode";
    static final String ROOM_PARAMETER = "room";
    static final String ACTION_SERVICE_DEFAULT = "service-default";
    static final String ACTION_ROOMS = "rooms";
    static final String ACTION_GLOBAL_DEFAULT = "global-default";
    /** The key of the global default, an Openfire system property. */
    static final String GLOBAL_PROPERTY = "plugin.mucaffiliationnotify.enabled";
    /** Most rooms one bulk action may name. */
    static final int MAX_BULK_ROOMS = 1000;

    /** Created by Openfire from web.xml: finds the loaded plugin on first use. */
    public ServiceSettingsServlet() {
        super(new OpenfirePluginLookup(), Messages::openfireLocale, null);
    }

    /**
     * @param settings the notification settings
     * @param catalog the services and rooms
     * @param audit where changes are recorded
     */
    public ServiceSettingsServlet(NotificationSettings settings, RoomCatalog catalog, AdminAuditLog audit) {
        super(fixed(settings, catalog, audit), Messages::openfireLocale, null);
    }

    ServiceSettingsServlet(Supplier<SettingsPagesContext> context, Supplier<Locale> locale, ClassLoader bundleLoader) {
        super(context, locale, bundleLoader);
    }

    @Override
    String titleKey() {
        return "service.title";
    }

    @Override
    void problemNavigation(AdminPage page) {
        page.meta("pageID", SIDEBAR_ID);
    }

    @Override
    void problemLinks(HttpServletRequest request, AdminPage page, Messages messages) {
        page.html("<p><a href=\"").html(PATH).html("\">").text(messages.get("link.overview")).html("</a></p>\n");
    }

    /** The validated view parameters. */
    private static final class View {
        final String service;
        final String domain;
        final String query;
        final int start;
        final int range;

        View(String service, String domain, String query, int start, int range) {
            this.service = service;
            this.domain = domain;
            this.query = query;
            this.start = start;
            this.range = range;
        }

        /** @return the page's address with these parameters, relative to the plugin's folder */
        String url(int first) {
            final StringBuilder url = new StringBuilder(PATH).append('?').append(SERVICE_PARAMETER).append('=')
                .append(Html.url(service));
            if (!query.isEmpty()) {
                url.append('&').append(QUERY_PARAMETER).append('=').append(Html.url(query));
            }
            if (first > 0) {
                url.append('&').append(START_PARAMETER).append('=').append(first);
            }
            if (range != RoomListing.DEFAULT_RANGE) {
                url.append('&').append(RANGE_PARAMETER).append('=').append(range);
            }
            return url.toString();
        }
    }

    /**
     * @return the view, or {@code null} when there is no MUC service at all
     */
    private static View view(HttpServletRequest request, RoomCatalog catalog, Messages messages) throws PageProblem {
        final String query = RoomListing.parseQuery(request.getParameter(QUERY_PARAMETER), messages);
        final int start = RoomListing.parseStart(request.getParameter(START_PARAMETER), messages);
        final int range = RoomListing.parseRange(request.getParameter(RANGE_PARAMETER), messages);
        final String requested = request.getParameter(SERVICE_PARAMETER);
        final List<String> services = catalog.services();
        final String service;
        if (requested == null || requested.isEmpty()) {
            if (services.isEmpty()) {
                return null;
            }
            service = services.get(0);
        } else if (services.contains(requested)) {
            service = requested;
        } else {
            throw new PageProblem(HttpServletResponse.SC_NOT_FOUND,
                messages.format("error.service.unknown", requested.length() > 255 ? requested.substring(0, 255) + "…" : requested));
        }
        final String domain = catalog.serviceDomain(service).orElse(service);
        return new View(service, domain, query, start, range);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        prepare(request, response);
        final Messages messages = messages();
        final Ready ready = ready(request, response, messages);
        if (ready == null) {
            return;
        }
        final View view;
        try {
            view = view(request, ready.catalog, messages);
        } catch (PageProblem problem) {
            problem(request, response, messages, problem);
            return;
        }
        if (view == null) {
            final AdminPage page = new AdminPage(request.getContextPath(), messages.get(titleKey()));
            problemNavigation(page);
            appendFlashes(request, page);
            page.box(MessageKind.WARNING, messages.get("error.service.none"));
            page.html("<p><a href=\"").html(Html.escape(request.getContextPath() + "/muc-service-summary.jsp"))
                .html("\">").text(messages.get("link.service_summary")).html("</a></p>\n");
            response.getWriter().write(page.render());
            return;
        }
        response.getWriter().write(render(request, messages, ready, view));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        prepare(request, response);
        final Messages messages = messages();
        final Ready ready = ready(request, response, messages);
        if (ready == null) {
            return;
        }
        final View view;
        try {
            view = view(request, ready.catalog, messages);
            if (view == null) {
                throw new PageProblem(HttpServletResponse.SC_NOT_FOUND, messages.get("error.service.none"));
            }
        } catch (PageProblem problem) {
            problem(request, response, messages, problem);
            return;
        }
        final String action = request.getParameter(ACTION_PARAMETER);
        if (!ACTION_SERVICE_DEFAULT.equals(action) && !ACTION_ROOMS.equals(action)
            && !ACTION_GLOBAL_DEFAULT.equals(action)) {
            problem(request, response, messages, new PageProblem(HttpServletResponse.SC_BAD_REQUEST,
                messages.format("error.action", action == null ? "" : action)));
            return;
        }
        if (!csrfMatches(request)) {
            Log.warn("Refused a change of service {} without the form's CSRF token.", view.service);
            flash(request, MessageKind.ERROR, messages.get("error.csrf"));
            response.sendRedirect(view.url(view.start));
            return;
        }
        final String modeValue = request.getParameter(MODE_PARAMETER);
        final Mode mode = Mode.fromParameter(modeValue);
        if (mode == null) {
            problem(request, response, messages, new PageProblem(HttpServletResponse.SC_BAD_REQUEST,
                messages.format("error.mode", modeValue == null ? "" : modeValue)));
            return;
        }
        if (ACTION_GLOBAL_DEFAULT.equals(action) && mode == Mode.INHERIT) {
            // The global default has nothing above it to inherit from.
            problem(request, response, messages, new PageProblem(HttpServletResponse.SC_BAD_REQUEST,
                messages.format("error.mode", modeValue)));
            return;
        }
        if (ACTION_SERVICE_DEFAULT.equals(action)) {
            setServiceDefault(request, messages, ready, view, mode);
        } else if (ACTION_GLOBAL_DEFAULT.equals(action)) {
            setGlobalDefault(request, messages, ready, mode == Mode.ON);
        } else {
            final List<RoomKey> rooms;
            try {
                rooms = selectedRooms(request, ready.catalog, view, messages);
            } catch (PageProblem problem) {
                problem(request, response, messages, problem);
                return;
            }
            if (rooms.isEmpty()) {
                flash(request, MessageKind.WARNING, messages.get("rooms.none_selected"));
            } else {
                setRooms(request, messages, ready, view, rooms, mode);
            }
        }
        response.sendRedirect(view.url(view.start));
    }

    private static void setServiceDefault(HttpServletRequest request, Messages messages, Ready ready, View view,
                                          Mode mode) {
        final Mode previous = ready.settings.serviceMode(view.service);
        try {
            ready.settings.setServiceMode(view.service, mode);
        } catch (RuntimeException e) {
            Log.error("Could not store the default {} of MUC service {}.", mode.parameter(), view.service, e);
            flash(request, MessageKind.ERROR, messages.get("error.service.save"));
            return;
        }
        ready.audit.log(ready.audit.adminName(request),
            "MUC Affiliation Notify: default of service " + view.domain + " set to " + mode.parameter(),
            "service: " + view.service + ", previous: " + previous.parameter() + ", now: " + mode.parameter());
        flash(request, MessageKind.SUCCESS, messages.format("service.saved", view.domain, Labels.mode(messages, mode)));
    }

    private static void setGlobalDefault(HttpServletRequest request, Messages messages, Ready ready, boolean enabled) {
        final boolean previous = ready.settings.globalEnabled();
        try {
            ready.settings.setGlobalEnabled(enabled);
        } catch (RuntimeException e) {
            Log.error("Could not store the global default {}.", enabled, e);
            flash(request, MessageKind.ERROR, messages.get("error.global.save"));
            return;
        }
        ready.audit.log(ready.audit.adminName(request),
            "MUC Affiliation Notify: global default set to " + (enabled ? "on" : "off"),
            GLOBAL_PROPERTY + ", previous: " + previous + ", now: " + enabled);
        flash(request, MessageKind.SUCCESS, messages.format("global.saved", Labels.state(messages, enabled)));
    }

    /**
     * @return the rooms named by the {@code room} parameters, each once
     * @throws PageProblem 400 for too many, 404 when one does not exist (then none is changed)
     */
    private static List<RoomKey> selectedRooms(HttpServletRequest request, RoomCatalog catalog, View view,
                                               Messages messages) throws PageProblem {
        final String[] names = request.getParameterValues(ROOM_PARAMETER);
        if (names == null || names.length == 0) {
            return Collections.emptyList();
        }
        if (names.length > MAX_BULK_ROOMS) {
            throw new PageProblem(HttpServletResponse.SC_BAD_REQUEST,
                messages.format("error.rooms.too_many", MAX_BULK_ROOMS));
        }
        final Set<RoomKey> keys = new LinkedHashSet<>();
        for (String name : names) {
            final RoomKey key;
            try {
                key = new RoomKey(view.service, name);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new PageProblem(HttpServletResponse.SC_BAD_REQUEST,
                    messages.format("error.rooms.unknown", String.valueOf(name), view.domain));
            }
            if (catalog.room(key).isEmpty()) {
                throw new PageProblem(HttpServletResponse.SC_NOT_FOUND,
                    messages.format("error.rooms.unknown", name, view.domain));
            }
            keys.add(key);
        }
        return new ArrayList<>(keys);
    }

    private static void setRooms(HttpServletRequest request, Messages messages, Ready ready, View view,
                                 List<RoomKey> rooms, Mode mode) {
        final List<String> changed = new ArrayList<>();
        SettingsStoreException failure = null;
        for (RoomKey key : rooms) {
            try {
                ready.settings.setRoomMode(key, mode);
                changed.add(key.room());
            } catch (SettingsStoreException e) {
                failure = e;
                break;
            }
        }
        if (!changed.isEmpty()) {
            ready.audit.log(ready.audit.adminName(request),
                "MUC Affiliation Notify: " + changed.size() + " room(s) of " + view.domain + " set to " + mode.parameter(),
                "rooms: " + String.join(", ", changed));
        }
        if (failure != null) {
            Log.error("Could not store the notification setting {} of rooms of MUC service {}: {} of {} were stored.",
                mode.parameter(), view.service, changed.size(), rooms.size(), failure);
            flash(request, MessageKind.ERROR, messages.format("error.rooms.save", changed.size(), rooms.size()));
        } else {
            flash(request, MessageKind.SUCCESS, messages.format("rooms.saved", changed.size(), Labels.mode(messages, mode)));
        }
    }

    private String render(HttpServletRequest request, Messages messages, Ready ready, View view) {
        final NotificationSettings settings = ready.settings;
        final boolean global = settings.globalEnabled();
        final Mode serviceMode = settings.serviceMode(view.service);
        final EffectiveSetting serviceEffective = EffectiveSetting.resolve(global, serviceMode, Mode.INHERIT);
        final List<RoomInfo> rooms = ready.catalog.rooms(view.service);
        final RoomListing listing = RoomListing.of(rooms, view.query, view.start, view.range);
        Map<String, Mode> stored;
        try {
            stored = settings.storedRoomModes(view.service);
        } catch (SettingsStoreException e) {
            Log.error("Could not read the notification settings of the rooms of MUC service {}.", view.service, e);
            stored = null;
        }
        final String token = issueCsrfToken(request);
        final String contextPath = request.getContextPath();

        final AdminPage page = new AdminPage(contextPath, messages.get("service.title")).meta("pageID", SIDEBAR_ID);
        appendFlashes(request, page);
        if (stored == null) {
            page.box(MessageKind.ERROR, messages.get("error.load"));
        }
        page.html("<p>").text(messages.get("service.intro")).html("</p>\n");

        final List<String> services = ready.catalog.services();
        if (services.size() > 1) {
            page.html("<form action=\"").html(PATH).html("\" method=\"get\" id=\"mucaffiliationnotify-service-choice\">\n<p>")
                .html("<label for=\"mucaffiliationnotify-mucname\">").text(messages.get("service.choose")).html("</label>: ")
                .html("<select name=\"").html(SERVICE_PARAMETER)
                .html("\" id=\"mucaffiliationnotify-mucname\" onchange=\"this.form.submit()\">\n");
            for (String service : services) {
                page.html("<option value=\"").text(service).html("\"").html(service.equals(view.service) ? " selected" : "")
                    .html(">").text(ready.catalog.serviceDomain(service).orElse(service)).html("</option>\n");
            }
            page.html("</select>\n<noscript><input type=\"submit\" value=\"").text(messages.get("service.choose.submit"))
                .html("\"></noscript></p>\n</form>\n");
        }

        // The service's default
        page.html("<form action=\"").html(Html.escape(view.url(view.start)))
            .html("\" method=\"post\" accept-charset=\"UTF-8\" id=\"mucaffiliationnotify-service-form\">\n")
            .html("<input type=\"hidden\" name=\"").html(CSRF_PARAMETER).html("\" value=\"").text(token).html("\">\n")
            .html("<input type=\"hidden\" name=\"").html(ACTION_PARAMETER).html("\" value=\"").html(ACTION_SERVICE_DEFAULT).html("\">\n");
        page.contentBox(messages.format("service.default.header", view.domain), "mucaffiliationnotify-service-default");
        page.html("<p>").text(messages.get("service.default.intro")).html(" <span id=\"mucaffiliationnotify-service-effective\" data-state=\"")
            .html(serviceEffective.enabled() ? "on" : "off").html("\">")
            .text(messages.format("service.default.current", Labels.effective(messages, serviceEffective, view.domain)))
            .html("</span></p>\n<table>\n<tbody>\n");
        for (Mode mode : Mode.values()) {
            final String description = mode == Mode.INHERIT
                ? messages.format("service.mode.inherit", Labels.state(messages, global))
                : messages.get("service.mode." + mode.parameter());
            modeRow(page, "service", mode, mode == serviceMode, Labels.mode(messages, mode), description);
        }
        page.html("</tbody>\n</table>\n<input type=\"submit\" name=\"save\" id=\"mucaffiliationnotify-service-save\" value=\"")
            .text(messages.get("button.save")).html("\">\n");
        page.endContentBox();
        page.html("</form>\n<br>\n");

        // The global default
        page.html("<form action=\"").html(Html.escape(view.url(view.start)))
            .html("\" method=\"post\" accept-charset=\"UTF-8\" id=\"mucaffiliationnotify-global-form\">\n")
            .html("<input type=\"hidden\" name=\"").html(CSRF_PARAMETER).html("\" value=\"").text(token).html("\">\n")
            .html("<input type=\"hidden\" name=\"").html(ACTION_PARAMETER).html("\" value=\"").html(ACTION_GLOBAL_DEFAULT).html("\">\n");
        page.contentBox(messages.get("global.header"), "mucaffiliationnotify-global");
        page.html("<p>").text(messages.get("global.current")).html(" <b id=\"mucaffiliationnotify-global-state\" data-state=\"")
            .html(global ? "on" : "off").html("\">").text(Labels.state(messages, global)).html("</b>. ")
            .text(messages.get("global.explain")).html("</p>\n<table>\n<tbody>\n");
        for (boolean enabled : new boolean[] {true, false}) {
            final Mode mode = enabled ? Mode.ON : Mode.OFF;
            modeRow(page, "global", mode, enabled == global, Labels.state(messages, enabled),
                messages.get("global.mode." + mode.parameter()));
        }
        page.html("</tbody>\n</table>\n<input type=\"submit\" name=\"save\" id=\"mucaffiliationnotify-global-save\" value=\"")
            .text(messages.get("button.save")).html("\">\n<p><a id=\"mucaffiliationnotify-global-link\" href=\"")
            .html(Html.escape(contextPath + "/server-properties.jsp?searchName=" + Html.url(GLOBAL_PROPERTY))).html("\">")
            .text(messages.get("global.link")).html("</a> (<code>").text(GLOBAL_PROPERTY).html("</code>)</p>\n");
        page.endContentBox();
        page.html("</form>\n<br>\n");

        renderRooms(page, messages, ready, view, listing, rooms.size(), stored, global, serviceMode, token);
        return page.render();
    }

    /** One radio row of the service or global default's form: its id is {@code mucaffiliationnotify-<form>-mode-<mode>}. */
    private static void modeRow(AdminPage page, String form, Mode mode, boolean checked, String label,
                                String description) {
        final String id = "mucaffiliationnotify-" + form + "-mode-" + mode.parameter();
        page.html("<tr>\n<td style=\"width: 1%; white-space: nowrap\"><input type=\"radio\" name=\"").html(MODE_PARAMETER)
            .html("\" value=\"").html(mode.parameter()).html("\" id=\"").html(id).html("\"")
            .html(checked ? " checked" : "").html("></td>\n<td><label for=\"").html(id).html("\"><b>")
            .text(label).html("</b> &ndash; ").text(description).html("</label></td>\n</tr>\n");
    }

    private static void renderRooms(AdminPage page, Messages messages, Ready ready, View view, RoomListing listing,
                                    int total, Map<String, Mode> stored, boolean global, Mode serviceMode, String token) {
        page.contentBox(messages.format("rooms.header", view.domain), "mucaffiliationnotify-rooms");

        // Search and page size: a GET form, so that the result can be linked and reloaded.
        page.html("<form action=\"").html(PATH).html("\" method=\"get\" id=\"mucaffiliationnotify-search\">\n")
            .html("<input type=\"hidden\" name=\"").html(SERVICE_PARAMETER).html("\" value=\"").text(view.service).html("\">\n<p>")
            .html("<label for=\"mucaffiliationnotify-q\">").text(messages.get("rooms.search.label")).html("</label> ")
            .html("<input type=\"text\" name=\"").html(QUERY_PARAMETER).html("\" id=\"mucaffiliationnotify-q\" size=\"30\" maxlength=\"")
            .html(Integer.toString(RoomListing.MAX_QUERY_LENGTH)).html("\" value=\"").text(view.query).html("\"> ")
            .html("<label for=\"mucaffiliationnotify-range\">").text(messages.get("rooms.range")).html("</label> ")
            .html("<select name=\"").html(RANGE_PARAMETER).html("\" id=\"mucaffiliationnotify-range\">");
        for (int range : RoomListing.RANGES) {
            page.html("<option value=\"").html(Integer.toString(range)).html("\"").html(range == view.range ? " selected" : "")
                .html(">").html(Integer.toString(range)).html("</option>");
        }
        page.html("</select> <input type=\"submit\" value=\"").text(messages.get("rooms.search")).html("\">");
        if (!view.query.isEmpty()) {
            page.html(" <a href=\"").html(Html.escape(new View(view.service, view.domain, "", 0, view.range).url(0))).html("\">")
                .text(messages.get("rooms.search.clear")).html("</a>");
        }
        page.html("</p>\n</form>\n");

        page.html("<p id=\"mucaffiliationnotify-count\">").text(messages.format("rooms.total", total));
        if (!view.query.isEmpty()) {
            page.text(", ").text(messages.format("rooms.matching", listing.matching));
        }
        if (!listing.rows.isEmpty()) {
            page.text(", ").text(messages.format("rooms.showing", listing.start + 1, listing.start + listing.rows.size()));
        }
        page.html("</p>\n");
        pageLinks(page, messages, view, listing);

        page.html("<form action=\"").html(Html.escape(view.url(listing.start)))
            .html("\" method=\"post\" accept-charset=\"UTF-8\" id=\"mucaffiliationnotify-rooms-form\">\n")
            .html("<input type=\"hidden\" name=\"").html(CSRF_PARAMETER).html("\" value=\"").text(token).html("\">\n")
            .html("<input type=\"hidden\" name=\"").html(ACTION_PARAMETER).html("\" value=\"").html(ACTION_ROOMS).html("\">\n")
            .html("<div class=\"jive-table\">\n<table id=\"mucaffiliationnotify-room-table\">\n<thead>\n<tr>")
            .html("<th scope=\"col\" style=\"width: 1%\"><input type=\"checkbox\" id=\"mucaffiliationnotify-select-all\" title=\"")
            .text(messages.get("rooms.select_all")).html("\" onclick=\"var boxes=this.form.querySelectorAll('input[name=room]');")
            .html("for(var i=0;i<boxes.length;i++){boxes[i].checked=this.checked;}\"></th>")
            .html("<th scope=\"col\">").text(messages.get("column.room")).html("</th>")
            .html("<th scope=\"col\">").text(messages.get("column.name")).html("</th>")
            .html("<th scope=\"col\">").text(messages.get("column.description")).html("</th>")
            .html("<th scope=\"col\">").text(messages.get("column.own")).html("</th>")
            .html("<th scope=\"col\">").text(messages.get("column.state")).html("</th>")
            .html("<th scope=\"col\">").text(messages.get("column.source")).html("</th>")
            .html("<th scope=\"col\">").text(messages.get("column.edit")).html("</th>")
            .html("</tr>\n</thead>\n<tbody>\n");
        if (listing.rows.isEmpty()) {
            page.html("<tr><td colspan=\"8\" style=\"text-align: center\">")
                .text(messages.get(total == 0 ? "rooms.none" : "rooms.none_matching")).html("</td></tr>\n");
        }
        int index = listing.start;
        for (RoomInfo room : listing.rows) {
            index++;
            final String name = room.key().room();
            final String checkbox = "mucaffiliationnotify-room-" + index;
            final String jid = name + "@" + view.domain;
            page.html("<tr class=\"mucaffiliationnotify-room-row\" data-room=\"").text(name).html("\">")
                .html("<td><input type=\"checkbox\" name=\"").html(ROOM_PARAMETER).html("\" value=\"").text(name)
                .html("\" id=\"").html(checkbox).html("\"></td>")
                .html("<td><label for=\"").html(checkbox).html("\">").text(name).html("</label></td>")
                .html("<td>").text(room.naturalName()).html("</td>")
                .html("<td>").text(room.description()).html("</td>");
            if (stored == null) {
                final String unknown = messages.get("rooms.unknown");
                page.html("<td class=\"own\" data-mode=\"unknown\">").text(unknown).html("</td>")
                    .html("<td class=\"state\" data-state=\"unknown\">").text(unknown).html("</td>")
                    .html("<td class=\"source\" data-source=\"unknown\">").text(unknown).html("</td>");
            } else {
                final Mode own = stored.getOrDefault(name, Mode.INHERIT);
                final EffectiveSetting effective = EffectiveSetting.resolve(global, serviceMode, own);
                page.html("<td class=\"own\" data-mode=\"").html(own.parameter()).html("\">").text(Labels.mode(messages, own)).html("</td>")
                    .html("<td class=\"state\" data-state=\"").html(effective.enabled() ? "on" : "off").html("\"><b>")
                    .text(Labels.state(messages, effective.enabled())).html("</b></td>")
                    .html("<td class=\"source\" data-source=\"").html(effective.source().name().toLowerCase(Locale.ROOT))
                    .html("\">").text(Labels.sourceShort(messages, effective.source())).html("</td>");
            }
            page.html("<td style=\"text-align: center\"><a href=\"")
                .html(Html.escape(RoomSettingsServlet.PATH + "?" + RoomSettingsServlet.ROOM_PARAMETER + "=" + Html.url(jid)))
                .html("\" title=\"").text(messages.get("rooms.edit")).html("\"><img src=\"")
                .html(Html.escape(page.contextPath()))
                .html("/images/edit-16x16.gif\" alt=\"").text(messages.get("rooms.edit")).html("\"></a></td></tr>\n");
        }
        page.html("</tbody>\n</table>\n</div>\n<p id=\"mucaffiliationnotify-bulk\">").text(messages.get("rooms.bulk")).html(" ");
        for (Mode mode : Mode.values()) {
            page.html("<button type=\"submit\" name=\"").html(MODE_PARAMETER).html("\" value=\"").html(mode.parameter())
                .html("\" id=\"mucaffiliationnotify-bulk-").html(mode.parameter()).html("\">")
                .text(messages.get("rooms.bulk." + mode.parameter())).html("</button> ");
        }
        page.html("</p>\n</form>\n");
        pageLinks(page, messages, view, listing);
        page.endContentBox();
    }

    private static void pageLinks(AdminPage page, Messages messages, View view, RoomListing listing) {
        if (listing.pages() <= 1) {
            return;
        }
        page.html("<p class=\"mucaffiliationnotify-pages\">").text(messages.get("rooms.pages")).html(": [ ");
        for (int number : listing.pageLinks()) {
            if (number == 0) {
                page.html("&hellip; ");
            } else if (number == listing.page()) {
                page.html("<span class=\"jive-current\">").html(Integer.toString(number)).html("</span> ");
            } else {
                page.html("<a href=\"").html(Html.escape(view.url((number - 1) * listing.range))).html("\">")
                    .html(Integer.toString(number)).html("</a> ");
            }
        }
        page.html("]</p>\n");
    }
}
