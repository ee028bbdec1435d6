package net.mucaffiliationnotify.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.Before;
import org.junit.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import net.mucaffiliationnotify.rules.AffiliationChange;
import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.rules.Notification;
import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.settings.NotificationSettings;
import net.mucaffiliationnotify.settings.RoomCatalog;
import net.mucaffiliationnotify.settings.RoomKey;

public class RoomSettingsPageTest extends AdminPagesTestSupport {
    private static final RoomKey LOBBY = new RoomKey(SERVICE, "lobby");

    @Before
    public void rooms() {
        catalog.room(SERVICE, "lobby", "The Lobby", "General chat")
            .room(SERVICE, "xss", "<script>alert(1)</script>", "<img src=x onerror=alert(2)> & more")
            .service("chat", "chat.example.org")
            .room("chat", "lobby", "Other lobby", "");
    }

    private URI lobby() {
        return room("lobby@" + DOMAIN);
    }

    private URI room(String jid) {
        return server.page("mucaffiliationnotify-room?roomJID=" + Html.url(jid));
    }

    private static String state(PageClient.Page page) {
        return attributeOfId(page, "mucaffiliationnotify-effective", "data-state");
    }

    private static String source(PageClient.Page page) {
        return attributeOfId(page, "mucaffiliationnotify-source", "data-source");
    }

    private static String checkedMode(PageClient.Page page) {
        for (Mode mode : Mode.values()) {
            if (page.body.contains("id=\"mucaffiliationnotify-mode-" + mode.parameter() + "\" checked")) {
                return mode.parameter();
            }
        }
        return null;
    }

    @Test
    public void globalDefaultDecides() throws Exception {
        levels.global = false;
        start();
        final PageClient.Page page = client.get(lobby());
        assertEquals(200, page.status);
        assertEquals("off", state(page));
        assertEquals("global", source(page));
        assertContains(page, "<b>Off</b>");
        assertContains(page, ">Global default</td>");
        assertEquals("inherit", checkedMode(page));
        assertContains(page, "follow the defaults, which now give: Off (Global default)");
        assertNoMissingTexts(page);
    }

    @Test
    public void serviceDefaultDecides() throws Exception {
        levels.global = false;
        levels.services.put(SERVICE, Mode.ON);
        start();
        final PageClient.Page page = client.get(lobby());
        assertEquals("on", state(page));
        assertEquals("service", source(page));
        assertContains(page, ">Default of the service conference.example.org</td>");
        assertEquals("inherit", checkedMode(page));
    }

    @Test
    public void roomSettingDecides() throws Exception {
        levels.services.put(SERVICE, Mode.ON);
        store.stored.put(LOBBY, Mode.OFF);
        start();
        final PageClient.Page page = client.get(lobby());
        assertEquals("off", state(page));
        assertEquals("room", source(page));
        assertContains(page, ">Own setting of this room</td>");
        assertEquals("off", checkedMode(page));
        // The inherit option tells what the defaults would give.
        assertContains(page, "follow the defaults, which now give: On (Default of the service conference.example.org)");
    }

    @Test
    public void pageCarriesWhatOpenfiresDecoratorNeeds() throws Exception {
        start();
        final PageClient.Page page = client.get(lobby());
        assertTrue(page.body.startsWith("<html>\n<head>\n<title>Affiliation Notifications</title>"));
        assertContains(page, "<meta name=\"subPageID\" content=\"mucaffiliationnotify-room\">");
        assertContains(page, "<meta name=\"extraParams\" content=\"roomJID=lobby%40conference.example.org\">");
        assertContains(page, "<div class=\"jive-table\">");
        assertContains(page, "<div class=\"jive-contentBoxHeader\">Notifications in this room</div>");
        assertContains(page, "<div class=\"jive-contentBox\">");
        assertNotContains(page, "<h1");
        assertContains(page, "<td>The Lobby</td>");
        assertContains(page, "<td>General chat</td>");
        assertContains(page, "<td>lobby@conference.example.org</td>");
        assertContains(page, "href=\"mucaffiliationnotify-service?mucname=conference\"");
    }

