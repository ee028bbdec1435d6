package net.mucaffiliationnotify.web;

import java.io.IOException;
import java.util.Locale;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.mucaffiliationnotify.settings.EffectiveSetting;
import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.settings.NotificationSettings;
import net.mucaffiliationnotify.settings.RoomCatalog;
import net.mucaffiliationnotify.settings.SettingsStoreException;

/**
 * The room's page, in the room's "Room Options" sidebar next to Openfire's room settings:
 * {@code /plugins/mucaffiliationnotify/mucaffiliationnotify-room?roomJID=room@conference.example.org}.
 * Shows whether the room notifies and which level decided it, and sets the room's own value (on, off,
 * inherit) by POST.
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
        response.getWriter().write(render(request, messages, ready.settings, room));
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
        final String modeValue = request.getParameter(MODE_PARAMETER);
        final Mode mode = Mode.fromParameter(modeValue);
        if (mode == null) {
            problem(request, response, messages, new PageProblem(HttpServletResponse.SC_BAD_REQUEST,
                messages.format("error.mode", modeValue == null ? "" : modeValue)));
            return;
        }
        final NotificationSettings settings = ready.settings;
        final Mode previous = settings.roomMode(room.key);
        try {
            settings.setRoomMode(room.key, mode);
        } catch (SettingsStoreException e) {
            Log.error("Could not store the notification setting {} of room {}.", mode.parameter(), room.jid(), e);
            flash(request, MessageKind.ERROR, messages.get("error.save"));
            response.sendRedirect(pageUrl(room));
            return;
        }
        final EffectiveSetting now = settings.effective(room.key);
        ready.audit.log(ready.audit.adminName(request),
            "MUC Affiliation Notify: room " + room.jid() + " set to " + mode.parameter(),
            "previous: " + previous.parameter() + ", now: " + mode.parameter() + ", effective: "
                + (now.enabled() ? "on" : "off") + " (" + now.source().name().toLowerCase(Locale.ROOT) + ")");
        flash(request, MessageKind.SUCCESS, messages.format("room.saved", room.jid(), Labels.mode(messages, mode)));
        response.sendRedirect(pageUrl(room));
    }

    /** @return the page's address relative to the plugin's folder */
    static String pageUrl(RoomAddress room) {
        return PATH + "?" + ROOM_PARAMETER + "=" + Html.url(room.jid());
    }

    private String render(HttpServletRequest request, Messages messages, NotificationSettings settings,
                          RoomAddress room) {
        final EffectiveSetting effective = settings.effective(room.key);
        final Mode own = settings.roomMode(room.key);
        final Mode serviceMode = settings.serviceMode(room.key.service());
        final EffectiveSetting inherited = EffectiveSetting.resolve(settings.globalEnabled(), serviceMode, Mode.INHERIT);
        final String token = issueCsrfToken(request);
        final String jid = room.jid();

        final AdminPage page = new AdminPage(request.getContextPath(), messages.get("room.title"))
            .meta("subPageID", SIDEBAR_ID)
            .meta("extraParams", ROOM_PARAMETER + "=" + Html.url(jid));
        appendFlashes(request, page);
        page.html("<p>").text(messages.get("room.intro")).html("</p>\n");

        page.html("<div class=\"jive-table\">\n<table id=\"mucaffiliationnotify-room-state\">\n<thead>\n<tr>")
            .html("<th scope=\"col\">").text(messages.get("column.room")).html("</th>")
            .html("<th scope=\"col\">").text(messages.get("column.name")).html("</th>")
            .html("<th scope=\"col\">").text(messages.get("column.description")).html("</th>")
            .html("<th scope=\"col\">").text(messages.get("column.state")).html("</th>")
            .html("<th scope=\"col\">").text(messages.get("column.source")).html("</th>")
            .html("</tr>\n</thead>\n<tbody>\n<tr>")
            .html("<td>").text(jid).html("</td>")
            .html("<td>").text(room.info.naturalName()).html("</td>")
            .html("<td>").text(room.info.description()).html("</td>")
            .html("<td id=\"mucaffiliationnotify-effective\" data-state=\"")
            .html(effective.enabled() ? "on" : "off").html("\"><b>")
            .text(Labels.state(messages, effective.enabled())).html("</b></td>")
            .html("<td id=\"mucaffiliationnotify-source\" data-source=\"")
            .html(effective.source().name().toLowerCase(Locale.ROOT)).html("\">")
            .text(Labels.source(messages, effective.source(), room.serviceDomain)).html("</td>")
            .html("</tr>\n</tbody>\n</table>\n</div>\n<br>\n");

        page.html("<form action=\"").html(Html.escape(pageUrl(room)))
            .html("\" method=\"post\" accept-charset=\"UTF-8\" id=\"mucaffiliationnotify-room-form\">\n")
            .html("<input type=\"hidden\" name=\"").html(CSRF_PARAMETER).html("\" value=\"").text(token).html("\">\n");
        page.contentBox(messages.get("room.form.header"), null);
        page.html("<p>").text(messages.get("room.form.intro")).html("</p>\n<table>\n<tbody>\n");
        modeRow(page, messages, Mode.ON, own, messages.get("room.mode.on"));
        modeRow(page, messages, Mode.OFF, own, messages.get("room.mode.off"));
        modeRow(page, messages, Mode.INHERIT, own, messages.format("room.mode.inherit",
            Labels.effective(messages, inherited, room.serviceDomain)));
        page.html("</tbody>\n</table>\n");
        page.endContentBox();
        page.html("<input type=\"submit\" name=\"save\" id=\"mucaffiliationnotify-save\" value=\"")
            .text(messages.get("button.save")).html("\">\n</form>\n<br>\n");

        page.html("<p><a href=\"").html(Html.escape(ServiceSettingsServlet.PATH + "?"
                + ServiceSettingsServlet.SERVICE_PARAMETER + "=" + Html.url(room.key.service()))).html("\">")
            .text(messages.format("room.overview_link", room.serviceDomain)).html("</a></p>\n");
        return page.render();
    }

    private static void modeRow(AdminPage page, Messages messages, Mode mode, Mode current, String description) {
        final String id = "mucaffiliationnotify-mode-" + mode.parameter();
        page.html("<tr>\n<td style=\"width: 1%; white-space: nowrap\"><input type=\"radio\" name=\"")
            .html(MODE_PARAMETER).html("\" value=\"").html(mode.parameter()).html("\" id=\"").html(id).html("\"")
            .html(mode == current ? " checked" : "").html("></td>\n")
            .html("<td><label for=\"").html(id).html("\"><b>").text(Labels.mode(messages, mode)).html("</b> &ndash; ")
            .text(description).html("</label></td>\n</tr>\n");
    }
}
