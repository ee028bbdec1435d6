package net.mucaffiliationnotify.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import net.mucaffiliationnotify.live.server.AdminConsole;

/**
 * What the live suite plays, in order, and the admin-console state each scenario needs. The scenario files
 * (src/test/scenarios) stay the source of truth; this plan holds only what they cannot say themselves: the
 * settings a {@code settings/} file assumes, the admin-console change {@code versioning/03} waits for, and the
 * group changes {@code groups/01} waits for (with the sweep out of the way, and put back after).
 */
final class LivePlan {
    /** The persistent room the settings scenarios use, created once per server. */
    static final String LOBBY = "lobby";
    /** The room versioning/03 expects to change through the admin console while it waits. */
    static final String CONSOLE_ROOM = "afn-v3-console";
    /** The room outside/01 expects to change through the admin console, with XEP-0463 off. */
    static final String OUTSIDE_ROOM = "afn-oob-console";
    /** The global default of telling the affected user (status 101; a system property, off by default). */
    static final String AFFECTED_PROPERTY = "plugin.mucaffiliationnotify.affectedUser.enabled";
    /** The plugin's XEP-0463 switch (a system property). */
    static final String VERSIONING_PROPERTY = "plugin.mucaffiliationnotify.versioning.enabled";
    /** The room groups/01 expects to list the group capulets (made so on the admin console while it waits). */
    static final String GROUP_ROOM = "afn-g1-group";
    /** The group the suite creates (user2, user3) and groups/01 changes. */
    static final String GROUP = "capulets";
    /** Whom groups/01 expects added to the group, then removed (no account: Openfire takes any JID). */
    static final String GROUP_NEWCOMER = "tybalt";
    /** The sweep's interval, set to its maximum while groups/01 runs, so that only the group event can announce. */
    static final String SWEEP_PROPERTY = "plugin.mucaffiliationnotify.versioning.sweepSeconds";

    /** An admin-console step. */
    @FunctionalInterface
    interface ConsoleStep {
        void run(AdminConsole console, String domain) throws Exception;
    }