    @Test
    public void savingByPostRedirectsAndShowsTheNewState() throws Exception {
        start();
        final PageClient.Page form = client.get(lobby());
        assertEquals("on", state(form));

        final PageClient.Page saved = client.post(form.uri, "csrf", form.csrf(), "mode", "off", "save", "Save Settings");
        assertEquals(302, saved.status);
        assertEquals(lobby(), saved.redirect());
        assertEquals(Mode.OFF, store.stored.get(LOBBY));

        final PageClient.Page after = client.follow(saved);
        assertEquals("off", state(after));
        assertEquals("room", source(after));
        assertEquals("off", checkedMode(after));
        assertContains(after, "<div class=\"jive-success\">");
        assertContains(after, "Settings saved: room lobby@conference.example.org is now set to &quot;Off&quot;.");

        assertEquals(1, audit.entries.size());
        assertEquals(OpenfireEmulationFilter.ADMIN, audit.entries.get(0).admin);
        assertTrue(audit.entries.get(0).toString(), audit.entries.get(0).summary.contains("lobby@conference.example.org"));
        assertTrue(audit.entries.get(0).toString(), audit.entries.get(0).details.contains("previous: inherit, now: off"));

        // The flash message is shown once.
        final PageClient.Page reloaded = client.get(lobby());
        assertNotContains(reloaded, "jive-success");

        // And back to inherit: the room's own value is removed.
        final PageClient.Page again = client.post(lobby(), "csrf", reloaded.csrf(), "mode", "inherit");
        assertNull(store.stored.get(LOBBY));
        assertEquals("global", source(client.follow(again)));
    }

    @Test
    public void postWithoutTokenChangesNothing() throws Exception {
        start();
        client.get(lobby());
        final PageClient.Page refused = client.post(lobby(), "mode", "off");
        // Openfire's PluginServlet: back to the page's URI, without the query.
        assertEquals(server.page("mucaffiliationnotify-room"), refused.redirect());
        assertTrue(store.stored.isEmpty());
        assertEquals(0, store.saves.get());
        assertTrue(audit.entries.isEmpty());

        final PageClient.Page after = client.follow(refused);
        assertEquals(400, after.status);
        assertContains(after, Html.escape(OpenfireEmulationFilter.CSRF_FAILED));
        assertContains(after, "No room was given.");
        assertNotContains(after, "jive-success");
    }

    @Test
    public void postWithWrongTokenChangesNothing() throws Exception {
        start();
        final PageClient.Page form = client.get(lobby());
        final PageClient.Page refused = client.post(lobby(), "csrf", form.csrf() + "x", "mode", "off");
        assertEquals(302, refused.status);
        assertTrue(store.stored.isEmpty());
        assertTrue(audit.entries.isEmpty());
        // A token from another session does not help either.
        final PageClient other = new PageClient();
        final String othersToken = other.get(lobby()).csrf();
        assertEquals(302, client.post(lobby(), "csrf", othersToken, "mode", "off").status);
        assertTrue(store.stored.isEmpty());
    }

    @Test
    public void servletItselfRefusesForeignTokens() throws Exception {
        // As if plugin.xml lacked csrfProtectionEnabled: only the servlet's own check stands.
        start(Locale.ENGLISH, false);
        final PageClient.Page form = client.get(lobby());
        final String token = form.csrf();

        for (String[] forged : new String[][] {{"mode", "off"}, {"csrf", "", "mode", "off"}, {"csrf", "forged", "mode", "off"}}) {
            final PageClient.Page refused = client.post(lobby(), forged);
            assertEquals(lobby(), refused.redirect());
            assertTrue(store.stored.isEmpty());
            final PageClient.Page after = client.follow(refused);
            assertContains(after, "<div class=\"jive-error\">");
            assertContains(after, "Nothing was changed: the form was out of date or did not come from this page.");
        }
        assertTrue(audit.entries.isEmpty());

        // The token of the page is accepted once; after a refusal the page hands out a new one.
        final String fresh = client.get(lobby()).csrf();
        assertFalse(fresh.equals(token));
        assertEquals(lobby(), client.post(lobby(), "csrf", fresh, "mode", "off").redirect());
        assertEquals(Mode.OFF, store.stored.get(LOBBY));
        client.post(lobby(), "csrf", fresh, "mode", "on");
        assertEquals("a token is used up by its POST", Mode.OFF, store.stored.get(LOBBY));
    }

    @Test
    public void getNeverChangesAnything() throws Exception {
        start();
        final String token = client.get(lobby()).csrf();
        final PageClient.Page page = client.get(server.page("mucaffiliationnotify-room?roomJID=lobby%40conference.example.org"
            + "&mode=off&save=Save&csrf=" + token));
        assertEquals(200, page.status);
        assertEquals("on", state(page));
        assertTrue(store.stored.isEmpty());
        assertTrue(audit.entries.isEmpty());
    }

