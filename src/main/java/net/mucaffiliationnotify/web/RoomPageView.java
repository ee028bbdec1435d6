package net.mucaffiliationnotify.web;

import static net.mucaffiliationnotify.web.RoomSettingsServlet.MODE_PARAMETER;
import static net.mucaffiliationnotify.web.RoomSettingsServlet.ROOM_PARAMETER;
import static net.mucaffiliationnotify.web.RoomSettingsServlet.SIDEBAR_ID;
import static net.mucaffiliationnotify.web.SettingsPageServlet.CSRF_PARAMETER;

import java.util.Locale;

import net.mucaffiliationnotify.settings.EffectiveSetting;
import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.statistics.LastAnnouncement;

/**
 * Renders the room's page from a {@link RoomPage}: its effective setting and where it comes from, its last
 * announced change, and the form for its own setting. It reads nothing and changes nothing; the servlet does.
 */
final class RoomPageView {
    private RoomPageView() {
    }

    /**
     * @param model what the page shows
     * @param messages the texts in the admin's language
     * @return the complete page
     */
    static String render(RoomPage model, Messages messages) {
        final RoomAddress room = model.room();
        final EffectiveSetting effective = model.effective();
        final Mode own = model.own();
        final EffectiveSetting inherited = model.inherited();
        final String token = model.csrfToken();
        final String jid = room.jid();

        final AdminPage page = new AdminPage(model.contextPath(), messages.get("room.title"))
            .meta("subPageID", SIDEBAR_ID)
            .meta("extraParams", ROOM_PARAMETER + "=" + Html.url(jid));
        page.boxes(model.flashes());
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
        renderLastAnnouncement(page, messages, model);

        page.html("<form action=\"").html(Html.escape(RoomSettingsServlet.pageUrl(room)))
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

    /**
     * The room's last announced change (id {@code mucaffiliationnotify-last-change}, with {@code data-jid},
     * {@code data-affiliation}, {@code data-recipients} and {@code data-at} in epoch milliseconds).
     */
    private static void renderLastAnnouncement(AdminPage page, Messages messages, RoomPage model) {
        if (!model.announcementsKnown()) {
            return;
        }
        final LastAnnouncement last = model.lastAnnouncement();
        page.html("<p id=\"mucaffiliationnotify-last-change\"");
        if (last == null) {
            page.html(">").text(messages.get("room.last.none"));
        } else {
            page.html(" data-jid=\"").text(last.jid()).html("\" data-affiliation=\"").html(last.affiliation().name())
                .html("\" data-recipients=\"").html(Integer.toString(last.recipients())).html("\" data-at=\"")
                .html(Long.toString(last.at().toEpochMilli())).html("\">")
                .text(messages.format("room.last", last.jid(), Labels.affiliation(messages, last.affiliation()),
                    Labels.count(messages, last.recipients()), Labels.time(messages, last.at())));
        }
        page.html("</p>\n");
    }

    private static void modeRow(AdminPage page, Messages messages, Mode mode, Mode current, String description) {
        page.radioRow(MODE_PARAMETER, mode.parameter(), "mucaffiliationnotify-mode-" + mode.parameter(), mode == current,
            Labels.mode(messages, mode), description);
    }
}
