package net.mucaffiliationnotify.logging;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;
import org.slf4j.Logger;

/** A failure on every stanza is logged once a minute per kind, with the count of those not logged. */
public class ThrottledWarningTest {
    private static final long MINUTE = 60_000_000_000L;

    @Test
    public void aFloodOfOneKindIsLoggedOnceAMinuteWithItsCount() {
        final Logger log = mock(Logger.class);
        final AtomicLong clock = new AtomicLong(5);
        final ThrottledWarning warning = new ThrottledWarning(log, "Failed on {}", clock::get, MINUTE);
        final IllegalArgumentException failure = new IllegalArgumentException("Invalid room key");
        assertTrue(warning.warn("s1", failure));
        int logged = 1;
        for (int i = 0; i < 10_000; i++) {
            clock.addAndGet(1_000_000); // 10 s in all
            logged += warning.warn("s" + i, failure) ? 1 : 0;
        }
        assertEquals(1, logged);
        verify(log, times(1)).warn("Failed on {}", "s1", failure);

        clock.addAndGet(MINUTE);
        assertTrue(warning.warn("later", failure));
        verify(log).warn(eq("Failed on {} ({} more like it in the last minute, not logged)"), eq("later"), eq(10_000L),
            eq(failure));
    }

    @Test
    public void eachKindOfFailureHasItsOwnMinute() {
        final Logger log = mock(Logger.class);
        final ThrottledWarning warning = new ThrottledWarning(log, "Failed on {}", () -> 0L, MINUTE);
        assertTrue(warning.warn("a", new IllegalArgumentException()));
        assertTrue(warning.warn("b", new SQLException()));
        assertFalse(warning.warn("c", new SQLException()));
        verify(log, times(2)).warn(anyString(), any(), any(Throwable.class));
    }
}
