package net.mucaffiliationnotify.live.scansion;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs scenario files against a live server from the command line and prints a PASS/FAIL table, with the
 * first mismatch of each failed scenario (expected against received). Exit status 1 when any failed,
 * 2 for bad arguments.
 *
 * <pre>
 * mvn -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *     -Dexec.classpathScope=test -Dexec.mainClass=net.mucaffiliationnotify.live.scansion.RunScenarios \
 *     -Dexec.args="--host 127.0.0.7 --lenient --strict src/test/scenarios/01_ban_unban_noop.scs"
 * </pre>
 * Options: {@code --host} (127.0.0.1), {@code --port} (5222), {@code --domain} (localhost),
 * {@code --lenient}, {@code --strict}, {@code --timeout} seconds (5), {@code -v} (every action as it runs).
 */
public final class RunScenarios {

    private RunScenarios() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out);
        System.out.flush();
        System.exit(status);
    }

    /** Parses the arguments, runs the files, prints to {@code out}; returns the exit status. */
    static int run(String[] args, PrintStream out) {
        String host = "127.0.0.1";
        int port = 5222;
        String domain = "localhost";
        ScenarioRunner.Options options = ScenarioRunner.Options.defaults();
        List<String> files = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--host" -> host = value(args, ++i);
                    case "--port" -> port = Integer.parseInt(value(args, ++i));
                    case "--domain" -> domain = value(args, ++i);
                    case "--lenient" -> options = options.withLenient(true);
                    case "--strict" -> options = options.withStrict(true);
                    case "--timeout" -> options = options.withTimeout(
                            Duration.ofMillis(Math.round(Double.parseDouble(value(args, ++i)) * 1000)));
                    case "-v", "--verbose" -> options = options.withLog(out::println);
                    default -> {
                        if (args[i].startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        files.add(args[i]);
                    }
                }
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no scenario files given");
            }
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            out.println("usage: RunScenarios [--host H] [--port P] [--domain D] [--lenient] [--strict] "
                    + "[--timeout SECONDS] [-v] FILE.scs...");
            return 2;
        }

        ScenarioRunner runner = new ScenarioRunner(host, port, domain, options);
        List<ScenarioResult> results = new ArrayList<>();
        for (String file : files) {
            ScenarioResult result;
            try {
                result = runner.run(ScenarioParser.parse(Path.of(file)));
            } catch (IOException | ScenarioFormatException e) {
                int line = e instanceof ScenarioFormatException format ? format.line() : 0;
                result = ScenarioResult.failed(file, Duration.ZERO,
                        new ScenarioResult.Mismatch(line, "(a valid scenario file)", "(not run)", e.getMessage()),
                        List.of());
            }
            results.add(result);
            out.println((result.passed() ? "PASS " : "FAIL ") + file);
        }
        printTable(results, out);
        return results.stream().allMatch(ScenarioResult::passed) ? 0 : 1;
    }

    private static void printTable(List<ScenarioResult> results, PrintStream out) {
        int width = results.stream().mapToInt(r -> r.name().length()).max().orElse(8);
        out.println();
        out.println(String.format("%-6s %-" + width + "s %8s  %s", "RESULT", "SCENARIO", "TIME", "WARNINGS"));
        for (ScenarioResult result : results) {
            out.println(String.format("%-6s %-" + width + "s %7.2fs  %d", result.passed() ? "PASS" : "FAIL",
                    result.name(), result.duration().toMillis() / 1000.0, result.warnings().size()));
        }
        for (ScenarioResult result : results) {
            if (!result.passed()) {
                out.println();
                out.println("FAIL " + result.name() + ", " + result.mismatch().describe());
            }
        }
        long passed = results.stream().filter(ScenarioResult::passed).count();
        out.println();
        out.println(passed + " passed, " + (results.size() - passed) + " failed");
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
