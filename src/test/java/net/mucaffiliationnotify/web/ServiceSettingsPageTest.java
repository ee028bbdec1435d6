package net.mucaffiliationnotify.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Before;
import org.junit.Test;

import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.settings.RoomKey;
import net.mucaffiliationnotify.statistics.Counter;

public class ServiceSettingsPageTest extends AdminPagesTestSupport {
    private static final Pattern ROW = Pattern.compile(
        "<tr class=\"mucaffiliationnotify-room-row\" data-room=\"([^\"]*)\">.*?<td class=\"own\" data-mode=\"([^\"]*)\">"
            + ".*?<td class=\"state\" data-state=\"([^\"]*)\">.*?<td class=\"source\" data-source=\"([^\"]*)\">");

    @Before
    public void rooms() {
        catalog.room(SERVICE, "lobby", "The Lobby", "General chat")
            .room(SERVICE, "other", "Other room", "Somewhere else")
            .room(SERVICE, "xss", "<script>alert(1)</script>", "<img src=x onerror=alert(2)>")
            .room(SERVICE, "café", "Café", "Non-ASCII room name");
    }

    private URI overview() {
        return server.page("mucaffiliationnotify-service");
    }

    private URI overview(String query) {
        return server.page("mucaffiliationnotify-service?" + query);
    }

    /** @return "own/state/source" of the room's row */
    private static String row(PageClient.Page page, String room) {
        final Matcher matcher = ROW.matcher(page.body);
        while (matcher.find()) {
            if (matcher.group(1).equals(Html.escape(room))) {
                return matcher.group(2) + "/" + matcher.group(3) + "/" + matcher.group(4);
            }
        }
        throw new AssertionError("no row for " + room + " in:\n" + page);
    }

    private static int rows(PageClient.Page page) {
        return count(page.body, "<tr class=\"mucaffiliationnotify-room-row\"");
    }

    @Test
    public void showsDefaultsAndEveryRoomsStateAndSource() throws Exception {
        levels.global = true;
        store.stored.put(new RoomKey(SERVICE, "lobby"), Mode.OFF);
        start();
        final PageClient.Page page = client.get(overview());
        assertEquals(200, page.status);
        assertContains(page, "<meta name=\"pageID\" content=\"mucaffiliationnotify-service\">");
        assertContains(page, "<title>Affiliation Notifications</title>");
        assertEquals("off/off/room", row(page, "lobby"));
        assertEquals("inherit/on/global", row(page, "other"));
        assertEquals("on", attributeOfId(page, "mucaffiliationnotify-global-state", "data-state"));
        assertEquals("/server-properties.jsp?searchName=plugin.mucaffiliationnotify.enabled",
            attributeOfId(page, "mucaffiliationnotify-global-link", "href"));
        assertContains(page, "id=\"mucaffiliationnotify-service-mode-inherit\" checked");
        assertContains(page, "Now: On (Global default).");
        assertContains(page, "Rooms: 4");
        assertContains(page, "<a href=\"mucaffiliationnotify-room?roomJID=lobby%40conference.example.org\"");
        assertContains(page, "<div class=\"jive-table\">");
        assertContains(page, "<div class=\"jive-contentBoxHeader\">Default of the service conference.example.org</div>");
        assertNotContains(page, "<h1");
        assertNotContains(page, "mucaffiliationnotify-service-choice");
        assertNoMissingTexts(page);
    }

    @Test
    public void settingTheServiceDefault() throws Exception {
        levels.global = true;
        start();
        final PageClient.Page form = client.get(overview());
        final PageClient.Page saved = client.post(overview("mucname=conference"), "csrf", form.csrf(),
            "action", "service-default", "mode", "off");
        assertEquals(overview("mucname=conference"), saved.redirect());
        assertEquals(Mode.OFF, levels.services.get(SERVICE));
        final PageClient.Page after = client.follow(saved);
        assertContains(after, "Settings saved: the default of conference.example.org is now &quot;Off&quot;.");
        assertEquals("inherit/off/service", row(after, "other"));
        assertContains(after, "id=\"mucaffiliationnotify-service-mode-off\" checked");
        assertEquals(1, audit.entries.size());
        assertEquals(OpenfireEmulationFilter.ADMIN, audit.entries.get(0).admin);
        assertTrue(audit.entries.get(0).details, audit.entries.get(0).details.contains("previous: inherit, now: off"));
    }

