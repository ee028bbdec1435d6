package net.mucaffiliationnotify.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import net.mucaffiliationnotify.rules.AffiliationChange;
import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.rules.Notification;
import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.settings.RoomKey;
import net.mucaffiliationnotify.statistics.Counter;

/**
 * End to end in a real browser: the system's headless Chromium, driven through the system's chromedriver
 * (Debian packages chromium and chromium-driver). Selenium is given both paths, so Selenium Manager never
 * runs and nothing is downloaded. Where CI=true a missing browser fails the test; elsewhere it is skipped.
 */
public class RoomPageBrowserTest extends AdminPagesTestSupport {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOT = Path.of("target", "admin-room-page.png");
    static final Path OVERVIEW_SCREENSHOT = Path.of("target", "admin-service-page.png");
    static final Path ACTIVITY_SCREENSHOT = Path.of("target", "admin-activity.png");

    /** Selenium's java.util.logging warns that it has no CDP bindings for this Chromium; CDP is not used. */
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private Path profile;
    private ChromeDriverService service;
    private ChromeDriver browser;

    @Before
    public void browser() throws IOException {
        final boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI needs " + CHROMIUM + " and " + CHROMEDRIVER + ": apt-get install chromium chromium-driver");
        }
        Assume.assumeTrue("chromium and chromium-driver are not installed", installed);

        profile = Files.createTempDirectory("mucaffiliationnotify-chromium-");
        service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1280,720", "--lang=en-US",
            "--user-data-dir=" + profile.toAbsolutePath());
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(15));
    }

    @After
    public void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    public void flipTheRoomsSwitchAndSeeTheNewState() throws Exception {
        catalog.room(SERVICE, "team", "Team Room", "Daily stand-ups and planning")
            .room(SERVICE, "lobby", "The Lobby", "General chat");
        levels.global = true;
        final Message ban = new Message();
        ban.setFrom("team@" + DOMAIN);
        ban.setTo("romeo@example.org/orchard");
        announcements.noteDelivered(List.of(new Notification(ban,
            new AffiliationChange(new JID("tybalt@example.org"), MucAffiliation.outcast, null))), Instant.now());
        counters.add(Counter.NOTIFICATIONS_SENT, 3);
        start(SettingsPageServlet.fixed(settings, catalog, audit, counters, announcements), Locale.ENGLISH, true, true);

        browser.get(server.page("mucaffiliationnotify-room?roomJID=" + Html.url("team@" + DOMAIN)).toString());
        assertEquals("Openfire Admin Console: Affiliation Notifications", browser.getTitle());
        final WebElement state = browser.findElement(By.id("mucaffiliationnotify-effective"));
        assertEquals("on", state.getAttribute("data-state"));
        assertEquals("Global default", browser.findElement(By.id("mucaffiliationnotify-source")).getText());
        assertTrue(browser.findElement(By.id("mucaffiliationnotify-mode-inherit")).isSelected());
        final WebElement last = browser.findElement(By.id("mucaffiliationnotify-last-change"));
        assertTrue(last.isDisplayed());
        assertTrue(last.getText(), last.getText().startsWith(
            "Last announced change: tybalt@example.org became outcast (banned); 1 occupant session(s) told on "));

        browser.findElement(By.cssSelector("label[for='mucaffiliationnotify-mode-off']")).click();
        assertTrue(browser.findElement(By.id("mucaffiliationnotify-mode-off")).isSelected());
        browser.findElement(By.id("mucaffiliationnotify-save")).click();

        // After the POST and the redirect: the new state, where it comes from, and the success message.
        final WebElement after = browser.findElement(By.cssSelector("#mucaffiliationnotify-effective[data-state='off']"));
        assertEquals("Off", after.getText());
        assertEquals("Own setting of this room", browser.findElement(By.id("mucaffiliationnotify-source")).getText());
        assertTrue(browser.findElement(By.id("mucaffiliationnotify-mode-off")).isSelected());
        assertTrue(browser.findElement(By.cssSelector(".jive-success")).getText()
            .contains("Settings saved: room team@conference.example.org is now set to \"Off\"."));
        assertEquals(Mode.OFF, store.stored.get(new RoomKey(SERVICE, "team")));
        assertEquals(1, audit.entries.size());
        assertFalse(browser.getPageSource().contains("???"));

        // The affected user's setting, in its own form: off by default, switched on for this room.
        assertEquals("off", browser.findElement(By.id("mucaffiliationnotify-affected-user-effective")).getAttribute("data-state"));
        assertTrue(browser.findElement(By.id("mucaffiliationnotify-affected-user-mode-inherit")).isSelected());
        browser.findElement(By.cssSelector("label[for='mucaffiliationnotify-affected-user-mode-on']")).click();
        browser.findElement(By.id("mucaffiliationnotify-affected-user-save")).click();
        assertEquals("On", browser.findElement(
            By.cssSelector("#mucaffiliationnotify-affected-user-effective[data-state='on']")).getText());
        assertEquals("Own setting of this room",
            browser.findElement(By.id("mucaffiliationnotify-affected-user-source")).getText());
        assertTrue(browser.findElement(By.id("mucaffiliationnotify-affected-user-mode-on")).isSelected());
        assertTrue("the notifications' choice is kept", browser.findElement(By.id("mucaffiliationnotify-mode-off")).isSelected());
        assertTrue(browser.findElement(By.cssSelector(".jive-success")).getText()
            .contains("Settings saved: telling the affected user in room team@conference.example.org is now set to \"On\"."));
        assertEquals(Mode.ON, affectedUserStore.stored.get(new RoomKey(SERVICE, "team")));
        assertEquals(Mode.OFF, store.stored.get(new RoomKey(SERVICE, "team")));
        assertEquals(2, audit.entries.size());

        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
        assertTrue(Files.size(SCREENSHOT) > 10_000);

        // On to the service's overview by the page's link: the room's row shows the change.
        browser.findElement(By.linkText("Defaults and all rooms of conference.example.org")).click();
        final WebElement row = browser.findElement(By.cssSelector("tr[data-room='team']"));
        assertEquals("off", row.findElement(By.cssSelector("td.own")).getAttribute("data-mode"));
        assertEquals("Room", row.findElement(By.cssSelector("td.source")).getText());
        assertEquals("on", browser.findElement(By.cssSelector("tr[data-room='lobby'] td.state")).getAttribute("data-state"));
        assertEquals("off", browser.findElement(By.id("mucaffiliationnotify-affected-user-global-state")).getAttribute("data-state"));
        final WebElement sent = browser.findElement(By.id("mucaffiliationnotify-counter-notifications_sent"));
        assertTrue(sent.isDisplayed());
        assertEquals("Notifications sent (one per occupant told) 3", sent.getText());
        browser.executeScript("document.getElementById('mucaffiliationnotify-activity').previousElementSibling.scrollIntoView()");
        Files.write(ACTIVITY_SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
        assertTrue(Files.size(ACTIVITY_SCREENSHOT) > 10_000);
        browser.executeScript("document.getElementById('mucaffiliationnotify-rooms').previousElementSibling.scrollIntoView()");
        Files.write(OVERVIEW_SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
    }
}
