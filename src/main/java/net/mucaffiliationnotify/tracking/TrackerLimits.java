package net.mucaffiliationnotify.tracking;

import java.time.Duration;

/**
 * Bounds of the tracker's bookkeeping.
 *
 * @param maxPending requests tracked at once; beyond it, stale ones are dropped, then new ones are not tracked
 * @param maxAge how long a request may wait for its reply or its end before it is considered lost
 * @param maxTargets JIDs followed per request: the items of a larger request beyond it are not read, and
 *                   their changes are left to the out-of-band check
 */
public record TrackerLimits(int maxPending, Duration maxAge, int maxTargets) {
    /** JIDs followed per request by default: more than any client sends, a bounded cost per request. */
    public static final int DEFAULT_MAX_TARGETS = 1_000;
    /** 10,000 requests in flight, 60 seconds each: far above what a MUC service processes at once. */
    public static final TrackerLimits DEFAULT = new TrackerLimits(10_000, Duration.ofSeconds(60));

    /**
     * @param maxPending requests tracked at once
     * @param maxAge how long a request may wait before it is considered lost
     */
    public TrackerLimits(int maxPending, Duration maxAge) {
        this(maxPending, maxAge, DEFAULT_MAX_TARGETS);
    }

    public TrackerLimits {
        if (maxTargets < 1) {
            throw new IllegalArgumentException("maxTargets must be at least 1");
        }
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1");
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive");
        }
    }
}
