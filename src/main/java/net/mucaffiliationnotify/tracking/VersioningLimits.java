package net.mucaffiliationnotify.tracking;

import java.time.Duration;

/**
 * Bounds of XEP-0463 versioning (V9).
 *
 * @param maxSteps how many changes each room's history keeps; a client holding an older version gets the
 *                 full list
 * @param maxItems most items in one response message; longer responses are split
 * @param maxPendingJoins most joins waiting for Openfire's answer at once; more joins get no list
 * @param joinTimeout how long a join may wait for Openfire's answer before it is forgotten
 */
public record VersioningLimits(int maxSteps, int maxItems, int maxPendingJoins, Duration joinTimeout) {
    /** 256 steps, 250 items per message, 10,000 pending joins, 60 s. */
    public static final VersioningLimits DEFAULT = new VersioningLimits(256, 250, 10_000, Duration.ofSeconds(60));

    public VersioningLimits {
        if (maxSteps < 0 || maxItems < 1 || maxPendingJoins < 0 || joinTimeout.isNegative()) {
            throw new IllegalArgumentException("Invalid versioning limits");
        }
    }
}
