package net.mucaffiliationnotify.web;

import static net.mucaffiliationnotify.web.ServiceSettingsServlet.ACTION_GLOBAL_DEFAULT;
import static net.mucaffiliationnotify.web.ServiceSettingsServlet.ACTION_PARAMETER;
import static net.mucaffiliationnotify.web.ServiceSettingsServlet.ACTION_ROOMS;
import static net.mucaffiliationnotify.web.ServiceSettingsServlet.ACTION_SERVICE_DEFAULT;
import static net.mucaffiliationnotify.web.ServiceSettingsServlet.MODE_PARAMETER;
import static net.mucaffiliationnotify.web.ServiceSettingsServlet.PATH;
import static net.mucaffiliationnotify.web.ServiceSettingsServlet.QUERY_PARAMETER;
import static net.mucaffiliationnotify.web.ServiceSettingsServlet.RANGE_PARAMETER;
import static net.mucaffiliationnotify.web.ServiceSettingsServlet.ROOM_PARAMETER;
import static net.mucaffiliationnotify.web.ServiceSettingsServlet.SERVICE_PARAMETER;
import static net.mucaffiliationnotify.web.ServiceSettingsServlet.SIDEBAR_ID;
import static net.mucaffiliationnotify.web.SettingsPageServlet.CSRF_PARAMETER;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.mucaffiliationnotify.settings.EffectiveSetting;
import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.settings.RoomInfo;
import net.mucaffiliationnotify.statistics.Counter;

/**
 * Renders the overview page from a {@link ServicePage}: the service's and the global default, this node's
 * activity counters, and the service's rooms. It reads nothing and changes nothing; the servlet does.
 */
final class ServicePageView {
    private ServicePageView() {
    }

    /**
     * The page when Openfire has no MUC service at all: says so and links Openfire's service summary.
     *
     * @param contextPath the admin console's context path
     * @param flashes messages left by the previous request
     * @param messages the texts in the admin's language
     * @return the complete page
     */
    static String renderNoService(String contextPath, List<Flash> flashes, Messages messages) {
        return new AdminPage(contextPath, messages.get("service.title")).meta("pageID", SIDEBAR_ID)
            .boxes(flashes)
            .box(MessageKind.WARNING, messages.get("error.service.none"))
            .html("<p><a href=\"").html(Html.escape(contextPath + "/muc-service-summary.jsp")).html("\">")
            .text(messages.get("link.service_summary")).html("</a></p>\n")
            .render();
    }

    /**
     * @param model what the page shows
     * @param messages the texts in the admin's language
     * @return the complete page
     */
    static String render(ServicePage model, Messages messages) {
        final ServiceQuery view = model.query();
        final ServicePage.Defaults notifications = model.defaults().get(SettingForm.NOTIFICATIONS);
        final RoomListing listing = model.listing();
        final Map<String, Mode> stored = model.storedModes();
        final String token = model.csrfToken();
        final String contextPath = model.contextPath();

        final AdminPage page = new AdminPage(contextPath, messages.get("service.title")).meta("pageID", SIDEBAR_ID);
        page.boxes(model.flashes());
        if (stored == null) {
            page.box(MessageKind.ERROR, messages.get("error.load"));
        }
        page.html("<p>").text(messages.get("service.intro")).html("</p>\n");

        final Map<String, String> services = model.services();
        if (services.size() > 1) {
            page.html("<form action=\"").html(PATH).html("\" method=\"get\" id=\"mucaffiliationnotify-service-choice\">\n<p>")
                .html("<label for=\"mucaffiliationnotify-mucname\">").text(messages.get("service.choose")).html("</label>: ")
                .html("<select name=\"").html(SERVICE_PARAMETER)
                .html("\" id=\"mucaffiliationnotify-mucname\" onchange=\"this.form.submit()\">\n");
            services.forEach((service, domain) -> page.html("<option value=\"").text(service).html("\"")
                .html(service.equals(view.service) ? " selected" : "").html(">").text(domain).html("</option>\n"));
            page.html("</select>\n<noscript><input type=\"submit\" value=\"").text(messages.get("service.choose.submit"))
                .html("\"></noscript></p>\n</form>\n");
        }

        model.defaults().forEach((form, defaults) -> {
            renderServiceDefault(page, messages, view, form, defaults, token);
            renderGlobalDefault(page, messages, view, form, defaults.global(), token);
        });

        renderActivity(page, messages, model.counters(), model.countingSince());
        renderRooms(page, messages, view, listing, model.totalRooms(), stored, notifications.global(),
            notifications.serviceMode(), token);
        return page.render();
    }

