package net.mucaffiliationnotify.live.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.dom4j.Document;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@link OpenfireInstance} without a real Openfire: the openfire.xml it writes, the copy of a small fake
 * distribution, its refusals, and how it starts and stops a process (a fake bin/openfire.sh).
 */
public class OpenfireInstanceTest {
    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    /** A distribution with what OpenfireInstance needs, bin/openfire.sh running {@code script}. */
    private Path fakeDistribution(String script) throws IOException {
        final Path dist = temp.newFolder("distribution").toPath();
        Files.createDirectories(dist.resolve("bin/extra"));
        Files.createDirectories(dist.resolve("lib"));
        Files.createDirectories(dist.resolve("conf"));
        Files.createDirectories(dist.resolve("plugins/admin/webapp"));
        Files.createDirectories(dist.resolve("embedded-db"));
        Files.createDirectories(dist.resolve("logs"));
        Files.writeString(dist.resolve("bin/openfire.sh"), "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(dist.resolve("bin/openfire.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dist.resolve("bin/extra/embedded-db-viewer.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(dist.resolve("bin/extra/embedded-db-viewer.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(dist.resolve("bin/extra/redhat-postinstall.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(dist.resolve("bin/extra/redhat-postinstall.sh"), PosixFilePermissions.fromString("rwxrwxr-x"));
        Files.writeString(dist.resolve("bin/openfirectl"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(dist.resolve("bin/openfirectl"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.write(dist.resolve("lib/startup.jar"), new byte[] {'P', 'K', 3, 4});
        Files.writeString(dist.resolve("conf/openfire.xml"), "<jive><original/></jive>");
        Files.writeString(dist.resolve("conf/security.xml"), "<security/>");
        Files.writeString(dist.resolve("plugins/admin/webapp/index.jsp"), "admin");
        Files.writeString(dist.resolve("embedded-db/openfire.script"), "used home");
        Files.writeString(dist.resolve("logs/openfire.log"), "old log");
        return dist;
    }

    private Path workDir() {
        return temp.getRoot().toPath().resolve("work");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** @return the text of the element at a path like /jive/adminConsole/port (dom4j's XPath needs jaxen) */
    private static String text(Document document, String path) {
        final String[] names = path.substring(1).split("/");
        Element element = document.getRootElement();
        if (!element.getName().equals(names[0])) {
            return null;
        }
        for (int i = 1; i < names.length && element != null; i++) {
            element = element.element(names[i]);
        }
        return element == null ? null : element.getText();
    }

    @Test
    public void openfireXmlSetsUpUnattendedOnTheAddressOnly() throws Exception {
        final OpenfireInstance openfire = OpenfireInstance.prepare(fakeDistribution("exit 0"), workDir(), "127.0.0.8",
            15222, 19090);
        final Document xml = new SAXReader().read(openfire.home().resolve("conf/openfire.xml").toFile());

        assertEquals("19090", text(xml, "/jive/adminConsole/port"));
        assertEquals("the admin console's TLS port is off", "-1", text(xml, "/jive/adminConsole/securePort"));
        assertEquals("127.0.0.8", text(xml, "/jive/adminConsole/interface"));
        assertEquals("every listener binds to the address", "127.0.0.8", text(xml, "/jive/network/interface"));
        assertEquals("15222", text(xml, "/jive/xmpp/socket/plain/port"));
        assertEquals("file transfer proxy off", "false", text(xml, "/jive/xmpp/proxy/enabled"));
        for (String off : List.of("/jive/xmpp/socket/ssl/active", "/jive/xmpp/server/socket/active",
            "/jive/xmpp/server/socket/ssl/active", "/jive/xmpp/component/socket/active", "/jive/xmpp/component/ssl/active",
            "/jive/xmpp/multiplex/socket/active", "/jive/xmpp/multiplex/ssl/active", "/jive/httpbind/enabled",
            "/jive/update/service-enabled")) {
            assertEquals(off, "false", text(xml, off));
        }
        assertEquals("org.jivesoftware.database.EmbeddedConnectionProvider", text(xml, "/jive/connectionProvider/className"));
        assertNull("not set up yet: autosetup runs", text(xml, "/jive/setup"));

        assertEquals("true", text(xml, "/jive/autosetup/run"));
        assertEquals("embedded", text(xml, "/jive/autosetup/database/mode"));
        assertEquals("localhost", text(xml, "/jive/autosetup/xmpp/domain"));
        assertEquals("localhost", text(xml, "/jive/autosetup/xmpp/fqdn"));
        assertEquals("false", text(xml, "/jive/autosetup/xmpp/auth/anonymous"));
        assertEquals("autosetup's own switch of direct TLS", "false", text(xml, "/jive/autosetup/xmpp/socket/ssl/active"));
        assertEquals("admin", text(xml, "/jive/autosetup/admin/password"));
        assertEquals("admin@localhost", text(xml, "/jive/autosetup/admin/email"));
        final List<String> users = List.of("user", "user2", "user3");
        for (int i = 0; i < users.size(); i++) {
            final String user = "/jive/autosetup/users/user" + (i + 1);
            assertEquals(users.get(i), text(xml, user + "/username"));
            assertEquals("password", text(xml, user + "/password"));
        }
        assertNull("three users", text(xml, "/jive/autosetup/users/user4/username"));

        assertEquals("127.0.0.8", openfire.host());
        assertEquals(15222, openfire.c2sPort());
        assertEquals(java.net.URI.create("http://127.0.0.8:19090/"), openfire.adminConsole());
        assertEquals(openfire.home().resolve("logs/openfire.log"), openfire.log());
    }

    @Test
    public void theStandardPortsByDefaultAndIpv6Loopback() throws Exception {
        final OpenfireInstance openfire = OpenfireInstance.prepare(fakeDistribution("exit 0"), workDir(), "::1");
        final Document xml = new SAXReader().read(openfire.home().resolve("conf/openfire.xml").toFile());
        assertEquals("9090", text(xml, "/jive/adminConsole/port"));
        assertEquals("5222", text(xml, "/jive/xmpp/socket/plain/port"));
        assertEquals("::1", text(xml, "/jive/network/interface"));
        assertEquals(java.net.URI.create("http://[::1]:9090/"), openfire.adminConsole());
    }

    @Test
    public void theCopyKeepsPermissionsAndLeavesOutWhatAUsedHomeHas() throws Exception {
        final Path dist = fakeDistribution("exit 0");
        final OpenfireInstance openfire = OpenfireInstance.prepare(dist, workDir(), "127.0.0.1");
        final Path home = openfire.home();
        assertEquals(workDir().toAbsolutePath(), home);

        assertTrue(Files.isExecutable(home.resolve("bin/openfire.sh")));
        assertEquals(PosixFilePermissions.fromString("rwxr-xr-x"), Files.getPosixFilePermissions(home.resolve("bin/openfire.sh")));
        assertEquals(PosixFilePermissions.fromString("rwxr-x---"),
            Files.getPosixFilePermissions(home.resolve("bin/extra/embedded-db-viewer.sh")));
        assertEquals("modes the umask would take away are kept too", PosixFilePermissions.fromString("rwxrwxr-x"),
            Files.getPosixFilePermissions(home.resolve("bin/extra/redhat-postinstall.sh")));
        assertEquals("not executable stays so", PosixFilePermissions.fromString("rw-r--r--"),
            Files.getPosixFilePermissions(home.resolve("bin/openfirectl")));
        assertEquals("admin", Files.readString(home.resolve("plugins/admin/webapp/index.jsp")));
        assertEquals("<security/>", Files.readString(home.resolve("conf/security.xml")));
        assertTrue(Files.size(home.resolve("lib/startup.jar")) == 4);
        assertTrue("openfire.xml written anew", Files.readString(home.resolve("conf/openfire.xml")).contains("<autosetup>"));
        assertFalse("no database of the source", Files.exists(home.resolve("embedded-db")));
        assertTrue(Files.isDirectory(home.resolve("logs")));
        assertFalse("no logs of the source", Files.exists(home.resolve("logs/openfire.log")));
        assertEquals("the source is untouched", "<jive><original/></jive>", Files.readString(dist.resolve("conf/openfire.xml")));
        assertNotNull(openfire.copyTime());
    }

    @Test
    public void scriptsWithoutTheExecutableBitBecomeExecutable() throws Exception {
        final Path dist = fakeDistribution("exit 0");
        Files.setPosixFilePermissions(dist.resolve("bin/openfire.sh"), PosixFilePermissions.fromString("rw-r--r--"));
        final OpenfireInstance openfire = OpenfireInstance.prepare(dist, workDir(), "127.0.0.1");
        final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(openfire.home().resolve("bin/openfire.sh"));
        assertTrue(permissions.toString(), permissions.contains(PosixFilePermission.OWNER_EXECUTE));
    }

    @Test
    public void refusesWhatIsNoDistribution() throws Exception {
        final Path missing = temp.getRoot().toPath().resolve("nothing-here");
        expectIllegalArgument(() -> OpenfireInstance.prepare(missing, workDir(), "127.0.0.1"), "not a directory");

        final Path empty = temp.newFolder("empty").toPath();
        Files.createDirectories(empty.resolve("bin"));
        Files.writeString(empty.resolve("bin/openfire.sh"), "");
        expectIllegalArgument(() -> OpenfireInstance.prepare(empty, workDir(), "127.0.0.1"), "lacks lib/startup.jar, conf");
        assertFalse("nothing copied", Files.exists(workDir()));
    }

    @Test
    public void refusesAddressesThatAreNotLoopbackLiterals() throws Exception {
        final Path dist = fakeDistribution("exit 0");
        expectIllegalArgument(() -> OpenfireInstance.prepare(dist, workDir(), "192.0.2.1"), "not a loopback address");
        expectIllegalArgument(() -> OpenfireInstance.prepare(dist, workDir(), "0.0.0.0"), "not a loopback address");
        expectIllegalArgument(() -> OpenfireInstance.prepare(dist, workDir(), "localhost"), "IP address literal");
        expectIllegalArgument(() -> OpenfireInstance.prepare(dist, workDir(), "127.0.0.1", 5222, 5222), "both 5222");
        expectIllegalArgument(() -> OpenfireInstance.prepare(dist, workDir(), "127.0.0.1", 0, 9090), "not a TCP port");
    }

    @Test
    public void refusesAWorkDirThatIsNotEmpty() throws Exception {
        final Path dist = fakeDistribution("exit 0");
        Files.createDirectories(workDir());
        Files.writeString(workDir().resolve("something"), "x");
        try {
            OpenfireInstance.prepare(dist, workDir(), "127.0.0.1");
            fail("a work dir with content must be refused");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("is not empty"));
        }
    }

    @Test
    public void refusesToStartWhenAPortOnTheAddressIsTaken() throws Exception {
        final OpenfireInstance openfire = OpenfireInstance.prepare(fakeDistribution("touch \"$OPENFIRE_HOME/started\""),
            workDir(), "127.0.0.1", freePort(), freePort());
        for (int port : new int[] {openfire.c2sPort(), openfire.adminConsolePort()}) {
            try (ServerSocket occupant = new ServerSocket()) {
                occupant.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
                openfire.start(Duration.ofSeconds(10));
                fail("must not start with 127.0.0.1:" + port + " taken");
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("already in use on 127.0.0.1: 127.0.0.1:" + port + " "));
                assertTrue(e.getMessage(), e.getMessage().contains("another loopback address"));
            }
            assertFalse(openfire.isRunning());
            assertEquals(-1, openfire.pid());
            assertFalse("the script never ran", Files.exists(openfire.home().resolve("started")));
        }
    }

    @Test
    public void anOpenfireThatExitsIsReportedWithItsOutput() throws Exception {
        final OpenfireInstance openfire = OpenfireInstance.prepare(
            fakeDistribution("echo \"home is $OPENFIRE_HOME\"; echo 'no Java here' >&2; exit 3"), workDir(), "127.0.0.1",
            freePort(), freePort());
        try {
            openfire.start(Duration.ofSeconds(30));
            fail("an Openfire that exits must be reported");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("exited with 3"));
            assertTrue(e.getMessage(), e.getMessage().contains("home is " + openfire.home()));
            assertTrue(e.getMessage(), e.getMessage().contains("no Java here"));
        }
        assertFalse(openfire.isRunning());
    }

    @Test
    public void aStartThatTimesOutStopsTheWholeProcessTree() throws Exception {
        // The script leaves a child behind and becomes a process that never answers.
        final OpenfireInstance openfire = OpenfireInstance.prepare(
            fakeDistribution("sleep 300 & echo $! > \"$OPENFIRE_HOME/child.pid\"; exec sleep 301"), workDir(),
            "127.0.0.1", freePort(), freePort());
        try {
            openfire.start(Duration.ofSeconds(2));
            fail("must time out");
        } catch (TimeoutException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("not up within PT2S"));
        }
        assertFalse(openfire.isRunning());
        final long child = Long.parseLong(Files.readString(openfire.home().resolve("child.pid")).trim());
        final Optional<ProcessHandle> handle = ProcessHandle.of(child);
        assertFalse("the script's child is ended too", handle.isPresent() && handle.get().isAlive());
        openfire.stop();   // stopping a stopped instance does nothing
    }

    @Test
    public void waitForLogLineReadsNewLinesWithoutColours() throws Exception {
        final OpenfireInstance openfire = OpenfireInstance.prepare(fakeDistribution("exit 0"), workDir(), "127.0.0.1");
        final Path log = openfire.log();
        Files.writeString(log, "2026.12.05 04:02:26.989 \u001b[32mINFO \u001b[m [PluginMonitorExec-1]: "
            + "net.mucaffiliationnotify.openfire.MucAffiliationNotifyPlugin - MUC affiliation notifications started.\n");
        final Pattern started = Pattern.compile("INFO  \\[PluginMonitorExec-1\\]: .* notifications started\\.$");
        assertTrue(openfire.waitForLogLine(started, Duration.ofSeconds(1)).endsWith("MUC affiliation notifications started."));

        final long mark = openfire.logPosition();
        try {
            openfire.waitForLogLine(started, Duration.ofMillis(500), mark);
            fail("a line before the mark must not count");
        } catch (TimeoutException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("No line matching"));
        }
        final Thread writer = new Thread(() -> {
            try {
                Thread.sleep(300);
                Files.writeString(log, "2026.12.05 04:03:00.000 INFO  [PluginMonitorExec-1]: x - partial ",
                    StandardOpenOption.APPEND);
                Thread.sleep(300);
                Files.writeString(log, "MUC affiliation notifications started.\n", StandardOpenOption.APPEND);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        assertEquals("2026.12.05 04:03:00.000 INFO  [PluginMonitorExec-1]: x - partial MUC affiliation notifications started.",
            openfire.waitForLogLine(started, Duration.ofSeconds(10), mark));
        writer.join();
        assertEquals(Files.size(log), openfire.logPosition());
        assertTrue(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).endsWith("started.\n"));
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void expectIllegalArgument(Action action, String text) throws Exception {
        try {
            action.run();
            fail("must be refused: " + text);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(text));
        }
    }
}
