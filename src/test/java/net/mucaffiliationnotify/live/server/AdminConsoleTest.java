package net.mucaffiliationnotify.live.server;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@link AdminConsole} against {@link FakeAdminConsole}: the fields it sends, where it takes the CSRF tokens from,
 * and that every refusal becomes an {@link AdminConsoleException} with the page's text.
 */
public class AdminConsoleTest {
    private static final String ROOM = "lobby@conference.localhost";

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private FakeAdminConsole fake;

    @Before
    public void startFake() throws Exception {
        fake = new FakeAdminConsole();
    }

    @After
    public void stopFake() {
        fake.close();
    }

    private List<FakeAdminConsole.Request> requests(String method, String path) {
        return fake.requests.stream().filter(r -> r.method.equals(method) && r.path.equals(path))
            .collect(Collectors.toList());
    }

    @Test
    public void loginSendsTheLoginFormWithTheTokenOfThePageAndItsCookie() throws Exception {
        AdminConsole.login(fake.base(), "admin", "secret");

        final List<FakeAdminConsole.Request> posts = requests("POST", "/login.jsp");
        assertEquals(1, posts.size());
        final FakeAdminConsole.Request post = posts.get(0);
        assertEquals("admin", post.parameter("username"));
        assertEquals("secret", post.parameter("password"));
        assertEquals("true", post.parameter("login"));
        final String issued = fake.issuedCsrfCookies.get(0);
        assertEquals("the form's token", issued, post.parameter("csrf"));
        assertEquals("the cookie set with the login page", issued, post.cookies.get("csrf"));
        final FakeAdminConsole.Request index = requests("GET", "/index.jsp").get(0);
        assertNotNull("the session cookie is kept", index.cookies.get("JSESSIONID"));
    }

    @Test
    public void aRefusedLoginThrowsWithThePagesMessage() throws Exception {
        try {
            AdminConsole.login(fake.base(), "admin", "wrong");
            fail("login with a wrong password must throw");
        } catch (AdminConsoleException e) {
            // Only the shown message: not the login page's <noscript> text, which a browser with scripts hides.
            assertEquals(List.of("Login failed: make sure your username and password are correct and that you're an admin."),
                e.pageErrors());
            assertTrue(e.getMessage(), e.getMessage().contains("Login failed: make sure"));
            assertEquals(200, e.status());
        }
    }

    @Test
    public void setPropertySendsTheActionFormWithTheCsrfCookieOfThePage() throws Exception {
        final AdminConsole console = AdminConsole.login(fake.base(), "admin", "secret");
        console.setProperty("plugin.mucaffiliationnotify.enabled", "false");

        assertEquals("false", fake.properties.get("plugin.mucaffiliationnotify.enabled"));
        final List<FakeAdminConsole.Request> gets = requests("GET", "/server-properties.jsp");
        assertEquals("server-properties.jsp?searchName=plugin.mucaffiliationnotify.enabled",
            "plugin.mucaffiliationnotify.enabled", gets.get(0).parameter("searchName"));
        final FakeAdminConsole.Request post = requests("POST", "/server-properties.jsp").get(0);
        assertEquals("save", post.parameter("action"));
        assertEquals("plugin.mucaffiliationnotify.enabled", post.parameter("key"));
        assertEquals("false", post.parameter("value"));
        assertEquals(post.cookies.get("csrf"), post.parameter("csrf"));
    }

    @Test
    public void aRefusedPropertyThrowsWithTheFlashMessage() throws Exception {
        final AdminConsole console = AdminConsole.login(fake.base(), "admin", "secret");
        try {
            console.setProperty("forbidden.key", "x");
            fail("a refused change must throw");
        } catch (AdminConsoleException e) {
            assertEquals(List.of("The property forbidden.key may not be changed & was left alone"), e.pageErrors());
        }
        assertTrue(fake.properties.isEmpty());
    }

    @Test
    public void roomModeIsSentWithTheTokenThePageCarries() throws Exception {
        final AdminConsole console = AdminConsole.login(fake.base(), "admin", "secret");
        console.setRoomNotificationMode(ROOM, "off");
        assertEquals("off", fake.roomModes.get(ROOM));
        console.setRoomNotificationMode(ROOM, "inherit");
        assertEquals("inherit", fake.roomModes.get(ROOM));

        final FakeAdminConsole.Request post = requests("POST", FakeAdminConsole.ROOM_PAGE).get(0);
        assertEquals(ROOM, post.parameter("roomJID"));
        assertEquals("the page's save button is pressed", "Save Settings", post.parameter("save"));
        assertEquals("off", post.parameter("mode"));
    }

    @Test
    public void aStaleRoomPageTokenIsAnError() throws Exception {
        final AdminConsole console = AdminConsole.login(fake.base(), "admin", "secret");
        fake.roomPageWritesStaleToken = true;
        try {
            console.setRoomNotificationMode(ROOM, "off");
            fail("a CSRF refusal must throw");
        } catch (AdminConsoleException e) {
            assertTrue(e.getMessage(), e.pageErrors().contains("CSRF Error: No changes made, you'll need to retry."));
        }
        assertEquals("inherit", fake.roomModes.get(ROOM));
    }

