package net.mucaffiliationnotify.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.Test;

/** The report lists every check with its result, and the first mismatch of each failure after the table. */
public class LiveReportTest {
    @Test
    public void tableThenTheFailuresFirstMismatch() {
        final String report = LiveReport.format("Openfire at 127.0.0.1", List.of(
            new LiveCheck("01_ban_unban_noop.scs", true, Duration.ofMillis(2300), null),
            new LiveCheck("settings/settings_1_lobby_off.scs (lobby off)", false, Duration.ofMillis(1500),
                "line 91: expected <message> but received <iq>\n  expected:\n    <message/>\n  received:\n    <iq/>")));
        final List<String> lines = report.lines().toList();
        assertEquals("Live suite against Openfire at 127.0.0.1", lines.get(0));
        assertTrue(lines.get(3), lines.get(3).startsWith("01_ban_unban_noop.scs ") && lines.get(3).contains("PASS"));
        assertTrue(lines.get(4), lines.get(4).contains("FAIL") && lines.get(4).endsWith("1.5"));
        assertEquals("1 passed, 1 failed", lines.get(5));
        assertTrue(report.contains("\nFAIL settings/settings_1_lobby_off.scs (lobby off)\nline 91: expected <message>"));
        assertTrue(report.contains("  received:\n    <iq/>"));
        assertFalse("a passing check has no details", report.contains("FAIL 01_ban"));
    }
}
