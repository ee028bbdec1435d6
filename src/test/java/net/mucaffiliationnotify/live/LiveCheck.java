package net.mucaffiliationnotify.live;

import java.time.Duration;
import java.util.Objects;

/**
 * One line of the live suite's report: a scenario (or the stress check) and how it went.
 *
 * @param name what ran, e.g. {@code settings/settings_1_lobby_off.scs (lobby off)}
 * @param passed whether it passed
 * @param duration how long it took
 * @param problem for a failure, the first mismatch (expected and received stanza) or the error; else empty
 */
public record LiveCheck(String name, boolean passed, Duration duration, String problem) {
    public LiveCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(duration, "duration");
        problem = problem == null ? "" : problem;
    }
}
