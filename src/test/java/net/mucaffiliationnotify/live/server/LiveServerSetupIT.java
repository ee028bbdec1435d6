package net.mucaffiliationnotify.live.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.Assume;
import org.junit.Test;

/**
 * The server side of the live suite against a real Openfire, run by hand (skipped unless {@code live.openfire}
 * names a distribution):
 *
 * <pre>
 * mvn -B -Plive verify -Dit.test=LiveServerSetupIT \
 *     -Dlive.openfire=$HOME/ofbuild/src-v5.1.1/distribution/target/distribution-base \
 *     [-Dlive.address=127.0.0.8] [-Dlive.plugin=target/mucaffiliationnotify.jar] [-Dlive.workdir=DIR] [-Dlive.keep=true]
 * </pre>
 *
 * Copies the distribution, starts it on the address, uploads the plugin through the Plugins page, sets up the
 * scenarios' state through the admin console (group capulets, room lobby, the plugin's settings at each level,
 * an affiliation), stops it and checks nothing is left listening. Timings and steps go to the test's output
 * ({@code target/failsafe-reports/*LiveServerSetupIT-output.txt}). The copy (under target/live-openfire) is deleted
 * after a passing run unless {@code live.keep} is true, and kept after a failing one.
 */
public class LiveServerSetupIT {
    private static final Pattern STARTED = Pattern.compile("MUC affiliation notifications started\\.");
    private static final Pattern LOADED = Pattern.compile("Successfully loaded plugin '" + AdminConsole.PLUGIN);

