package net.mucaffiliationnotify.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * A warning that a failure repeating on every stanza (a database outage, hostile input) cannot turn into a
 * flood: each kind of failure (its exception class) is logged at most once per interval, with how often it
 * happened since it was last logged. Nothing blocks: a race between two threads may at worst log once more.
 */
public final class ThrottledWarning {
    /** Once a minute. */
    public static final long DEFAULT_INTERVAL_NANOS = 60_000_000_000L;
    /** Kinds remembered at most (exception classes are few; this only bounds hostile variety). */
    private static final int MAX_KINDS = 64;

    private final Logger log;
    private final String message;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

    private static final class Kind {
        final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong suppressed = new AtomicLong();
    }

    /**
     * @param log where to log
     * @param message the warning, an SLF4J pattern with one {@code {}} for the failure's subject
     */
    public ThrottledWarning(Logger log, String message) {
        this(log, message, System::nanoTime, DEFAULT_INTERVAL_NANOS);
    }

    /**
     * @param log where to log
     * @param message the warning, an SLF4J pattern with one {@code {}} for the failure's subject
     * @param nanoClock monotonic time
     * @param intervalNanos least time between two warnings of one kind
     */
    public ThrottledWarning(Logger log, String message, LongSupplier nanoClock, long intervalNanos) {
        this.log = log;
        this.message = message;
        this.nanoClock = nanoClock;
        this.intervalNanos = intervalNanos;
    }

    /**
     * Logs the failure, unless one of its kind was logged within the interval; then it is only counted.
     *
     * @param subject what failed (a stanza id, a room), or {@code null}
     * @param failure the failure
     * @return whether it was logged
     */
    public boolean warn(Object subject, Throwable failure) {
        final String kindName = failure == null ? "" : failure.getClass().getName();
        Kind kind = kinds.get(kindName);
        if (kind == null) {
            if (kinds.size() >= MAX_KINDS) {
                kinds.clear();
            }
            kind = kinds.computeIfAbsent(kindName, k -> new Kind());
        }
        final long now = nanoClock.getAsLong();
        final long last = kind.lastLogged.get();
        if (last != Long.MIN_VALUE && now - last < intervalNanos || !kind.lastLogged.compareAndSet(last, now)) {
            kind.suppressed.incrementAndGet();
            return false;
        }
        final long since = kind.suppressed.getAndSet(0);
        if (since == 0) {
            log.warn(message, subject, failure);
        } else {
            log.warn(message + " ({} more like it in the last minute, not logged)", subject, since, failure);
        }
        return true;
    }
}
