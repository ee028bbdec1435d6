package net.mucaffiliationnotify.live.scansion;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one scenario run: passed or not, how long it took, the warnings of a lenient run
 * (skipped or unconsumed stanzas), and for a failure the first mismatch.
 */
public final class ScenarioResult {

    /**
     * Where and how a run went wrong.
     *
     * @param line     the script line of the action that failed (0: the end of the script)
     * @param expected the expected stanza as XML, or what else was expected ("nothing", "a connection as …")
     * @param received the received stanza as XML, or "nothing within 5 s", or the error that came instead
     * @param reason   why they do not match, in words
     */
    public record Mismatch(int line, String expected, String received, String reason) {
        public Mismatch {
            Objects.requireNonNull(expected);
            Objects.requireNonNull(received);
            Objects.requireNonNull(reason);
        }

        /** A multi-line account for people: line, reason, expected, received. */
        public String describe() {
            return (line > 0 ? "line " + line : "end of script") + ": " + reason + "\n"
                    + "  expected:\n" + StanzaXml.indent(expected, 4) + "\n"
                    + "  received:\n" + StanzaXml.indent(received, 4);
        }
    }

    private final String name;
    private final boolean passed;
    private final Duration duration;
    private final Mismatch mismatch;
    private final List<String> warnings;

    private ScenarioResult(String name, boolean passed, Duration duration, Mismatch mismatch, List<String> warnings) {
        this.name = Objects.requireNonNull(name);
        this.passed = passed;
        this.duration = Objects.requireNonNull(duration);
        this.mismatch = mismatch;
        this.warnings = List.copyOf(warnings);
    }

    /** A run in which every action went as the script says. */
    public static ScenarioResult passed(String name, Duration duration, List<String> warnings) {
        return new ScenarioResult(name, true, duration, null, warnings);
    }

    /** A run stopped by its first mismatch. */
    public static ScenarioResult failed(String name, Duration duration, Mismatch mismatch, List<String> warnings) {
        return new ScenarioResult(name, false, duration, Objects.requireNonNull(mismatch), warnings);
    }

    /** The scenario's name (its path). */
    public String name() {
        return name;
    }

    public boolean passed() {
        return passed;
    }

    /** From the first connect to the last close. */
    public Duration duration() {
        return duration;
    }

    /** The first mismatch of a failed run, null for a run that passed. */
    public Mismatch mismatch() {
        return mismatch;
    }

    /** Stanzas skipped or left unconsumed in a run without --strict (they do not fail it). */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return (passed ? "PASS " : "FAIL ") + name + String.format(" (%.2fs)", duration.toMillis() / 1000.0)
                + (passed ? "" : "\n" + mismatch.describe());
    }
}