    @Test
    public void setsUpTheScenariosThroughTheAdminConsole() throws Exception {
        final String distribution = System.getProperty("live.openfire");
        Assume.assumeTrue("set -Dlive.openfire=<unpacked Openfire distribution> to run", distribution != null
            && !distribution.isBlank());
        final Path dist = Path.of(distribution.replaceFirst("^~", System.getProperty("user.home")));
        final String address = System.getProperty("live.address", "127.0.0.8");
        final Path jar = Path.of(System.getProperty("live.plugin", "target/" + AdminConsole.PLUGIN + ".jar"));
        assertTrue("no plugin jar " + jar.toAbsolutePath() + " (mvn package, or -Dlive.plugin=...)", Files.isRegularFile(jar));
        final Path workDir = Path.of(System.getProperty("live.workdir", "target/live-openfire/" + label(dist) + "-"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        final List<String> report = new ArrayList<>();

        final OpenfireInstance openfire = OpenfireInstance.prepare(dist, workDir, address);
        report.add("copy: " + openfire.copyTime().toMillis() + " ms to " + openfire.home());
        try {
            long t = System.nanoTime();
            openfire.start(Duration.ofMinutes(4));
            report.add("first start (autosetup): " + ms(t) + " ms, pid " + openfire.pid());
            report.add("listening on " + address + ": " + listening(address));
            report.add("sockets of pid " + openfire.pid() + " (ss -ltnup): " + sockets(openfire.pid()));

            final AdminConsole console = AdminConsole.login(openfire.adminConsole(), OpenfireInstance.ADMIN_USER,
                OpenfireInstance.ADMIN_PASSWORD);
            t = System.nanoTime();
            final long mark = openfire.logPosition();
            final String name = console.uploadPlugin(jar);
            report.add("upload accepted as " + name + ".jar: " + ms(t) + " ms");
            openfire.waitForLogLine(STARTED, Duration.ofMinutes(2), mark);
            report.add("log 'MUC affiliation notifications started.': " + ms(t) + " ms after upload");
            report.add("log: " + openfire.waitForLogLine(LOADED, Duration.ofMinutes(1), mark).replaceAll("^.*?PluginManager - ", ""));
            console.waitForPlugin(name, Duration.ofMinutes(1));
            report.add("Plugins page shows it loaded: " + ms(t) + " ms after upload");

            t = System.nanoTime();
            console.createGroup("capulets", "user2", "user3");
            report.add("group capulets with user2, user3: " + ms(t) + " ms");
            t = System.nanoTime();
            final String lobby = console.createPersistentRoom("conference", "lobby");
            assertEquals("lobby@conference.localhost", lobby);
            console.setRoomAffiliation(lobby, "user@localhost", "owner");
            report.add("room " + lobby + " (persistent, user@localhost owner): " + ms(t) + " ms");

            t = System.nanoTime();
            console.setRoomNotificationMode(lobby, "off");
            console.setRoomNotificationMode(lobby, "inherit");
            console.setServiceNotificationMode("conference", "off");
            console.setServiceNotificationMode("conference", "inherit");
            console.setGlobalNotification(false);
            console.setGlobalNotification(true);
            report.add("room off/inherit, service off/inherit, global off/on: " + ms(t) + " ms");

            t = System.nanoTime();
            console.setRoomAffiliation(lobby, "tybalt@localhost", "member");
            assertEquals("member", console.roomAffiliation(lobby, "tybalt@localhost"));
            report.add("tybalt@localhost member of lobby (affiliations page): " + ms(t) + " ms");

            console.setProperty("plugin.mucaffiliationnotify.enabled", "true");
            report.add("system property set through server-properties.jsp");

            // Refusals: each must become an exception that carries the page's text.
            t = System.nanoTime();
            refused(report, "wrong password", () -> AdminConsole.login(openfire.adminConsole(), "admin", "wrong"));
            refused(report, "group exists", () -> console.createGroup("capulets"));
            refused(report, "no such user", () -> console.createGroup("montagues", "nobody"));
            refused(report, "room exists", () -> console.createPersistentRoom("conference", "lobby"));
            refused(report, "no such service", () -> console.createPersistentRoom("nosuchservice", "hall"));
            refused(report, "unknown mode", () -> console.setRoomNotificationMode(lobby, "sideways"));
            refused(report, "no such room (plugin)", () -> console.setRoomNotificationMode("hall@conference.localhost", "off"));
            refused(report, "no such room (affiliations)", () -> console.setRoomAffiliation("hall@conference.localhost", "tybalt@localhost", "member"));
            refused(report, "no such service (plugin)", () -> console.setServiceNotificationMode("nosuchservice", "off"));
            refusedPage(report, "stale CSRF token (plugin page)", () -> {
                final AdminConsole.Page page = console.fetch("plugins/mucaffiliationnotify/mucaffiliationnotify-room?roomJID=lobby%40conference.localhost");
                final HtmlForm form = HtmlForm.find(page.body, page.uri, HtmlForm.withId("mucaffiliationnotify-room-form")).get();
                console.get("plugins/mucaffiliationnotify/mucaffiliationnotify-service");   // replaces the session's token
                form.set("mode", "off").press("save");
                return console.follow(console.submit(form)).errors();
            });
            refusedPage(report, "stale CSRF token (Openfire page)", () -> {
                final AdminConsole.Page page = console.fetch("muc-room-affiliations.jsp?roomJID=lobby%40conference.localhost");
                final HtmlForm form = HtmlForm.find(page.body, page.uri, HtmlForm.withControl("affiliation")).get();
                console.get("muc-room-affiliations.jsp?roomJID=lobby%40conference.localhost");   // replaces the csrf cookie
                form.set("affiliation", "outcast").set("userJID", "romeo@localhost");
                final AdminConsole.Page answer = console.submit(form);
                assertFalse("a stale token must not be accepted", answer.redirect());
                return answer.errors();
            });
            assertEquals("none", console.roomAffiliation(lobby, "romeo@localhost"));
            final Path junk = workDir.resolve("junk.jar");
            Files.write(junk, new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
            refused(report, "not a plugin", () -> console.uploadPlugin(junk, "junk"));
            assertEquals("off/inherit state unchanged by the refusals", "inherit", HtmlForm.find(
                console.get("plugins/mucaffiliationnotify/mucaffiliationnotify-room?roomJID=lobby%40conference.localhost"),
                openfire.adminConsole(), HtmlForm.withId("mucaffiliationnotify-room-form")).get().value("mode"));
            report.add("refusals: " + ms(t) + " ms");

            t = System.nanoTime();
            long pid = openfire.pid();
            openfire.stop();
            report.add("stop: " + ms(t) + " ms");
            assertStopped(openfire, pid, address, report);

            // A second start of the set-up copy: the plugin, the room and the settings are still there.
            t = System.nanoTime();
            final long restartMark = openfire.logPosition();
            openfire.start(Duration.ofMinutes(4));
            openfire.waitForLogLine(STARTED, Duration.ofMinutes(2), restartMark);
            report.add("second start (plugin started again): " + ms(t) + " ms");
            final AdminConsole again = AdminConsole.login(openfire.adminConsole(), OpenfireInstance.ADMIN_USER,
                OpenfireInstance.ADMIN_PASSWORD);
            again.waitForPlugin(name, Duration.ofMinutes(1));
            assertEquals("member", again.roomAffiliation(lobby, "tybalt@localhost"));
            again.setRoomNotificationMode(lobby, "on");
            t = System.nanoTime();
            pid = openfire.pid();
            openfire.stop();
            report.add("second stop: " + ms(t) + " ms");
            assertStopped(openfire, pid, address, report);
            if (!Boolean.getBoolean("live.keep")) {
                delete(openfire.home());
                report.add("copy deleted (-Dlive.keep=true keeps it)");
            }
        } finally {
            openfire.stop();
            report.forEach(line -> System.out.println("[live] " + line));
        }
    }

    /** Deletes the copy after a passing run (a failing run keeps it, logs and all). */
    private static void delete(Path home) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(home)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).collect(java.util.stream.Collectors.toList())) {
                Files.delete(path);
            }
        }
    }

    /** Checks the process and its children are gone, none runs from the copy, and nothing listens on the address. */
    private static void assertStopped(OpenfireInstance openfire, long pid, String address, List<String> report)
        throws IOException {
        assertFalse(openfire.isRunning());
        assertFalse("process " + pid + " ended", ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        final List<String> fromCopy = ProcessHandle.allProcesses()
            .filter(p -> p.info().commandLine().map(c -> c.contains(openfire.home().toString())).orElse(false))
            .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).collect(java.util.stream.Collectors.toList());
        assertEquals("processes running from " + openfire.home(), List.of(), fromCopy);
        final String left = listening(address);
        report.add("after stop: process " + pid + " gone, none from the copy, listening on " + address + ": " + left);
        assertEquals("none", left);
    }

    interface Step {
        void run() throws Exception;
    }

    interface PageStep {
        List<String> run() throws Exception;
    }

    /** Sends a stale form itself and returns the errors of the page it leads to: these must not be empty. */
    private static void refusedPage(List<String> report, String what, PageStep step) throws Exception {
        final List<String> errors = step.run();
        if (errors.isEmpty()) {
            throw new AssertionError("not refused: " + what);
        }
        report.add("refused (" + what + "), page errors: " + errors);
    }

    /** Runs a step the console must refuse; fails when it does not. The stale-token steps return the page's errors. */
    private static void refused(List<String> report, String what, Step step) throws Exception {
        try {
            step.run();
        } catch (AdminConsoleException e) {
            report.add("refused (" + what + "): " + e.getMessage());
            return;
        }
        throw new AssertionError("not refused: " + what);
    }

    /** @return a name for the copy: the build's directory (src-v5.1.1 of ~/ofbuild/src-v5.1.1/distribution/...) or the distribution's */
    private static String label(Path distribution) {
        for (Path part : distribution.toAbsolutePath().normalize()) {
            if (part.toString().startsWith("src-")) {
                return part.toString();
            }
        }
        final Path name = distribution.toAbsolutePath().normalize().getFileName();
        return name == null ? "openfire" : name.toString();
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    /** @return what {@code ss -ltnup} lists for the process: every listening TCP and bound UDP socket */
    private static String sockets(long pid) throws IOException, InterruptedException {
        final Process ss = new ProcessBuilder("ss", "-H", "-ltnup").redirectErrorStream(true).start();
        final String out = new String(ss.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        ss.waitFor();
        final List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.contains("pid=" + pid + ",")) {
                final String[] f = line.trim().split("\\s+");
                lines.add(f[0] + " " + f[4]);
            }
        }
        return lines.isEmpty() ? "none" : String.join(", ", lines);
    }

    /** @return the ports of the usual Openfire listeners that accept connections on the address */
    private static String listening(String address) throws IOException {
        final List<String> open = new ArrayList<>();
        for (int port : new int[] {5222, 5223, 5262, 5263, 5269, 5270, 5275, 5276, 7070, 7443, 7777, 9090, 9091}) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getByName(address), port), 500);
                open.add(Integer.toString(port));
            } catch (IOException e) {
                // closed
            }
        }
        return open.isEmpty() ? "none" : String.join(" ", open);
    }
}
