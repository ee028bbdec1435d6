package net.mucaffiliationnotify.statistics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Test;

/** Counters start at zero, only grow, and add up across threads. */
public class PluginCountersTest {
    @Test
    public void everyCounterStartsAtZeroAndMovesAlone() {
        final PluginCounters counters = new PluginCounters(Instant.parse("2026-12-05T06:00:00Z"));
        counters.increment(Counter.REQUESTS_FOLLOWED);
        counters.add(Counter.NOTIFICATIONS_SENT, 5);
        counters.add(Counter.FAILURES, 0);

        final Map<Counter, Long> snapshot = counters.snapshot();
        assertEquals(Counter.values().length, snapshot.size());
        for (Counter counter : Counter.values()) {
            final long expected = counter == Counter.REQUESTS_FOLLOWED ? 1 : counter == Counter.NOTIFICATIONS_SENT ? 5 : 0;
            assertEquals(counter.key(), expected, counters.value(counter));
            assertEquals(counter.key(), Long.valueOf(expected), snapshot.get(counter));
        }
        assertEquals(Instant.parse("2026-12-05T06:00:00Z"), counters.startedAt());
    }

    @Test
    public void countersOnlyGrow() {
        assertThrows(IllegalArgumentException.class, () -> new PluginCounters(Instant.EPOCH).add(Counter.FAILURES, -1));
    }

    @Test
    public void incrementsFromManyThreadsAddUp() throws InterruptedException {
        final PluginCounters counters = new PluginCounters(Instant.EPOCH);
        final List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            final Thread thread = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    counters.increment(Counter.NOTIFICATIONS_SENT);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(80_000, counters.value(Counter.NOTIFICATIONS_SENT));
    }

    @Test
    public void keysAreTheLowerCaseNames() {
        assertEquals("held_replies_expired", Counter.HELD_REPLIES_EXPIRED.key());
    }
}