    @Test
    public void settingTheGlobalDefault() throws Exception {
        levels.global = true;
        start();
        PageClient.Page form = client.get(overview());
        assertContains(form, "id=\"mucaffiliationnotify-global-mode-on\" checked");
        final PageClient.Page saved = client.post(overview("mucname=conference"), "csrf", form.csrf(),
            "action", "global-default", "mode", "off");
        assertEquals(overview("mucname=conference"), saved.redirect());
        assertEquals(false, levels.global);
        final PageClient.Page after = client.follow(saved);
        assertContains(after, "Settings saved: the global default is now &quot;Off&quot;.");
        assertEquals("off", attributeOfId(after, "mucaffiliationnotify-global-state", "data-state"));
        assertContains(after, "id=\"mucaffiliationnotify-global-mode-off\" checked");
        assertEquals("inherit/off/global", row(after, "other"));
        assertEquals(1, audit.entries.size());
        assertTrue(audit.entries.get(0).details, audit.entries.get(0).details.contains("previous: true, now: false"));

        // There is nothing for the global default to inherit from.
        form = client.get(overview());
        final PageClient.Page inherit = client.post(overview("mucname=conference"), "csrf", form.csrf(),
            "action", "global-default", "mode", "inherit");
        assertEquals(400, inherit.status);
        assertEquals(false, levels.global);
        assertEquals(1, audit.entries.size());
    }

    @Test
    public void bulkActionChangesTheSelectedRooms() throws Exception {
        levels.global = false;
        start();
        PageClient.Page page = client.get(overview());
        PageClient.Page saved = client.post(overview("mucname=conference"), "csrf", page.csrf(), "action", "rooms",
            "mode", "on", "room", "lobby", "room", "café", "room", "lobby");
        page = client.follow(saved);
        assertEquals(Mode.ON, store.stored.get(new RoomKey(SERVICE, "lobby")));
        assertEquals("non-ASCII room names arrive intact", Mode.ON, store.stored.get(new RoomKey(SERVICE, "café")));
        assertEquals(2, store.stored.size());
        assertEquals("on/on/room", row(page, "lobby"));
        assertEquals("inherit/off/global", row(page, "other"));
        assertContains(page, "Settings saved for 2 room(s): now &quot;On&quot;.");
        assertEquals(1, audit.entries.size());
        assertTrue(audit.entries.get(0).details, audit.entries.get(0).details.contains("lobby, café"));

        saved = client.post(overview("mucname=conference"), "csrf", page.csrf(), "action", "rooms", "mode", "inherit",
            "room", "lobby");
        page = client.follow(saved);
        assertNull(store.stored.get(new RoomKey(SERVICE, "lobby")));
        assertEquals("inherit/off/global", row(page, "lobby"));

        // Nothing selected: nothing to do, and the page says so.
        saved = client.post(overview("mucname=conference"), "csrf", page.csrf(), "action", "rooms", "mode", "off");
        page = client.follow(saved);
        assertContains(page, "<div class=\"jive-warning\">");
        assertContains(page, "No room was selected, so nothing was changed.");
    }

    @Test
    public void bulkActionWithAnUnknownRoomChangesNothing() throws Exception {
        start();
        final PageClient.Page page = client.get(overview());
        final PageClient.Page refused = client.post(overview("mucname=conference"), "csrf", page.csrf(),
            "action", "rooms", "mode", "off", "room", "lobby", "room", "ghost<b>");
        assertEquals(404, refused.status);
        assertContains(refused, "Nothing was changed: there is no room ghost&lt;b&gt; in conference.example.org.");
        assertTrue(store.stored.isEmpty());
        assertEquals(0, store.saves.get());
        assertTrue(audit.entries.isEmpty());
    }

    @Test
    public void changesWithoutTheTokenAreRefused() throws Exception {
        start();
        client.get(overview());
        final PageClient.Page refused = client.post(overview("mucname=conference"), "action", "rooms", "mode", "off",
            "room", "lobby");
        assertEquals(overview(), refused.redirect());
        final PageClient.Page wrong = client.post(overview("mucname=conference"), "csrf", "guess",
            "action", "service-default", "mode", "off");
        assertEquals(302, wrong.status);
        final boolean global = levels.global;
        assertEquals(302, client.post(overview("mucname=conference"), "csrf", "guess",
            "action", "global-default", "mode", global ? "off" : "on").status);
        assertEquals(global, levels.global);
        assertTrue(store.stored.isEmpty());
        assertTrue(levels.services.isEmpty());
        assertTrue(audit.entries.isEmpty());
        assertContains(client.follow(wrong), Html.escape(OpenfireEmulationFilter.CSRF_FAILED));
    }