    @Test
    public void roomPageRefusalsThrowWithTheirText() throws Exception {
        final AdminConsole console = AdminConsole.login(fake.base(), "admin", "secret");
        try {
            console.setRoomNotificationMode(ROOM, "sideways");
            fail("an unknown mode must throw");
        } catch (AdminConsoleException e) {
            assertEquals(400, e.status());
            assertEquals(List.of("Unknown setting \"sideways\": choose on, off or inherit."), e.pageErrors());
        }
        try {
            console.setRoomNotificationMode("hall@conference.localhost", "off");
            fail("an unknown room must throw");
        } catch (AdminConsoleException e) {
            assertEquals(404, e.status());
            assertTrue(e.getMessage(), e.getMessage().contains("The room hall@conference.localhost does not exist."));
        }
        fake.roomPageWithoutModes = true;
        try {
            console.setRoomNotificationMode(ROOM, "off");
            fail("a form without mode choices must throw");
        } catch (AdminConsoleException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("has no mode choices"));
        }
        assertEquals("inherit", fake.roomModes.get(ROOM));
        assertTrue(requests("POST", FakeAdminConsole.ROOM_PAGE).stream().noneMatch(r -> "off".equals(r.parameter("mode"))));
    }

    @Test
    public void uploadSendsTheJarAsItsCanonicalNameWithTheTokenOfTheForm() throws Exception {
        final AdminConsole console = AdminConsole.login(fake.base(), "admin", "secret");
        final byte[] content = {'P', 'K', 3, 4, 1, 2, 3, 0, (byte) 0xff, '\r', '\n', '-', '-', 9};
        final Path jar = temp.getRoot().toPath().resolve("mucaffiliationnotify-1.3.0.jar");
        Files.write(jar, content);

        assertEquals("mucaffiliationnotify", console.uploadPlugin(jar));

        assertEquals(List.of("mucaffiliationnotify.jar"), List.copyOf(fake.uploads.keySet()));
        assertArrayEquals(content, fake.uploads.get("mucaffiliationnotify.jar"));
        final FakeAdminConsole.Request post = requests("POST", "/plugin-admin.jsp").get(0);
        assertTrue(post.parameters.containsKey("uploadplugin"));
        assertEquals("the token in the form's action is the csrf cookie", post.cookies.get("csrf"), post.parameter("csrf"));
        assertTrue(post.contentType.startsWith("multipart/form-data; boundary="));
    }

    @Test
    public void aFailedUploadThrows() throws Exception {
        final AdminConsole console = AdminConsole.login(fake.base(), "admin", "secret");
        final Path jar = temp.getRoot().toPath().resolve("notes.jar");
        Files.writeString(jar, "not a jar");
        try {
            console.uploadPlugin(jar);
            fail("a failed upload must throw");
        } catch (AdminConsoleException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("uploadsuccess=false"));
            assertEquals(List.of("Unable to upload plugin. See server logs."), e.pageErrors());
        }
        fake.quietUploadFailure = true;
        try {
            console.uploadPlugin(jar);
            fail("a failed upload must throw even when the page says nothing");
        } catch (AdminConsoleException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("failed (uploadsuccess=false"));
        }
    }

    @Test
    public void waitForPluginWaitsForTheReloadButtonOfALoadedPlugin() throws Exception {
        final AdminConsole console = AdminConsole.login(fake.base(), "admin", "secret");
        final Thread loader = new Thread(() -> {
            try {
                Thread.sleep(1200);
            } catch (InterruptedException e) {
                return;
            }
            fake.loaded.add("mucaffiliationnotify");
        });
        loader.start();
        final long begin = System.nanoTime();
        console.waitForPlugin("mucaffiliationnotify", Duration.ofSeconds(20));
        assertTrue("waited for the plugin to appear", System.nanoTime() - begin >= 1_000_000_000L);
        loader.join();

        try {
            console.waitForPlugin("other", Duration.ofMillis(600));
            fail("a plugin that never loads must throw");
        } catch (AdminConsoleException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("Plugin other not loaded"));
            assertTrue(e.getMessage(), e.getMessage().contains("[mucaffiliationnotify]"));
        }
    }

    @Test
    public void pagesOutsideTheSessionOrMissingThrow() throws Exception {
        final AdminConsole console = AdminConsole.login(fake.base(), "admin", "secret");
        assertTrue(console.get("index.jsp").contains("Openfire stand-in"));
        try {
            console.get("no-such-page.jsp");
            fail("a 404 must throw");
        } catch (AdminConsoleException e) {
            assertEquals(404, e.status());
        }
        fake.dropSessions();
        try {
            console.get("index.jsp");
            fail("a page asked for without a session must throw");
        } catch (AdminConsoleException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("Not logged in"));
        }
    }
}
