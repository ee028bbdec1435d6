package net.mucaffiliationnotify.tracking;

import java.time.Duration;

/**
 * Bounds of the tracker's bookkeeping.
 *
 * @param maxPending requests tracked at once; beyond it, stale ones are dropped, then new ones are not tracked
 * @param maxAge how long a request may wait for its reply or its end before it is considered lost
 */
public record TrackerLimits(int maxPending, Duration maxAge) {
    /** 10,000 requests in flight, 60 seconds each: far above what a MUC service processes at once. */
    public static final TrackerLimits DEFAULT = new TrackerLimits(10_000, Duration.ofSeconds(60));

    public TrackerLimits {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1");
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive");
        }
    }
}