    @Test
    public void badPostParametersAreRefused() throws Exception {
        start();
        String token = client.get(overview()).csrf();
        final PageClient.Page action = client.post(overview("mucname=conference"), "csrf", token, "action", "drop",
            "mode", "off");
        assertEquals(400, action.status);
        assertContains(action, "Unknown action &quot;drop&quot;.");
        token = client.get(overview()).csrf();
        final PageClient.Page mode = client.post(overview("mucname=conference"), "csrf", token,
            "action", "service-default", "mode", "maybe");
        assertEquals(400, mode.status);
        token = client.get(overview()).csrf();
        assertEquals(404, client.post(overview("mucname=nothere"), "csrf", token, "action", "service-default",
            "mode", "off").status);
        assertTrue(levels.services.isEmpty());
        assertTrue(store.stored.isEmpty());
        assertTrue(audit.entries.isEmpty());
    }

    @Test
    public void tenThousandRoomsArePagedAndSearchable() throws Exception {
        final FakeRoomCatalog big = catalog.service("big", "big.example.org");
        for (int i = 0; i < 10_000; i++) {
            big.room("big", String.format("room-%05d", i), "Room " + i, "Description of room " + i);
        }
        start();

        PageClient.Page page = client.get(overview("mucname=big"));
        assertEquals(25, rows(page));
        assertContains(page, "data-room=\"room-00000\"");
        assertContains(page, "data-room=\"room-00024\"");
        assertNotContains(page, "data-room=\"room-00025\"");
        assertContains(page, "Rooms: 10,000, showing 1–25");
        assertContains(page, "<span class=\"jive-current\">1</span>");
        assertContains(page, "<a href=\"mucaffiliationnotify-service?mucname=big&amp;start=9975\">400</a>");
        assertContains(page, "&hellip;");
        assertTrue("the page holds the current rows only: " + page.body.length(), page.body.length() < 60_000);

        page = client.get(overview("mucname=big&start=9990"));
        assertEquals(10, rows(page));
        assertContains(page, "showing 9,991–10,000");
        assertContains(page, "<span class=\"jive-current\">400</span>");

        page = client.get(overview("mucname=big&start=50&range=100"));
        assertEquals(100, rows(page));
        assertContains(page, "data-room=\"room-00050\"");
        assertContains(page, "data-room=\"room-00149\"");
        assertContains(page, "<option value=\"100\" selected>");

        page = client.get(overview("mucname=big&range=50&start=20000"));
        assertEquals("past the end: the last page", 50, rows(page));
        assertContains(page, "data-room=\"room-09999\"");

        page = client.get(overview("mucname=big&q=ROOM-0424"));
        assertEquals(10, rows(page));
        assertContains(page, "Rooms: 10,000, matching the search: 10, showing 1–10");
        assertContains(page, "value=\"ROOM-0424\"");

        page = client.get(overview("mucname=big&q=" + Html.url("of room 7777")));
        assertEquals("search in descriptions", 1, rows(page));
        assertContains(page, "data-room=\"room-07777\"");

        page = client.get(overview("mucname=big&q=nomatch"));
        assertEquals(0, rows(page));
        assertContains(page, "No room matches the search.");

        // Page links keep the search and the page size.
        page = client.get(overview("mucname=big&q=room-01&range=50"));
        assertContains(page, "<a href=\"mucaffiliationnotify-service?mucname=big&amp;q=room-01&amp;start=50&amp;range=50\">2</a>");
    }

