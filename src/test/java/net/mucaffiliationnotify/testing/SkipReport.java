package net.mucaffiliationnotify.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The skipped tests of a run, grouped by test class and reason, as {@link SkippedTestsListener} writes them
 * for the build to print: twenty tests skipped for one reason make one line,
 * {@code JdbcRoomSettingsStorePostgresTest: 20 skipped — PostgreSQL is not reachable …}.
 */
public final class SkipReport {
    /** What JUnit 4's {@code Assume.assumeTrue(message, false)} appends to the message: the matcher's verdict. */
    private static final Pattern JUNIT4_ASSUMPTION = Pattern.compile("(?s)(.*\\S)\\s*: got: <.*>, expected: .*");
    private static final String NO_REASON = "no reason given";

    /** Test class, then reason, then how many tests; both sorted so that the file is the same run after run. */
    private final Map<String, Map<String, Integer>> counts = new TreeMap<>();

    /**
     * Counts skipped tests.
     *
     * @param testClass the test class, fully qualified or not (the line shows its simple name)
     * @param reason why, as JUnit gave it; blank or null reads "no reason given"
     * @param tests how many tests were skipped for that reason
     */
    public void add(String testClass, String reason, int tests) {
        if (tests <= 0) {
            throw new IllegalArgumentException("tests must be positive: " + tests);
        }
        counts.computeIfAbsent(simpleName(testClass), c -> new TreeMap<>()).merge(tidy(reason), tests, Integer::sum);
    }

    /** Counts another report's skips as well. */
    public void addAll(SkipReport other) {
        other.counts.forEach((testClass, reasons) -> reasons.forEach((reason, tests) ->
            counts.computeIfAbsent(testClass, c -> new TreeMap<>()).merge(reason, tests, Integer::sum)));
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /** @return one line per test class and reason: {@code Class: N skipped — reason} */
    public List<String> lines() {
        final List<String> lines = new ArrayList<>();
        counts.forEach((testClass, reasons) -> reasons.forEach((reason, tests) ->
            lines.add(testClass + ": " + tests + " skipped — " + reason)));
        return lines;
    }

    /**
     * The reason an aborted test gives: the exception's message without JUnit 4's matcher verdict
     * ({@code ": got: <false>, expected: is <true>"}), or the exception's class when it has no message.
     */
    public static String reasonOf(Throwable cause) {
        if (cause == null) {
            return NO_REASON;
        }
        final String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getName();
        }
        final Matcher verdict = JUNIT4_ASSUMPTION.matcher(message);
        return verdict.matches() ? verdict.group(1) : message;
    }

    /** One line: line breaks and runs of white space become one space. */
    static String tidy(String reason) {
        if (reason == null || reason.isBlank()) {
            return NO_REASON;
        }
        return reason.strip().replaceAll("\\s+", " ");
    }

    static String simpleName(String testClass) {
        if (testClass == null || testClass.isBlank()) {
            return "(unknown test class)";
        }
        return testClass.substring(testClass.lastIndexOf('.') + 1);
    }
}
