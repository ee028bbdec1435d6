package net.mucaffiliationnotify.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.Test;

import net.mucaffiliationnotify.live.scansion.ScenarioParser;

/** The plan plays every scenario of the repository, each file parses, and the settings files get their state. */
public class LivePlanTest {
    private static final Path SCENARIOS = Path.of("src", "test", "scenarios");

    @Test
    public void everyScenarioOfTheRepositoryIsPlayedAndParses() throws Exception {
        final List<LivePlan.Run> runs = LivePlan.standard(SCENARIOS);
        final Set<Path> planned = runs.stream().map(LivePlan.Run::file).collect(Collectors.toCollection(TreeSet::new));
        final Set<Path> present;
        try (Stream<Path> files = Files.walk(SCENARIOS)) {
            present = files.filter(f -> f.toString().endsWith(".scs")).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals("a new .scs file needs its place in LivePlan", present, planned);
        for (LivePlan.Run run : runs) {
            assertNotNull(run.label(), ScenarioParser.parse(run.file()));
        }
        assertEquals(16 + 4 + 1 + 5 + 1 + 1, runs.size());
    }

    @Test
    public void settingsScenariosSetTheStateTheirHeadersAsk() throws IOException {
        for (LivePlan.Run run : LivePlan.standard(SCENARIOS)) {
            final boolean settings = run.label().startsWith("settings/");
            final boolean outside = run.label().startsWith("outside/");
            final boolean affected = run.label().startsWith("affected/");
            final boolean groups = run.label().startsWith("groups/");
            assertEquals(run.label(), settings || outside || affected || groups, run.before() != null);
            assertEquals(run.label(),
                settings || !run.label().startsWith("versioning/") && !outside && !affected && !groups, run.strict());
            if (run.label().startsWith("versioning/03")) {
                assertNotNull(run.during());
                assertTrue(Files.readString(run.file()).contains(LivePlan.CONSOLE_ROOM + "@"));
            } else if (outside) {
                assertNotNull(run.during());
                assertNotNull("XEP-0463 is switched back on", run.after());
                assertTrue(Files.readString(run.file()).contains(LivePlan.OUTSIDE_ROOM + "@"));
                assertTrue(Files.readString(run.file()).contains(LivePlan.VERSIONING_PROPERTY));
            } else if (groups) {
                assertNotNull(run.during());
                assertNotNull("the sweep's interval is put back", run.after());
                final String scenario = Files.readString(run.file());
                assertTrue(scenario.contains(LivePlan.GROUP_ROOM + "@"));
                assertTrue(scenario.contains("jid='" + LivePlan.GROUP_NEWCOMER + "@localhost'"));
            } else if (affected) {
                assertNull(run.during());
                assertNotNull("the setting is switched back off", run.after());
                assertTrue(Files.readString(run.file()).contains(LivePlan.AFFECTED_PROPERTY));
            } else {
                assertNull(run.label(), run.during());
            }
            assertEquals(run.label(), groups || outside || affected, run.after() != null);
            if (settings) {
                assertTrue(run.label(), Files.readString(run.file()).contains(LivePlan.LOBBY + "@conference"));
            }
        }
    }

    @Test
    public void extraScenariosArePlayedLenientlyWithoutSetUp() {
        final LivePlan.Run run = LivePlan.extra(Path.of("somewhere", "muc_affiliation_notify.scs"));
        assertEquals("muc_affiliation_notify.scs", run.label());
        assertFalse(run.strict());
        assertNull(run.before());
    }
}
