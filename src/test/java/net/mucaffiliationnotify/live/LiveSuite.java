package net.mucaffiliationnotify.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.mucaffiliationnotify.live.scansion.ScenarioParser;
import net.mucaffiliationnotify.live.scansion.ScenarioResult;
import net.mucaffiliationnotify.live.scansion.ScenarioRunner;
import net.mucaffiliationnotify.live.server.AdminConsole;

/**
 * Plays the live suite on a server: installs the plugin through the admin console's upload form, creates
 * what the scenarios share (the group {@code capulets}, the persistent room {@code lobby}), plays each
 * planned scenario with its admin-console set-up, runs the concurrent stress check, and, on a copy it
 * started, reads Openfire's log for the plugin's warnings. Every step becomes a {@link LiveCheck}; a step
 * that fails does not stop the others.
 */
final class LiveSuite {
    /** Openfire's line for a plugin it loaded. */
    private static final Pattern STARTED = Pattern.compile("MUC affiliation notifications started\\.");
    /** Log lines that mean the plugin is in trouble on this Openfire. */
    private static final Pattern PLUGIN_TROUBLE = Pattern.compile(
        "(WARN|ERROR).*(mucaffiliationnotify|net\\.mucaffiliationnotify)|NoSuchMethodError|NoClassDefFoundError|"
            + "LinkageError|AbstractMethodError");

    /** The version on the admin console's front page. */
    private static final Pattern OPENFIRE_VERSION = Pattern.compile("Openfire\\s+(\\d+\\.\\d+\\.\\d+)");

    private final LiveTarget target;
    private final Consumer<String> progress;
    private final List<LiveCheck> checks = new ArrayList<>();

    private LiveSuite(LiveTarget target, Consumer<String> progress) {
        this.target = target;
        this.progress = progress;
    }

    /**
     * @param target the server
     * @param pluginJar the plugin jar to install
     * @param runs the scenarios, in order
     * @param stressRounds requests per owner in the stress check (0: none)
     * @param progress one line per step, for people watching
     * @return every check, in order
     */
    static List<LiveCheck> play(LiveTarget target, Path pluginJar, List<LivePlan.Run> runs, int stressRounds,
                                Consumer<String> progress) {
        final LiveSuite suite = new LiveSuite(target, progress);
        final AdminConsole console = suite.install(pluginJar);
        final String version = console == null ? null : suite.openfireVersion(console);
        if (console != null) {
            suite.fixtures(console);
            for (LivePlan.Run run : runs) {
                suite.play(console, run);
            }
            suite.check("settings back to on/inherit", () -> LivePlan.resetSettings(console, target.domain()));
        }
        if (stressRounds > 0) {
            suite.stress(stressRounds, version == null || !version.startsWith("5.0."));
        }
        if (target.instance() != null) {
            suite.readLog();
        }
        return List.copyOf(suite.checks);
    }

    private AdminConsole install(Path pluginJar) {
        final AdminConsole[] console = new AdminConsole[1];
        check("plugin installed through the upload form", () -> {
            if (!Files.isRegularFile(pluginJar)) {
                throw new IllegalStateException("no plugin jar at " + pluginJar.toAbsolutePath()
                    + " (mvn -Plive verify builds it first)");
            }
            console[0] = AdminConsole.login(target.adminConsole(), target.adminUser(), target.adminPassword());
            final long from = target.instance() == null ? 0 : target.instance().logPosition();
            final String name = console[0].uploadPlugin(pluginJar);
            console[0].waitForPlugin(name, Duration.ofSeconds(90));
            if (target.instance() != null) {
                target.instance().waitForLogLine(STARTED, Duration.ofSeconds(90), from);
            }
        });
        return console[0];
    }

