package net.mucaffiliationnotify.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;

import org.hamcrest.CoreMatchers;
import org.junit.AssumptionViolatedException;
import org.junit.Assume;
import org.junit.Test;

/** How the build's skip report groups and words skipped tests. */
public class SkipReportTest {
    @Test
    public void testsSkippedForOneReasonMakeOneLine() {
        final SkipReport report = new SkipReport();
        for (int i = 0; i < 20; i++) {
            report.add("net.mucaffiliationnotify.settings.JdbcRoomSettingsStorePostgresTest", "PostgreSQL is not reachable", 1);
        }
        assertEquals(List.of("JdbcRoomSettingsStorePostgresTest: 20 skipped — PostgreSQL is not reachable"), report.lines());
    }

    @Test
    public void linesAreSortedByClassThenReasonAndReasonsStaySeparate() {
        final SkipReport report = new SkipReport();
        report.add("b.RoomPageBrowserTest", "chromium and chromium-driver are not installed", 3);
        report.add("a.SomeTest", "second reason", 1);
        report.add("a.SomeTest", "first reason", 2);
        report.add("c.SomeTest", "first reason", 1);
        assertEquals(List.of(
            "RoomPageBrowserTest: 3 skipped — chromium and chromium-driver are not installed",
            "SomeTest: 3 skipped — first reason",
            "SomeTest: 1 skipped — second reason"), report.lines());
    }

    @Test
    public void reasonsAreOneLineAndNeverEmpty() {
        final SkipReport report = new SkipReport();
        report.add("T", "  first line\n\tsecond   line \r\n", 1);
        report.add("U", "", 1);
        report.add("V", null, 2);
        report.add(null, "why", 1);
        assertEquals(List.of(
            "(unknown test class): 1 skipped — why",
            "T: 1 skipped — first line second line",
            "U: 1 skipped — no reason given",
            "V: 2 skipped — no reason given"), report.lines());
    }

    @Test
    public void anEmptyReportHasNoLines() {
        final SkipReport report = new SkipReport();
        assertTrue(report.isEmpty());
        assertEquals(List.of(), report.lines());
        report.add("T", "why", 1);
        assertFalse(report.isEmpty());
    }

    @Test
    public void reportsAddUp() {
        final SkipReport first = new SkipReport();
        first.add("a.T", "why", 2);
        final SkipReport second = new SkipReport();
        second.add("b.T", "why", 3);
        second.add("b.U", "other", 1);
        first.addAll(second);
        assertEquals(List.of("T: 5 skipped — why", "U: 1 skipped — other"), first.lines());
    }

    @Test
    public void countsMustBePositive() {
        try {
            new SkipReport().add("T", "why", 0);
            fail("a group of no tests");
        } catch (IllegalArgumentException expected) {
            // nothing to report
        }
    }

    @Test
    public void anAssumptionsReasonIsItsMessageWithoutJUnitsVerdict() {
        try {
            Assume.assumeTrue("PostgreSQL is not reachable: refused", false);
            fail("the assumption holds");
        } catch (AssumptionViolatedException e) {
            assertEquals("PostgreSQL is not reachable: refused", SkipReport.reasonOf(e));
        }
        try {
            Assume.assumeThat("chromium is not installed", false, CoreMatchers.is(true));
            fail("the assumption holds");
        } catch (AssumptionViolatedException e) {
            assertEquals("chromium is not installed: got: <false>, expected: is <true>", e.getMessage());
            assertEquals("chromium is not installed", SkipReport.reasonOf(e));
        }
        try {
            Assume.assumeTrue(false);
            fail("the assumption holds");
        } catch (AssumptionViolatedException e) {
            assertEquals("without a message the verdict is all there is", "got: <false>, expected: is <true>",
                SkipReport.reasonOf(e));
        }
        assertEquals("plain message", SkipReport.reasonOf(new IllegalStateException("plain message")));
        assertEquals("java.lang.IllegalStateException", SkipReport.reasonOf(new IllegalStateException()));
        assertEquals("no reason given", SkipReport.reasonOf(null));
    }
}
