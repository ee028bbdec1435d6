package net.mucaffiliationnotify.live;

import java.util.List;

/** The live suite's pass/fail table, then the first mismatch of each failed check. */
final class LiveReport {
    private LiveReport() {
    }

    /**
     * @param target what the suite ran against, e.g. "Openfire 5.1.1 copy at 127.0.0.1"
     * @param checks the checks in the order they ran
     * @return the report, ready to print
     */
    static String format(String target, List<LiveCheck> checks) {
        int width = "check".length();
        for (LiveCheck check : checks) {
            width = Math.max(width, check.name().length());
        }
        final StringBuilder out = new StringBuilder();
        out.append("Live suite against ").append(target).append('\n');
        out.append(pad("check", width)).append("  result  seconds\n");
        out.append("-".repeat(width)).append("  ------  -------\n");
        int failed = 0;
        for (LiveCheck check : checks) {
            out.append(pad(check.name(), width)).append("  ").append(check.passed() ? "PASS  " : "FAIL  ")
                .append(String.format("  %7.1f", check.duration().toMillis() / 1000.0)).append('\n');
            if (!check.passed()) {
                failed++;
            }
        }
        out.append(checks.size() - failed).append(" passed, ").append(failed).append(" failed\n");
        for (LiveCheck check : checks) {
            if (!check.passed()) {
                out.append("\nFAIL ").append(check.name()).append('\n').append(check.problem().strip()).append('\n');
            }
        }
        return out.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
