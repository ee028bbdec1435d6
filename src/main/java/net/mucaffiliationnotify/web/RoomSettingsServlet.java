package net.mucaffiliationnotify.web;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.mucaffiliationnotify.settings.EffectiveSetting;
import net.mucaffiliationnotify.settings.LevelledSetting;
import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.settings.NotificationSettings;
import net.mucaffiliationnotify.settings.RoomCatalog;
import net.mucaffiliationnotify.settings.SettingsStoreException;
import net.mucaffiliationnotify.statistics.LastAnnouncement;

/**
 * The room's page, in the room's "Room Options" sidebar next to Openfire's room settings:
 * {@code /plugins/mucaffiliationnotify/mucaffiliationnotify-room?roomJID=room@conference.example.org}.
 * Shows each setting of the room (whether it notifies, whether it tells the affected user) and which level
 * decided it, and sets the room's own value of one (on, off, inherit) by POST.
 */
public class RoomSettingsServlet extends SettingsPageServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger Log = LoggerFactory.getLogger(RoomSettingsServlet.class);

    /** The servlet's path below the plugin, as web.xml maps it and plugin.xml links it. */
    static final String PATH = "mucaffiliationnotify-room";
    /** The sidebar item of plugin.xml. */
    static final String SIDEBAR_ID = "mucaffiliationnotify-room";
    /** The parameter naming the room, as on Openfire's room pages. */
    static final String ROOM_PARAMETER = "roomJID";
    static final String MODE_PARAMETER = "mode";

    /** Created by Openfire from web.xml: finds the loaded plugin on first use. */
    public RoomSettingsServlet() {
        super(new OpenfirePluginLookup(), Messages::openfireLocale, null);
    }

    /**
     * @param settings the notification settings
     * @param catalog the services and rooms
     * @param audit where changes are recorded
     */
    public RoomSettingsServlet(NotificationSettings settings, RoomCatalog catalog, AdminAuditLog audit) {
        super(fixed(settings, catalog, audit), Messages::openfireLocale, null);
    }

    RoomSettingsServlet(Supplier<SettingsPagesContext> context, Supplier<Locale> locale, ClassLoader bundleLoader) {
        super(context, locale, bundleLoader);
    }

    @Override
    String titleKey() {
        return "room.title";
    }

    @Override
    void problemNavigation(AdminPage page) {
        // Without a valid room the room's own sidebar cannot be shown: highlight Openfire's room summary.
        page.meta("pageID", "muc-room-summary");
    }

    @Override
    void problemLinks(HttpServletRequest request, AdminPage page, Messages messages) {
        page.html("<p><a href=\"").html(Html.escape(request.getContextPath() + "/muc-room-summary.jsp")).html("\">")
            .text(messages.get("link.room_summary")).html("</a></p>\n");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        prepare(request, response);
        final Messages messages = messages();
        final Ready ready = ready(request, response, messages);
        final RoomAddress room = ready == null ? null : room(request, response, messages, ready);
        if (room == null) {
            return;
        }
        response.getWriter().write(RoomPageView.render(page(request, ready, room), messages));
    }

    /** @return the room the request names, or {@code null} when a problem page was written instead */
    private RoomAddress room(HttpServletRequest request, HttpServletResponse response, Messages messages, Ready ready)
            throws IOException {
        try {
            return RoomAddress.resolve(request.getParameter(ROOM_PARAMETER), ready.catalog, messages);
        } catch (PageProblem problem) {
            problem(request, response, messages, problem);
            return null;
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        prepare(request, response);
        final Messages messages = messages();
        final Ready ready = ready(request, response, messages);
        final RoomAddress room = ready == null ? null : room(request, response, messages, ready);
        if (room == null) {
            return;
        }
        if (!csrfMatches(request)) {
            Log.warn("Refused a change of room {} without the form's CSRF token.", room.jid());
            flash(request, MessageKind.ERROR, messages.get("error.csrf"));
            response.sendRedirect(pageUrl(room));
            return;
        }
        final String formValue = request.getParameter(SettingForm.PARAMETER);
        final SettingForm form = SettingForm.fromParameter(formValue);
        if (form == null) {
            problem(request, response, messages, new PageProblem(HttpServletResponse.SC_BAD_REQUEST,
                messages.format("error.setting", formValue)));
            return;
        }
        final String modeValue = request.getParameter(MODE_PARAMETER);
        final Mode mode = Mode.fromParameter(modeValue);
        if (mode == null) {
            problem(request, response, messages, new PageProblem(HttpServletResponse.SC_BAD_REQUEST,
                messages.format("error.mode", modeValue == null ? "" : modeValue)));
            return;
        }
        final LevelledSetting setting = ready.settings.of(form.setting);
        final Mode previous = setting.roomMode(room.key);
        try {
            setting.setRoomMode(room.key, mode);
        } catch (SettingsStoreException e) {
            Log.error("Could not store the {} {} of room {}.", form.setting.label(), mode.parameter(), room.jid(), e);
            flash(request, MessageKind.ERROR, messages.get("error.save"));
            response.sendRedirect(pageUrl(room));
            return;
        }
        final EffectiveSetting now = setting.effective(room.key);
        ready.audit.log(ready.audit.adminName(request),
            "MUC Affiliation Notify: room " + room.jid() + form.auditQualifier() + " set to " + mode.parameter(),
            "previous: " + previous.parameter() + ", now: " + mode.parameter() + ", effective: "
                + (now.enabled() ? "on" : "off") + " (" + now.source().name().toLowerCase(Locale.ROOT) + ")");
        flash(request, MessageKind.SUCCESS, messages.format(form.key("room.saved"), room.jid(),
            Labels.mode(messages, mode)));
        response.sendRedirect(pageUrl(room));
    }

    /** @return the page's address relative to the plugin's folder */
    static String pageUrl(RoomAddress room) {
        return PATH + "?" + ROOM_PARAMETER + "=" + Html.url(room.jid());
    }

    /** Reads what the room's page shows. */
    private static RoomPage page(HttpServletRequest request, Ready ready, RoomAddress room) {
        final Map<SettingForm, RoomPage.SettingState> settings = new EnumMap<>(SettingForm.class);
        for (SettingForm form : SettingForm.values()) {
            final LevelledSetting setting = ready.settings.of(form.setting);
            settings.put(form, new RoomPage.SettingState(setting.effective(room.key), setting.roomMode(room.key),
                setting.inherited(room.key.service())));
        }
        final LastAnnouncement last = ready.announcements == null ? null
            : ready.announcements.of(room.jid()).orElse(null);
        return new RoomPage(request.getContextPath(), issueCsrfToken(request), takeFlashes(request), room, settings,
            ready.announcements != null, last);
    }
}
