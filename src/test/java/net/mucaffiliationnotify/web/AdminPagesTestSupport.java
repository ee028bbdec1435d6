package net.mucaffiliationnotify.web;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServlet;

import org.junit.After;

import net.mucaffiliationnotify.settings.NotificationSettings;
import net.mucaffiliationnotify.settings.RoomKey;
import net.mucaffiliationnotify.settings.Setting;
import net.mucaffiliationnotify.settings.InMemorySettingLevels;
import net.mucaffiliationnotify.statistics.LastAnnouncements;
import net.mucaffiliationnotify.statistics.PluginCounters;

/** The fakes, the real NotificationSettings, the server and a client: what every page test starts from. */
abstract class AdminPagesTestSupport {
    static final String SERVICE = "conference";
    static final String DOMAIN = "conference.example.org";

    private static ClassLoader i18n;

    final FakeRoomCatalog catalog = new FakeRoomCatalog().service(SERVICE, DOMAIN);
    final FakeRoomSettingsStore store = new FakeRoomSettingsStore();
    final InMemorySettingLevels levels = new InMemorySettingLevels();
    /** The room values and defaults of {@link Setting#AFFECTED_USER}. */
    final FakeRoomSettingsStore affectedUserStore = new FakeRoomSettingsStore();
    final InMemorySettingLevels affectedUserLevels = new InMemorySettingLevels(Setting.AFFECTED_USER);
    final Map<String, String> roomCache = new ConcurrentHashMap<>();
    final NotificationSettings settings = new NotificationSettings(
        setting -> setting == Setting.NOTIFICATIONS ? levels : affectedUserLevels,
        jid -> RoomAddress.serviceOf(catalog, jid.getDomain()).map(s -> new RoomKey(s, jid.getNode())).orElse(null),
        setting -> setting == Setting.NOTIFICATIONS ? store : affectedUserStore, roomCache);
    final RecordingAuditLog audit = new RecordingAuditLog();
    final PluginCounters counters = new PluginCounters(Instant.parse("2026-12-05T06:00:00Z"));
    final Map<String, String> lastChanges = new ConcurrentHashMap<>();
    final LastAnnouncements announcements = new LastAnnouncements(lastChanges);
    final PageClient client = new PageClient();
    AdminPagesServer server;

    /** @return a class loader that sees the plugin's i18n/ folder, as the plugin's class loader does in Openfire */
    static synchronized ClassLoader i18nLoader() throws Exception {
        if (i18n == null) {
            i18n = new URLClassLoader(new URL[] {Path.of("i18n").toUri().toURL()}, null);
        }
        return i18n;
    }

    void start() throws Exception {
        start(Locale.ENGLISH, true);
    }

    void start(Locale locale, boolean csrfProtectionEnabled) throws Exception {
        final Supplier<SettingsPagesContext> context = SettingsPageServlet.fixed(settings, catalog, audit, counters,
            announcements);
        start(context, locale, csrfProtectionEnabled, false);
    }

    void start(Supplier<SettingsPagesContext> context, Locale locale, boolean csrfProtectionEnabled, boolean decorate)
        throws Exception {
        final ClassLoader loader = i18nLoader();
        server = AdminPagesServer.start(Map.<String, HttpServlet>of(
            RoomSettingsServlet.class.getName(), new RoomSettingsServlet(context, () -> locale, loader),
            ServiceSettingsServlet.class.getName(), new ServiceSettingsServlet(context, () -> locale, loader)),
            csrfProtectionEnabled, decorate);
    }

    @After
    public void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Checks that every text came from the bundle. */
    static void assertNoMissingTexts(PageClient.Page page) {
        assertFalse("a text is missing from the bundle:\n" + page.body, page.body.contains("???"));
    }

    static void assertContains(PageClient.Page page, String text) {
        assertTrue("expected «" + text + "» in:\n" + page, page.body.contains(text));
    }

    static void assertNotContains(PageClient.Page page, String text) {
        assertFalse("did not expect «" + text + "» in:\n" + page, page.body.contains(text));
    }

    /** @return the value of attribute {@code attribute} of the element with id {@code id} */
    static String attributeOfId(PageClient.Page page, String id, String attribute) {
        final Matcher matcher = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*?" + attribute + "=\"([^\"]*)\"")
            .matcher(page.body);
        assertTrue("no element " + id + " with " + attribute + " in:\n" + page, matcher.find());
        return matcher.group(1);
    }

    /** @return the number of times {@code text} occurs */
    static int count(String body, String text) {
        int count = 0;
        for (int at = body.indexOf(text); at >= 0; at = body.indexOf(text, at + text.length())) {
            count++;
        }
        return count;
    }
}