    /** A setting's default for the service: the form of {@code service.*} texts and {@code service-*} ids. */
    private static void renderServiceDefault(AdminPage page, Messages messages, ServiceQuery view, SettingForm form,
                                             ServicePage.Defaults defaults, String token) {
        final EffectiveSetting inherited = defaults.inherited();
        page.html("<form action=\"").html(Html.escape(view.url(view.start)))
            .html("\" method=\"post\" accept-charset=\"UTF-8\" id=\"").html(form.id("service-form")).html("\">\n");
        hiddenFields(page, form, ACTION_SERVICE_DEFAULT, token);
        page.contentBox(messages.format(form.key("service.default.header"), view.domain), form.id("service-default"));
        page.html("<p>").text(messages.get(form.key("service.default.intro"))).html(" <span id=\"")
            .html(form.id("service-effective")).html("\" data-state=\"").html(inherited.enabled() ? "on" : "off").html("\">")
            .text(messages.format("service.default.current", Labels.effective(messages, inherited, view.domain)))
            .html("</span></p>\n<table>\n<tbody>\n");
        for (Mode mode : Mode.values()) {
            final String description = mode == Mode.INHERIT
                ? messages.format(form.key("service.mode.inherit"), Labels.state(messages, defaults.global()))
                : messages.get(form.key("service.mode." + mode.parameter()));
            page.radioRow(MODE_PARAMETER, mode.parameter(), form.id("service-mode-" + mode.parameter()),
                mode == defaults.serviceMode(), Labels.mode(messages, mode), description);
        }
        page.html("</tbody>\n</table>\n<input type=\"submit\" name=\"save\" id=\"").html(form.id("service-save"))
            .html("\" value=\"").text(messages.get("button.save")).html("\">\n");
        page.endContentBox();
        page.html("</form>\n<br>\n");
    }

    /** A setting's global default, a system property: the form of {@code global.*} texts and {@code global-*} ids. */
    private static void renderGlobalDefault(AdminPage page, Messages messages, ServiceQuery view, SettingForm form,
                                            boolean global, String token) {
        final String property = form.setting.globalProperty();
        page.html("<form action=\"").html(Html.escape(view.url(view.start)))
            .html("\" method=\"post\" accept-charset=\"UTF-8\" id=\"").html(form.id("global-form")).html("\">\n");
        hiddenFields(page, form, ACTION_GLOBAL_DEFAULT, token);
        page.contentBox(messages.get(form.key("global.header")), form.id("global"));
        page.html("<p>").text(messages.get("global.current")).html(" <b id=\"").html(form.id("global-state"))
            .html("\" data-state=\"").html(global ? "on" : "off").html("\">").text(Labels.state(messages, global))
            .html("</b>. ").text(messages.get(form.key("global.explain"))).html("</p>\n<table>\n<tbody>\n");
        for (boolean enabled : new boolean[] {true, false}) {
            final Mode mode = enabled ? Mode.ON : Mode.OFF;
            page.radioRow(MODE_PARAMETER, mode.parameter(), form.id("global-mode-" + mode.parameter()), enabled == global,
                Labels.state(messages, enabled), messages.get(form.key("global.mode." + mode.parameter())));
        }
        page.html("</tbody>\n</table>\n<input type=\"submit\" name=\"save\" id=\"").html(form.id("global-save"))
            .html("\" value=\"").text(messages.get("button.save")).html("\">\n<p><a id=\"").html(form.id("global-link"))
            .html("\" href=\"").html(Html.escape(page.contextPath() + "/server-properties.jsp?searchName=" + Html.url(property)))
            .html("\">").text(messages.get("global.link")).html("</a> (<code>").text(property).html("</code>)</p>\n");
        page.endContentBox();
        page.html("</form>\n<br>\n");
    }

    /** The fields every form of the page's defaults sends besides its choice: the token, the action, the setting. */
    private static void hiddenFields(AdminPage page, SettingForm form, String action, String token) {
        page.html("<input type=\"hidden\" name=\"").html(CSRF_PARAMETER).html("\" value=\"").text(token).html("\">\n")
            .html("<input type=\"hidden\" name=\"").html(ACTION_PARAMETER).html("\" value=\"").html(action).html("\">\n")
            .html("<input type=\"hidden\" name=\"").html(SettingForm.PARAMETER).html("\" value=\"").html(form.parameter())
            .html("\">\n");
    }

    /**
     * This node's counters since the plugin started: one row per counter (id
     * {@code mucaffiliationnotify-counter-<key>}, its value in {@code data-value}).
     */
    private static void renderActivity(AdminPage page, Messages messages, Map<Counter, Long> counters,
                                       Instant since) {
        if (counters == null) {
            return;
        }
        page.contentBox(messages.get("activity.header"), "mucaffiliationnotify-activity");
        page.html("<p>").text(messages.format("activity.intro", Labels.time(messages, since))).html("</p>\n")
            .html("<table class=\"jive-table\" id=\"mucaffiliationnotify-counters\">\n<tbody>\n");
        counters.forEach((counter, value) -> page.html("<tr id=\"mucaffiliationnotify-counter-").html(counter.key())
            .html("\" data-value=\"").html(Long.toString(value)).html("\"><td>")
            .text(messages.get("activity." + counter.key())).html("</td><td style=\"text-align: right\">")
            .text(Labels.count(messages, value)).html("</td></tr>\n"));
        page.html("</tbody>\n</table>\n");
        page.endContentBox();
        page.html("<br>\n");
    }

    private static void renderRooms(AdminPage page, Messages messages, ServiceQuery view, RoomListing listing,
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
            page.html(" <a href=\"").html(Html.escape(new ServiceQuery(view.service, view.domain, "", 0, view.range).url(0))).html("\">")
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

    private static void pageLinks(AdminPage page, Messages messages, ServiceQuery view, RoomListing listing) {
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