    /** What several scenarios share; on a running server they may exist already, which is fine. */
    private void fixtures(AdminConsole console) {
        check("group capulets (user2, user3) and room lobby (owner user)", () -> {
            final String domain = target.domain();
            try {
                console.createGroup("capulets", "user2", "user3");
            } catch (RuntimeException e) {
                if (target.instance() != null) {
                    throw e;
                }
                progress.accept("group capulets not created (" + e.getMessage() + "); using the existing one");
            }
            final String lobby = LivePlan.LOBBY + "@conference." + domain;
            try {
                console.createPersistentRoom("conference", LivePlan.LOBBY);
            } catch (RuntimeException e) {
                if (target.instance() != null) {
                    throw e;
                }
                progress.accept("room lobby not created (" + e.getMessage() + "); using the existing one");
            }
            console.setRoomAffiliation(lobby, "user@" + domain, "owner");
        });
    }

    private void play(AdminConsole console, LivePlan.Run run) {
        progress.accept("playing " + run.label());
        final long start = System.nanoTime();
        try {
            if (run.before() != null) {
                run.before().run(console, target.domain());
            }
            final ScenarioRunner runner = new ScenarioRunner(target.host(), target.port(), target.domain(),
                ScenarioRunner.Options.defaults().withLenient(true).withStrict(run.strict())
                    .withTimeout(run.timeout()));
            final CompletableFuture<ScenarioResult> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return runner.run(ScenarioParser.parse(run.file()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            if (run.during() != null) {
                Thread.sleep(run.duringDelay().toMillis());
                run.during().run(console, target.domain());
            }
            final ScenarioResult done = result.get(10, TimeUnit.MINUTES);
            checks.add(new LiveCheck(run.label(), done.passed(), done.duration(),
                done.passed() ? null : done.mismatch().describe()));
        } catch (Exception e) {
            checks.add(new LiveCheck(run.label(), false, since(start), "could not run: " + describe(e)));
        } finally {
            if (run.after() != null) {
                check(run.label() + ": state put back", () -> run.after().run(console, target.domain()));
            }
        }
    }

    private void stress(int rounds, boolean requesterOrder) {
        final String label = "stress: 2 owners x " + rounds + " pipelined requests, 1 observer"
            + (requesterOrder ? "" : " (Openfire 5.0: the requester's order not compared)");
        progress.accept("running the " + label);
        final long start = System.nanoTime();
        try {
            final StressCheck.Result result = StressCheck.run(target.host(), target.port(), target.domain(), rounds, 1,
                requesterOrder);
            checks.add(new LiveCheck(label, result.passed(), since(start), result.firstProblem()));
        } catch (Exception e) {
            checks.add(new LiveCheck(label, false, since(start), "could not run: " + describe(e)));
        }
    }

    /** @return the Openfire version the admin console's front page names, or {@code null} */
    private String openfireVersion(AdminConsole console) {
        try {
            final Matcher matcher = OPENFIRE_VERSION.matcher(console.get("index.jsp"));
            if (matcher.find()) {
                progress.accept("Openfire " + matcher.group(1));
                return matcher.group(1);
            }
        } catch (Exception e) {
            progress.accept("could not read Openfire's version: " + describe(e));
        }
        return null;
    }

    private void readLog() {
        check("Openfire's log: no warning or linkage error from the plugin", () -> {
            final List<String> trouble = new ArrayList<>();
            for (String line : Files.readAllLines(target.instance().log())) {
                if (PLUGIN_TROUBLE.matcher(line).find()) {
                    trouble.add(line);
                }
            }
            if (!trouble.isEmpty()) {
                throw new IllegalStateException(trouble.size() + " line(s), the first: " + trouble.get(0));
            }
        });
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private void check(String label, Step step) {
        progress.accept(label);
        final long start = System.nanoTime();
        try {
            step.run();
            checks.add(new LiveCheck(label, true, since(start), null));
        } catch (Exception e) {
            checks.add(new LiveCheck(label, false, since(start), describe(e)));
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException
            || (cause instanceof IllegalStateException && cause.getCause() != null)) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
