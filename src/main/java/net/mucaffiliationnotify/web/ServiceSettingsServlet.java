package net.mucaffiliationnotify.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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

import net.mucaffiliationnotify.settings.LevelledSetting;
import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.settings.NotificationSettings;
import net.mucaffiliationnotify.settings.RoomCatalog;
import net.mucaffiliationnotify.settings.RoomInfo;
import net.mucaffiliationnotify.settings.RoomKey;
import net.mucaffiliationnotify.settings.Setting;
import net.mucaffiliationnotify.settings.SettingsStoreException;

/**
 * The overview page, in the Group Chat tab's "Group Chat Settings" sidebar next to Openfire's service pages:
 * {@code /plugins/mucaffiliationnotify/mucaffiliationnotify-service?mucname=conference}. Sets each setting's
 * service default and global default (an Openfire system property, also on the System Properties page), and
 * lists the service's rooms — searchable and paged — with their own and effective notification settings, to
 * change many at once.
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

    /**
     * @return the view, or {@code null} when there is no MUC service at all
     */
    private static ServiceQuery view(HttpServletRequest request, RoomCatalog catalog, Messages messages) throws PageProblem {
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
        return new ServiceQuery(service, domain, query, start, range);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        prepare(request, response);
        final Messages messages = messages();
        final Ready ready = ready(request, response, messages);
        if (ready == null) {
            return;
        }
        final ServiceQuery view;
        try {
            view = view(request, ready.catalog, messages);
        } catch (PageProblem problem) {
            problem(request, response, messages, problem);
            return;
        }
        if (view == null) {
            response.getWriter().write(ServicePageView.renderNoService(request.getContextPath(),
                takeFlashes(request), messages));
            return;
        }
        response.getWriter().write(ServicePageView.render(page(request, ready, view), messages));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        prepare(request, response);
        final Messages messages = messages();
        final Ready ready = ready(request, response, messages);
        if (ready == null) {
            return;
        }
        final ServiceQuery view;
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
        final String formValue = request.getParameter(SettingForm.PARAMETER);
        final SettingForm form = SettingForm.fromParameter(formValue);
        if (form == null || (ACTION_ROOMS.equals(action) && form != SettingForm.NOTIFICATIONS)) {
            // The room list changes the rooms' notification settings only.
            problem(request, response, messages, new PageProblem(HttpServletResponse.SC_BAD_REQUEST,
                messages.format("error.setting", formValue)));
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
            setServiceDefault(request, messages, ready.settings.of(form.setting), ready.audit, form, view, mode);
        } else if (ACTION_GLOBAL_DEFAULT.equals(action)) {
            setGlobalDefault(request, messages, ready.settings.of(form.setting), ready.audit, form, mode == Mode.ON);
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

    private static void setServiceDefault(HttpServletRequest request, Messages messages, LevelledSetting setting,
                                          AdminAuditLog audit, SettingForm form, ServiceQuery view, Mode mode) {
        final Mode previous = setting.serviceMode(view.service);
        try {
            setting.setServiceMode(view.service, mode);
        } catch (RuntimeException e) {
            Log.error("Could not store the default {} of MUC service {} ({}).", mode.parameter(), view.service,
                setting.setting().label(), e);
            flash(request, MessageKind.ERROR, messages.get("error.service.save"));
            return;
        }
        audit.log(audit.adminName(request),
            "MUC Affiliation Notify: default of service " + view.domain + form.auditQualifier() + " set to "
                + mode.parameter(),
            "service: " + view.service + ", property: " + setting.setting().serviceProperty() + ", previous: "
                + previous.parameter() + ", now: " + mode.parameter());
        flash(request, MessageKind.SUCCESS, messages.format(form.key("service.saved"), view.domain,
            Labels.mode(messages, mode)));
    }

    private static void setGlobalDefault(HttpServletRequest request, Messages messages, LevelledSetting setting,
                                         AdminAuditLog audit, SettingForm form, boolean enabled) {
        final boolean previous = setting.globalEnabled();
        try {
            setting.setGlobalEnabled(enabled);
        } catch (RuntimeException e) {
            Log.error("Could not store the global default {} ({}).", enabled, setting.setting().label(), e);
            flash(request, MessageKind.ERROR, messages.get("error.global.save"));
            return;
        }
        audit.log(audit.adminName(request),
            "MUC Affiliation Notify: global default" + form.auditQualifier() + " set to " + (enabled ? "on" : "off"),
            setting.setting().globalProperty() + ", previous: " + previous + ", now: " + enabled);
        flash(request, MessageKind.SUCCESS, messages.format(form.key("global.saved"), Labels.state(messages, enabled)));
    }

    /**
     * @return the rooms named by the {@code room} parameters, each once
     * @throws PageProblem 400 for too many, 404 when one does not exist (then none is changed)
     */
    private static List<RoomKey> selectedRooms(HttpServletRequest request, RoomCatalog catalog, ServiceQuery view,
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

    private static void setRooms(HttpServletRequest request, Messages messages, Ready ready, ServiceQuery view,
                                 List<RoomKey> rooms, Mode mode) {
        final List<String> changed = new ArrayList<>();
        SettingsStoreException failure = null;
        for (RoomKey key : rooms) {
            try {
                ready.settings.of(Setting.NOTIFICATIONS).setRoomMode(key, mode);
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


    /** Reads what the overview page shows. */
    private static ServicePage page(HttpServletRequest request, Ready ready, ServiceQuery view) {
        final NotificationSettings settings = ready.settings;
        final Map<SettingForm, ServicePage.Defaults> defaults = new EnumMap<>(SettingForm.class);
        for (SettingForm form : SettingForm.values()) {
            final LevelledSetting setting = settings.of(form.setting);
            defaults.put(form, new ServicePage.Defaults(setting.globalEnabled(), setting.serviceMode(view.service)));
        }
        final List<RoomInfo> rooms = ready.catalog.rooms(view.service);
        Map<String, Mode> stored;
        try {
            stored = settings.of(Setting.NOTIFICATIONS).storedRoomModes(view.service);
        } catch (SettingsStoreException e) {
            Log.error("Could not read the notification settings of the rooms of MUC service {}.", view.service, e);
            stored = null;
        }
        final Map<String, String> services = new LinkedHashMap<>();
        for (String service : ready.catalog.services()) {
            services.put(service, ready.catalog.serviceDomain(service).orElse(service));
        }
        return new ServicePage(request.getContextPath(), issueCsrfToken(request), takeFlashes(request), services, view,
            defaults, RoomListing.of(rooms, view.query, view.start, view.range), rooms.size(), stored,
            ready.counters == null ? null : ready.counters.snapshot(),
            ready.counters == null ? null : ready.counters.startedAt());
    }
}
