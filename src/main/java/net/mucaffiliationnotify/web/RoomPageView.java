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
 * Renders the room's page from a {@link RoomPage}: each setting's effective value and where it comes from, its
 * last announced change, and a form for the room's own value of each setting. It reads nothing and changes
 * nothing; the servlet does.
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
        final String jid = room.jid();

        final AdminPage page = new AdminPage(model.contextPath(), messages.get("room.title"))
            .meta("subPageID", SIDEBAR_ID)
            .meta("extraParams", ROOM_PARAMETER + "=" + Html.url(jid));
        page.boxes(model.flashes());
        page.html("<p>").text(messages.get("room.intro")).html("</p>\n");

        page.html("<div class=\"jive-table\">\n<table id=\"mucaffiliationnotify-room-state\">\n<thead>\n<tr>")
            .html("<th scope=\"col\">").text(messages.get("column.room")).html("</th>")
            .html("<th scope=\"col\">").text(messages.get("column.name")).html("</th>")
            .html("<th scope=\"col\">").text(messages.get("column.description")).html("</th>");
        for (SettingForm form : model.settings().keySet()) {
            page.html("<th scope=\"col\">").text(messages.get(form.key("column.state"))).html("</th>")
                .html("<th scope=\"col\">").text(messages.get("column.source")).html("</th>");
        }
        page.html("</tr>\n</thead>\n<tbody>\n<tr>")
            .html("<td>").text(jid).html("</td>")
            .html("<td>").text(room.info.naturalName()).html("</td>")
            .html("<td>").text(room.info.description()).html("</td>");
        model.settings().forEach((form, state) -> {
            final EffectiveSetting effective = state.effective();
            page.html("<td id=\"").html(form.id("effective")).html("\" data-state=\"")
                .html(effective.enabled() ? "on" : "off").html("\"><b>")
                .text(Labels.state(messages, effective.enabled())).html("</b></td>")
                .html("<td id=\"").html(form.id("source")).html("\" data-source=\"")
                .html(effective.source().name().toLowerCase(Locale.ROOT)).html("\">")
                .text(Labels.source(messages, effective.source(), room.serviceDomain)).html("</td>");
        });
        page.html("</tr>\n</tbody>\n</table>\n</div>\n<br>\n");
        renderLastAnnouncement(page, messages, model);

        model.settings().forEach((form, state) -> renderForm(page, messages, room, form, state, model.csrfToken()));

        page.html("<p><a href=\"").html(Html.escape(ServiceSettingsServlet.PATH + "?"
                + ServiceSettingsServlet.SERVICE_PARAMETER + "=" + Html.url(room.key.service()))).html("\">")
            .text(messages.format("room.overview_link", room.serviceDomain)).html("</a></p>\n");
        return page.render();
    }

    /** The form for the room's own value of one setting: on, off, or what the defaults give. */
    private static void renderForm(AdminPage page, Messages messages, RoomAddress room, SettingForm form,
                                   RoomPage.SettingState state, String token) {
        page.html("<form action=\"").html(Html.escape(RoomSettingsServlet.pageUrl(room)))
            .html("\" method=\"post\" accept-charset=\"UTF-8\" id=\"").html(form.id("room-form")).html("\">\n")
            .html("<input type=\"hidden\" name=\"").html(CSRF_PARAMETER).html("\" value=\"").text(token).html("\">\n")
            .html("<input type=\"hidden\" name=\"").html(SettingForm.PARAMETER).html("\" value=\"")
            .html(form.parameter()).html("\">\n");
        page.contentBox(messages.get(form.key("room.form.header")), null);
        page.html("<p>").text(messages.get(form.key("room.form.intro"))).html("</p>\n<table>\n<tbody>\n");
        for (Mode mode : Mode.values()) {
            final String description = mode == Mode.INHERIT
                ? messages.format(form.key("room.mode.inherit"),
                    Labels.effective(messages, state.inherited(), room.serviceDomain))
                : messages.get(form.key("room.mode." + mode.parameter()));
            page.radioRow(MODE_PARAMETER, mode.parameter(), form.id("mode-" + mode.parameter()), mode == state.own(),
                Labels.mode(messages, mode), description);
        }
        page.html("</tbody>\n</table>\n");
        page.endContentBox();
        page.html("<input type=\"submit\" name=\"save\" id=\"").html(form.id("save")).html("\" value=\"")
            .text(messages.get("button.save")).html("\">\n</form>\n<br>\n");
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
}