    @Test
    public void badViewParametersAreRefused() throws Exception {
        start();
        final String[][] cases = {
            {"start=-1", "400", "The first room to show (start) must be a whole number of 0 or more, not &quot;-1&quot;."},
            {"start=abc", "400", "not &quot;abc&quot;"},
            {"start=99999999999", "400", "not &quot;99999999999&quot;"},
            {"range=7", "400", "The number of rooms per page (range) must be 25, 50 or 100, not &quot;7&quot;."},
            {"range=1000", "400", "not &quot;1000&quot;"},
            {"range=%3Cscript%3E", "400", "not &quot;&lt;script&gt;&quot;"},
            {"q=" + "x".repeat(201), "400", "The search text may have at most 200 characters."},
            {"mucname=nothere", "404", "There is no group chat service named nothere."},
            {"mucname=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "404", "named &lt;script&gt;alert(1)&lt;/script&gt;."},
        };
        for (String[] c : cases) {
            final PageClient.Page page = client.get(overview(c[0]));
            assertEquals(c[0], Integer.parseInt(c[1]), page.status);
            assertContains(page, c[2]);
            assertContains(page, "<div class=\"jive-error\">");
            assertNotContains(page, "<script>");
            assertNoMissingTexts(page);
        }
    }

    @Test
    public void userValuesAreEscaped() throws Exception {
        start();
        final PageClient.Page page = client.get(overview("q=" + Html.url("<script>alert(1)</script>")));
        assertEquals(200, page.status);
        assertNotContains(page, "<script>alert(1)</script>");
        assertContains(page, "value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"");

        final PageClient.Page rooms = client.get(overview());
        assertNotContains(rooms, "<script>alert(1)</script>");
        assertNotContains(rooms, "<img src=x");
        assertContains(rooms, "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>");
        assertContains(rooms, "<td>&lt;img src=x onerror=alert(2)&gt;</td>");
        assertContains(rooms, "<a href=\"mucaffiliationnotify-room?roomJID=caf%C3%A9%40conference.example.org\"");
    }

    @Test
    public void severalServicesCanBeChosen() throws Exception {
        catalog.service("chat", "chat.example.org").room("chat", "general", "General", "");
        start();
        final PageClient.Page first = client.get(overview());
        assertContains(first, "id=\"mucaffiliationnotify-service-choice\"");
        // Without mucname: the first service, as on Openfire's room summary.
        assertContains(first, "<option value=\"chat\" selected>chat.example.org</option>");
        assertContains(first, "<option value=\"conference\">conference.example.org</option>");
        assertContains(first, "data-room=\"general\"");
        final PageClient.Page conference = client.get(overview("mucname=conference"));
        assertContains(conference, "<option value=\"conference\" selected>conference.example.org</option>");
        assertContains(conference, "data-room=\"lobby\"");
        assertNotContains(conference, "data-room=\"general\"");
    }

    @Test
    public void databaseFailuresAreShownAndNeverReportedAsSuccess() throws Exception {
        start();
        // Reading the rooms' own values fails: the page says so, and shows them as unknown.
        store.failing = true;
        PageClient.Page page = client.get(overview());
        assertEquals(200, page.status);
        assertContains(page, "The rooms&#39; own settings could not be read from the database");
        assertEquals("unknown/unknown/unknown", row(page, "lobby"));
        store.failing = false;

        // Saving fails after the first of two rooms.
        store.savesBeforeFailure = 1;
        page = client.get(overview());
        PageClient.Page saved = client.post(overview("mucname=conference"), "csrf", page.csrf(), "action", "rooms",
            "mode", "off", "room", "lobby", "room", "other");
        page = client.follow(saved);
        assertContains(page, "The database refused a setting after 1 of 2 selected rooms had been changed; the other rooms were not changed.");
        assertNotContains(page, "jive-success");
        assertEquals("off/off/room", row(page, "lobby"));
        assertEquals("inherit/on/global", row(page, "other"));
        assertEquals("the change that was made is audited", 1, audit.entries.size());

        // Saving the service default fails.
        levels.failing = true;
        saved = client.post(overview("mucname=conference"), "csrf", page.csrf(), "action", "service-default", "mode", "off");
        page = client.follow(saved);
        assertContains(page, "Nothing was changed: the default of the service could not be saved.");
        assertNotContains(page, "jive-success");
        assertTrue(levels.services.isEmpty());
        assertEquals(1, audit.entries.size());
    }

    @Test
    public void noServiceAtAll() throws Exception {
        final FakeRoomCatalog empty = new FakeRoomCatalog();
        server = AdminPagesServer.start(java.util.Map.of(
            RoomSettingsServlet.class.getName(), new RoomSettingsServlet(SettingsPageServlet.fixed(settings, empty, audit),
                () -> Locale.ENGLISH, i18nLoader()),
            ServiceSettingsServlet.class.getName(), new ServiceSettingsServlet(SettingsPageServlet.fixed(settings, empty, audit),
                () -> Locale.ENGLISH, i18nLoader())), true, false);
        final PageClient.Page page = client.get(overview());
        assertEquals(200, page.status);
        assertContains(page, "There is no group chat service yet.");
        assertContains(page, "href=\"/muc-service-summary.jsp\"");
    }

    @Test
    public void activityShowsThisNodesCountersSinceThePluginStarted() throws Exception {
        counters.add(Counter.NOTIFICATIONS_SENT, 12_345);
        counters.increment(Counter.JOIN_FORBIDDEN);
        start();
        final PageClient.Page page = client.get(server.page("mucaffiliationnotify-service?mucname=conference"));
        assertEquals(200, page.status);
        for (Counter counter : Counter.values()) {
            final long expected = counter == Counter.NOTIFICATIONS_SENT ? 12_345 : counter == Counter.JOIN_FORBIDDEN ? 1 : 0;
            assertEquals(counter.key(), Long.toString(expected),
                attributeOfId(page, "mucaffiliationnotify-counter-" + counter.key(), "data-value"));
        }
        assertContains(page, "Notifications sent (one per occupant told)</td>");
        assertContains(page, ">12,345</td>");
        assertContains(page, "Counted on this cluster node since the plugin started (");
        assertNoMissingTexts(page);

        // The page reads the counters at each request.
        counters.increment(Counter.NOTIFICATIONS_SENT);
        assertEquals("12346", attributeOfId(client.get(server.page("mucaffiliationnotify-service?mucname=conference")),
            "mucaffiliationnotify-counter-notifications_sent", "data-value"));
    }

    @Test
    public void everyLanguageNamesEveryCounter() throws Exception {
        for (Locale locale : List.of(Locale.GERMAN, Locale.FRENCH, new Locale("es"),
                new Locale("nl"))) {
            stopServer();
            start(locale, true);
            final PageClient.Page page = client.get(server.page("mucaffiliationnotify-service?mucname=conference"));
            assertEquals(200, page.status);
            assertNoMissingTexts(page);
            assertContains(page, "id=\"mucaffiliationnotify-counter-failures\"");
        }
    }

    @Test
    public void withoutCountersThereIsNoActivityBox() throws Exception {
        start(SettingsPageServlet.fixed(settings, catalog, audit), Locale.ENGLISH, true, false);
        final PageClient.Page page = client.get(server.page("mucaffiliationnotify-service?mucname=conference"));
        assertEquals(200, page.status);
        assertNotContains(page, "mucaffiliationnotify-activity");
    }

    @Test
    public void withoutAnyMucServiceThePageSaysSoAndLinksOpenfiresSummary() throws Exception {
        start(SettingsPageServlet.fixed(settings, new FakeRoomCatalog(), audit), Locale.ENGLISH, true, false);
        final PageClient.Page page = client.get(server.page("mucaffiliationnotify-service"));
        assertEquals(200, page.status);
        assertContains(page, "class=\"jive-warning\"");
        assertContains(page, "/muc-service-summary.jsp\"");
        assertNotContains(page, "mucaffiliationnotify-service-form");
        assertNoMissingTexts(page);
    }

    // ---- the setting for telling the affected user

    @Test
    public void theAffectedUsersDefaultsAreShownOffUntilChanged() throws Exception {
        start();
        final PageClient.Page page = client.get(overview());
        assertEquals("off", attributeOfId(page, "mucaffiliationnotify-affected-user-global-state", "data-state"));
        assertEquals("off", attributeOfId(page, "mucaffiliationnotify-affected-user-service-effective", "data-state"));
        assertEquals("/server-properties.jsp?searchName=plugin.mucaffiliationnotify.affectedUser.enabled",
            attributeOfId(page, "mucaffiliationnotify-affected-user-global-link", "href"));
        assertContains(page, "id=\"mucaffiliationnotify-affected-user-service-mode-inherit\" checked");
        assertContains(page, "id=\"mucaffiliationnotify-affected-user-global-mode-off\" checked");
        assertContains(page, "<div class=\"jive-contentBoxHeader\">Telling the affected user: default of the service conference.example.org</div>");
        assertContains(page, "<div class=\"jive-contentBoxHeader\">Telling the affected user: global default</div>");
        assertContains(page, "Now: Off (Global default).");
        // The notifications' forms are as they were.
        assertEquals("on", attributeOfId(page, "mucaffiliationnotify-global-state", "data-state"));
        assertContains(page, "Now: On (Global default).");
        assertNoMissingTexts(page);
    }

    @Test
    public void settingTheAffectedUsersServiceAndGlobalDefaults() throws Exception {
        start();
        PageClient.Page page = client.get(overview());
        PageClient.Page saved = client.post(overview("mucname=conference"), "csrf", page.csrf(),
            "action", "service-default", "setting", "affected-user", "mode", "on");
        assertEquals(overview("mucname=conference"), saved.redirect());
        assertEquals(Mode.ON, affectedUserLevels.services.get(SERVICE));
        assertTrue("the notifications' default is untouched", levels.services.isEmpty());
        page = client.follow(saved);
        assertContains(page, "Settings saved: the default of conference.example.org for telling the affected user is now &quot;On&quot;.");
        assertContains(page, "id=\"mucaffiliationnotify-affected-user-service-mode-on\" checked");
        assertEquals("on", attributeOfId(page, "mucaffiliationnotify-affected-user-service-effective", "data-state"));
        assertEquals(1, audit.entries.size());
        assertEquals("MUC Affiliation Notify: default of service conference.example.org (setting for telling the affected user) set to on",
            audit.entries.get(0).summary);
        assertEquals("service: conference, property: mucaffiliationnotify.affectedUser.enabled, previous: inherit, now: on",
            audit.entries.get(0).details);

        saved = client.post(overview("mucname=conference"), "csrf", page.csrf(),
            "action", "global-default", "setting", "affected-user", "mode", "on");
        assertTrue(affectedUserLevels.global);
        assertTrue(levels.global);
        page = client.follow(saved);
        assertContains(page, "Settings saved: the global default for telling the affected user is now &quot;On&quot;.");
        assertEquals("on", attributeOfId(page, "mucaffiliationnotify-affected-user-global-state", "data-state"));
        assertEquals(2, audit.entries.size());
        assertEquals("MUC Affiliation Notify: global default (setting for telling the affected user) set to on",
            audit.entries.get(1).summary);
        assertEquals("plugin.mucaffiliationnotify.affectedUser.enabled, previous: false, now: true",
            audit.entries.get(1).details);
    }

    @Test
    public void theAffectedUsersDefaultsAreChangedOnlyWithTheToken() throws Exception {
        start();
        client.get(overview());
        for (String action : new String[] {"service-default", "global-default"}) {
            assertEquals(overview(), client.post(overview("mucname=conference"), "action", action,
                "setting", "affected-user", "mode", "on").redirect());
            assertEquals(302, client.post(overview("mucname=conference"), "csrf", "guess", "action", action,
                "setting", "affected-user", "mode", "on").status);
        }
        assertTrue(affectedUserLevels.services.isEmpty());
        assertEquals(false, affectedUserLevels.global);
        assertTrue(audit.entries.isEmpty());
    }

    /** The room list switches notifications only; a POST that names another setting for it is refused. */
    @Test
    public void theRoomListChangesNoOtherSettingAndUnknownSettingsAreRefused() throws Exception {
        start();
        String token = client.get(overview()).csrf();
        final PageClient.Page rooms = client.post(overview("mucname=conference"), "csrf", token, "action", "rooms",
            "setting", "affected-user", "mode", "on", "room", "lobby");
        assertEquals(400, rooms.status);
        assertContains(rooms, "This page has no setting named &quot;affected-user&quot;.");
        token = client.get(overview()).csrf();
        final PageClient.Page unknown = client.post(overview("mucname=conference"), "csrf", token,
            "action", "service-default", "setting", "volume", "mode", "on");
        assertEquals(400, unknown.status);
        assertTrue(store.stored.isEmpty());
        assertTrue(affectedUserStore.stored.isEmpty());
        assertTrue(affectedUserLevels.services.isEmpty());
        assertTrue(levels.services.isEmpty());
        assertTrue(audit.entries.isEmpty());
    }
}