    @Test
    public void userValuesAreEscaped() throws Exception {
        start();
        final PageClient.Page page = client.get(room("xss@" + DOMAIN));
        assertEquals(200, page.status);
        assertNotContains(page, "<script>alert(1)</script>");
        assertNotContains(page, "<img src=x");
        assertContains(page, "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>");
        assertContains(page, "<td>&lt;img src=x onerror=alert(2)&gt; &amp; more</td>");
    }

    @Test
    public void malformedRoomAddressesAreRefused() throws Exception {
        start();
        for (String jid : new String[] {"<script>alert(1)</script>@" + DOMAIN, "a@b@c", "@" + DOMAIN, DOMAIN,
            "lobby@" + DOMAIN + "/nick", "lo\"bby@" + DOMAIN, "x".repeat(4000) + "@" + DOMAIN}) {
            final PageClient.Page page = client.get(room(jid));
            assertEquals(jid, 400, page.status);
            assertContains(page, "This is not the address of a room: ");
            assertNotContains(page, "<script>alert(1)");
            assertContains(page, "<div class=\"jive-error\">");
            assertContains(page, "<meta name=\"pageID\" content=\"muc-room-summary\">");
            assertContains(page, "href=\"/muc-room-summary.jsp\"");
            assertNoMissingTexts(page);
        }
        final PageClient.Page missing = client.get(server.page("mucaffiliationnotify-room"));
        assertEquals(400, missing.status);
        assertContains(missing, "No room was given.");
        final PageClient.Page blank = client.get(server.page("mucaffiliationnotify-room?roomJID=+"));
        assertEquals(400, blank.status);
    }

    @Test
    public void unknownServicesAndRoomsAreNotFound() throws Exception {
        start();
        final PageClient.Page service = client.get(room("lobby@nowhere.example.org"));
        assertEquals(404, service.status);
        assertContains(service, "There is no group chat service with the address nowhere.example.org.");
        final PageClient.Page room = client.get(room("ghost@" + DOMAIN));
        assertEquals(404, room.status);
        assertContains(room, "The room ghost@conference.example.org does not exist.");
        // The address is compared as a JID: the node is case-insensitive.
        assertEquals(200, client.get(room("LOBBY@" + DOMAIN)).status);
        // The same room name in another service is another room.
        assertContains(client.get(room("lobby@chat.example.org")), "<td>Other lobby</td>");
    }

    @Test
    public void badPostsChangeNothing() throws Exception {
        start();
        String token = client.get(lobby()).csrf();
        final PageClient.Page badMode = client.post(lobby(), "csrf", token, "mode", "sometimes");
        assertEquals(400, badMode.status);
        assertContains(badMode, "Unknown setting &quot;sometimes&quot;: choose on, off or inherit.");

        token = client.get(lobby()).csrf();
        final PageClient.Page noMode = client.post(lobby(), "csrf", token);
        assertEquals(400, noMode.status);

        token = client.get(lobby()).csrf();
        final PageClient.Page unknownRoom = client.post(room("ghost@" + DOMAIN), "csrf", token, "mode", "off");
        assertEquals(404, unknownRoom.status);

        token = client.get(lobby()).csrf();
        final PageClient.Page malformed = client.post(room("<b>@" + DOMAIN), "csrf", token, "mode", "off");
        assertEquals(400, malformed.status);
        assertNotContains(malformed, "<b>@");

        assertEquals(0, store.saves.get());
        assertTrue(store.stored.isEmpty());
        assertTrue(audit.entries.isEmpty());
    }

    @Test
    public void databaseFailureIsReportedAndNothingClaimsSuccess() throws Exception {
        start();
        store.savesBeforeFailure = 0;
        final PageClient.Page form = client.get(lobby());
        final PageClient.Page saved = client.post(lobby(), "csrf", form.csrf(), "mode", "off");
        final PageClient.Page after = client.follow(saved);
        assertContains(after, "<div class=\"jive-error\">");
        assertContains(after, "Nothing was changed: the database refused the setting.");
        assertNotContains(after, "jive-success");
        assertEquals("on", state(after));
        assertTrue(store.stored.isEmpty());
        assertTrue(audit.entries.isEmpty());
    }

