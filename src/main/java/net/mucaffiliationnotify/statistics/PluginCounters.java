package net.mucaffiliationnotify.statistics;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * This node's counters since the plugin started. Cheap on the hot path (one {@link LongAdder} per counter);
 * in a cluster each node counts its own, and Openfire's statistics add them up (partial samples).
 */
public final class PluginCounters {
    private final EnumMap<Counter, LongAdder> adders = new EnumMap<>(Counter.class);
    private final Instant startedAt;

    /**
     * @param startedAt when counting began
     */
    public PluginCounters(Instant startedAt) {
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        for (Counter counter : Counter.values()) {
            adders.put(counter, new LongAdder());
        }
    }

    /** @param counter the counter to move by one */
    public void increment(Counter counter) {
        adders.get(counter).increment();
    }

    /**
     * @param counter the counter to move
     * @param amount how much (not negative)
     */
    public void add(Counter counter, long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("Counters only grow: " + amount);
        }
        if (amount > 0) {
            adders.get(counter).add(amount);
        }
    }

    /**
     * @param counter a counter
     * @return its value
     */
    public long value(Counter counter) {
        return adders.get(counter).sum();
    }

    /** @return every counter's value, in the enum's order */
    public Map<Counter, Long> snapshot() {
        final EnumMap<Counter, Long> values = new EnumMap<>(Counter.class);
        adders.forEach((counter, adder) -> values.put(counter, adder.sum()));
        return values;
    }

    /** @return when counting began (the plugin's start on this node) */
    public Instant startedAt() {
        return startedAt;
    }
}