    /**
     * One scenario run.
     *
     * @param label the report's name for it
     * @param file the .scs file
     * @param strict whether every received stanza must be the next expected one
     * @param timeout how long a {@code receives:} waits
     * @param before admin-console state set before the run, or {@code null}
     * @param duringDelay how long after the start {@code during} runs
     * @param during an admin-console change made while the scenario runs, or {@code null}
     * @param after admin-console state put back after the run, whether it passed or not, or {@code null}
     */
    record Run(String label, Path file, boolean strict, Duration timeout, ConsoleStep before, Duration duringDelay,
               ConsoleStep during, ConsoleStep after) {
        Run {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private LivePlan() {
    }

    /**
     * @param scenarios the src/test/scenarios folder
     * @return every scenario of the repository with its set-up, in the order the suite plays them
     */
    static List<Run> standard(Path scenarios) {
        final List<Run> runs = new ArrayList<>();
        for (int number = 1; number <= 16; number++) {
            runs.add(plain(scenarios, String.format("%02d_", number), true));
        }
        final Path versioning = scenarios.resolve("versioning");
        runs.add(plain(versioning, "01_", false));
        runs.add(plain(versioning, "02_", false));
        // The change comes from the admin console, which no interceptor sees: the sweep finds it (10 s).
        runs.add(new Run("versioning/03 (admin console change after 4 s)", only(versioning, "03_"), false,
            Duration.ofSeconds(40), null, Duration.ofSeconds(4),
            (console, domain) -> console.setRoomAffiliation(CONSOLE_ROOM + "@conference." + domain,
                "tybalt@" + domain, "member"), null));
        runs.add(plain(versioning, "04_", false));
        // Group membership changed on the admin console: the group event has the room checked at once. The sweep
        // is set to an hour meanwhile (its next run is an hour after its last), so it cannot be what announces.
        final Path groups = scenarios.resolve("groups");
        runs.add(new Run("groups/01 (capulets made a member after 4 s, tybalt added to it, removed 3 s later; "
            + "no sweep)", only(groups, "01_"), false, Duration.ofSeconds(40),
            (console, domain) -> console.setProperty(SWEEP_PROPERTY, "3600"), Duration.ofSeconds(4),
            (console, domain) -> {
                console.setRoomGroupAffiliation(GROUP_ROOM + "@conference." + domain, GROUP, "member");
                console.addGroupMember(GROUP, GROUP_NEWCOMER + "@" + domain);
                Thread.sleep(3000);
                console.removeGroupMember(GROUP, GROUP_NEWCOMER + "@" + domain);
            },
            (console, domain) -> {
                console.removeGroupMember(GROUP, GROUP_NEWCOMER + "@" + domain);
                console.setProperty(SWEEP_PROPERTY, "10");
            }));
        final Path settings = scenarios.resolve("settings");
        runs.add(settings(settings, "settings_1_", "lobby off", "off", "inherit", true));
        runs.add(settings(settings, "settings_2_", "all inherit", "inherit", "inherit", true));
        runs.add(settings(settings, "settings_3_", "service default off", "inherit", "off", true));
        runs.add(settings(settings, "settings_3_", "global off", "inherit", "inherit", false));
        runs.add(settings(settings, "settings_4_", "lobby on, service off", "on", "off", true));
        // Issue 15: versioning/03's change with XEP-0463 off; the sweep still announces it. Last: the suite
        // switches XEP-0463 back on after the runs.
        runs.add(new Run("outside/01 (admin console change after 4 s, XEP-0463 off)",
            only(scenarios.resolve("outside"), "01_"), false, Duration.ofSeconds(40),
            (console, domain) -> {
                resetSettings(console, domain); // the settings runs before leave the service default off
                console.setProperty(VERSIONING_PROPERTY, "false");
            }, Duration.ofSeconds(4),
            (console, domain) -> console.setRoomAffiliation(OUTSIDE_ROOM + "@conference." + domain,
                "tybalt@" + domain, "member"),
            (console, domain) -> console.setProperty(VERSIONING_PROPERTY, "true")));
        // Issue 15: the affected user is told (status 101) when the global default is switched on. After the
        // settings runs, whose strict scenarios it would disturb; the suite switches it off after the runs.
        runs.add(new Run("affected/01 (status 101 switched on globally)", only(scenarios.resolve("affected"), "01_"),
            false, TIMEOUT, (console, domain) -> console.setProperty(AFFECTED_PROPERTY, "true"), null, null,
            (console, domain) -> console.setProperty(AFFECTED_PROPERTY, "false")));
        return runs;
    }

    /**
     * @param file a scenario of someone else's (Prosody's, say), played leniently without set-up
     * @return its run
     */
    static Run extra(Path file) {
        return new Run(file.getFileName().toString(), file, false, TIMEOUT, null, null, null, null);
    }

    /** The state the settings scenarios leave behind: every level on or inheriting. */
    static void resetSettings(AdminConsole console, String domain) throws Exception {
        console.setProperty(VERSIONING_PROPERTY, "true");
        console.setProperty(AFFECTED_PROPERTY, "false");
        console.setGlobalNotification(true);
        console.setServiceNotificationMode("conference", "inherit");
        console.setRoomNotificationMode(LOBBY + "@conference." + domain, "inherit");
    }

    private static Run plain(Path folder, String prefix, boolean strict) {
        final Path file = only(folder, prefix);
        final String label = folder.getFileName().toString().equals("versioning")
            ? "versioning/" + file.getFileName() : file.getFileName().toString();
        return new Run(label, file, strict, TIMEOUT, null, null, null, null);
    }

    private static Run settings(Path folder, String prefix, String state, String lobby, String service,
                                boolean global) {
        final Path file = only(folder, prefix);
        return new Run("settings/" + file.getFileName() + " (" + state + ")", file, true, TIMEOUT,
            (console, domain) -> {
                console.setGlobalNotification(global);
                console.setServiceNotificationMode("conference", service);
                console.setRoomNotificationMode(LOBBY + "@conference." + domain, lobby);
            }, null, null, null);
    }

    /** @return the one .scs file of the folder whose name starts with the prefix */
    private static Path only(Path folder, String prefix) {
        final List<Path> matches = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".scs"))
                .forEach(matches::add);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + folder, e);
        }
        if (matches.size() != 1) {
            throw new IllegalStateException("expected one scenario " + prefix + "*.scs in " + folder + ", found "
                + matches);
        }
        return matches.get(0);
    }
}