    @Test
    public void pagesSpeakTheAdminConsolesLanguage() throws Exception {
        start(Locale.GERMAN, true);
        final PageClient.Page german = client.get(lobby());
        assertContains(german, "<title>Zugehörigkeits-Benachrichtigungen</title>");
        assertContains(german, "value=\"Einstellungen speichern\"");
        assertContains(german, ">Globale Voreinstellung</td>");
        assertNoMissingTexts(german);
        server.close();

        // A language without a translation: English, whatever the JVM's default locale.
        final Locale jvm = Locale.getDefault();
        Locale.setDefault(Locale.FRENCH);
        try {
            start(Locale.JAPANESE, true);
            final PageClient.Page english = client.get(lobby());
            assertContains(english, "<title>Affiliation Notifications</title>");
            assertNoMissingTexts(english);
        } finally {
            Locale.setDefault(jvm);
        }
    }

    @Test
    public void pluginNotRunningAnswers503() throws Exception {
        start(() -> new SettingsPagesContext() {
            @Override
            public NotificationSettings settings() {
                return null;
            }

            @Override
            public RoomCatalog catalog() {
                return null;
            }
        }, Locale.ENGLISH, true, false);
        final PageClient.Page page = client.get(lobby());
        assertEquals(503, page.status);
        assertContains(page, "MUC Affiliation Notify is starting or stopping.");
    }

    @Test
    public void theRoomsLastAnnouncedChangeIsShown() throws Exception {
        start();
        assertContains(client.get(lobby()),
            "No affiliation change of this room has been announced since the plugin started.");

        final Instant at = Instant.parse("2026-12-05T06:30:00Z");
        final List<Notification> delivered = new ArrayList<>();
        for (String occupant : List.of("romeo@example.org/orchard", "nurse@example.org/kitchen")) {
            final Message message = new Message();
            message.setFrom("lobby@" + DOMAIN);
            message.setTo(occupant);
            delivered.add(new Notification(message,
                new AffiliationChange(new JID("juliet@example.org"), MucAffiliation.outcast, null)));
        }
        announcements.noteDelivered(delivered, at);

        final PageClient.Page page = client.get(lobby());
        assertEquals("juliet@example.org", attributeOfId(page, "mucaffiliationnotify-last-change", "data-jid"));
        assertEquals("outcast", attributeOfId(page, "mucaffiliationnotify-last-change", "data-affiliation"));
        assertEquals("2", attributeOfId(page, "mucaffiliationnotify-last-change", "data-recipients"));
        assertEquals(Long.toString(at.toEpochMilli()),
            attributeOfId(page, "mucaffiliationnotify-last-change", "data-at"));
        assertContains(page, "Last announced change: juliet@example.org became outcast (banned); 2 occupant session(s) told on ");
        assertNoMissingTexts(page);
        assertNotContains(client.get(room("lobby@chat.example.org")), "juliet@example.org");
    }

    // ---- the setting for telling the affected user

    private static String affectedUserState(PageClient.Page page) {
        return attributeOfId(page, "mucaffiliationnotify-affected-user-effective", "data-state");
    }

    private static String affectedUserSource(PageClient.Page page) {
        return attributeOfId(page, "mucaffiliationnotify-affected-user-source", "data-source");
    }

    private static String checkedAffectedUserMode(PageClient.Page page) {
        String checked = null;
        for (Mode mode : Mode.values()) {
            if (page.body.contains("id=\"mucaffiliationnotify-affected-user-mode-" + mode.parameter() + "\" checked")) {
                assertNull("one choice checked", checked);
                checked = mode.parameter();
            }
        }
        return checked;
    }

    @Test
    public void theAffectedUserIsToldNowhereByDefaultAndThePageSaysWhy() throws Exception {
        start();
        final PageClient.Page page = client.get(lobby());
        assertEquals("off", affectedUserState(page));
        assertEquals("global", affectedUserSource(page));
        assertEquals("inherit", checkedAffectedUserMode(page));
        assertEquals("on", state(page));
        assertContains(page, "<th scope=\"col\">Telling the affected user</th>");
        assertContains(page, "<div class=\"jive-contentBoxHeader\">Telling the affected user</div>");
        assertContains(page, "id=\"mucaffiliationnotify-affected-user-room-form\"");
        assertContains(page, "<input type=\"hidden\" name=\"setting\" value=\"affected-user\">");
        assertContains(page, "never tell the affected user in this room");
        assertEquals("the inherit choice of each form tells what the defaults give", 1,
            count(page.body, "follow the defaults, which now give: Off (Global default)"));
        assertNoMissingTexts(page);

        affectedUserLevels.services.put(SERVICE, Mode.ON);
        final PageClient.Page byService = client.get(lobby());
        assertEquals("on", affectedUserState(byService));
        assertEquals("service", affectedUserSource(byService));
        assertContains(byService, "follow the defaults, which now give: On (Default of the service conference.example.org)");
    }

    @Test
    public void savingTheAffectedUsersSettingLeavesTheNotificationsAlone() throws Exception {
        levels.services.put(SERVICE, Mode.OFF);
        start();
        final PageClient.Page form = client.get(lobby());
        final PageClient.Page saved = client.post(form.uri, "csrf", form.csrf(), "setting", "affected-user",
            "mode", "on", "save", "Save Settings");
        assertEquals(302, saved.status);
        assertEquals(lobby(), saved.redirect());
        assertEquals(Mode.ON, affectedUserStore.stored.get(LOBBY));
        assertTrue(store.stored.isEmpty());

        final PageClient.Page after = client.follow(saved);
        assertEquals("on", affectedUserState(after));
        assertEquals("room", affectedUserSource(after));
        assertEquals("on", checkedAffectedUserMode(after));
        assertEquals("off", state(after));
        assertEquals("inherit", checkedMode(after));
        assertContains(after, "Settings saved: telling the affected user in room lobby@conference.example.org is now set to &quot;On&quot;.");

        assertEquals(1, audit.entries.size());
        assertEquals(OpenfireEmulationFilter.ADMIN, audit.entries.get(0).admin);
        assertEquals("MUC Affiliation Notify: room lobby@conference.example.org (setting for telling the affected user) set to on",
            audit.entries.get(0).summary);
        assertEquals("previous: inherit, now: on, effective: on (room)", audit.entries.get(0).details);

        // Back to inherit: the room's own value is removed.
        client.follow(client.post(lobby(), "csrf", client.get(lobby()).csrf(), "setting", "affected-user",
            "mode", "inherit"));
        assertNull(affectedUserStore.stored.get(LOBBY));
        assertEquals(2, audit.entries.size());
    }

    @Test
    public void theAffectedUsersSettingIsChangedOnlyWithTheToken() throws Exception {
        start();
        client.get(lobby());
        final PageClient.Page refused = client.post(lobby(), "setting", "affected-user", "mode", "on");
        assertEquals(server.page("mucaffiliationnotify-room"), refused.redirect());
        final PageClient.Page wrong = client.post(lobby(), "csrf", "guess", "setting", "affected-user", "mode", "on");
        assertEquals(302, wrong.status);
        assertTrue(affectedUserStore.stored.isEmpty());
        assertEquals(0, affectedUserStore.saves.get());
        assertTrue(audit.entries.isEmpty());
    }

    @Test
    public void anUnknownSettingIsRefused() throws Exception {
        start();
        final String token = client.get(lobby()).csrf();
        final PageClient.Page refused = client.post(lobby(), "csrf", token, "setting", "<volume>", "mode", "off");
        assertEquals(400, refused.status);
        assertContains(refused, "This page has no setting named &quot;&lt;volume&gt;&quot;.");
        assertEquals(0, store.saves.get());
        assertEquals(0, affectedUserStore.saves.get());
        assertTrue(audit.entries.isEmpty());
    }

    @Test
    public void aDatabaseRefusingTheAffectedUsersSettingIsReported() throws Exception {
        start();
        affectedUserStore.savesBeforeFailure = 0;
        final PageClient.Page form = client.get(lobby());
        final PageClient.Page after = client.follow(client.post(lobby(), "csrf", form.csrf(), "setting", "affected-user",
            "mode", "on"));
        assertContains(after, "Nothing was changed: the database refused the setting.");
        assertNotContains(after, "jive-success");
        assertEquals("off", affectedUserState(after));
        assertTrue(audit.entries.isEmpty());
    }

    @Test
    public void theAffectedUsersFormSpeaksEveryLanguage() throws Exception {
        for (Locale locale : List.of(Locale.GERMAN, Locale.FRENCH, new Locale("es"), new Locale("nl"))) {
            stopServer();
            start(locale, true);
            final PageClient.Page page = client.get(lobby());
            assertEquals(200, page.status);
            assertNoMissingTexts(page);
            assertContains(page, "id=\"mucaffiliationnotify-affected-user-mode-on\"");
        }
    }
}
