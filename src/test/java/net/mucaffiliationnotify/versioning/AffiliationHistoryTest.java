package net.mucaffiliationnotify.versioning;

import static net.mucaffiliationnotify.rules.MucAffiliation.admin;
import static net.mucaffiliationnotify.rules.MucAffiliation.member;
import static net.mucaffiliationnotify.rules.MucAffiliation.none;
import static net.mucaffiliationnotify.rules.MucAffiliation.outcast;
import static net.mucaffiliationnotify.rules.MucAffiliation.owner;
import static net.mucaffiliationnotify.versioning.Fixtures.LEGACY_MAV1;
import static net.mucaffiliationnotify.versioning.Fixtures.LEGACY_MAV2;
import static net.mucaffiliationnotify.versioning.Fixtures.ROOM;
import static net.mucaffiliationnotify.versioning.Fixtures.hasher;
import static net.mucaffiliationnotify.versioning.Fixtures.state;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.Test;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * {@link AffiliationHistory} (V2, V4, V9): it starts with no steps at the state's version, records one step
 * per real change, answers "what changed since V" for every version it still remembers (collapsing repeated
 * changes, cancelling round trips, sorted by JID) and {@code null} for any other, forgets the oldest versions
 * beyond {@code maxSteps}, and survives an encode/decode round trip for the clustered cache while rejecting
 * corrupt text without throwing. A history written before versions were HMACs keeps its state, steps and
 * contexts, with every version derived anew.
 */
public class AffiliationHistoryTest {
    private static final MucAffiliation[] AFFILIATIONS = MucAffiliation.values();
    private final VersionHasher hasher = hasher();

    private AffiliationHistory start(int maxSteps, Map<String, MucAffiliation> state) {
        return AffiliationHistory.start(ROOM, hasher, maxSteps, state);
    }

    private String versionOf(Map<String, MucAffiliation> state) {
        return hasher.of(ROOM, state).toString();
    }

    // --- start, apply, observe ----------------------------------------------------------------------

    @Test
    public void startHasNoStepsAndTheStatesVersion() {
        final Map<String, MucAffiliation> initial = state("b@x.org", member, "a@x.org", owner, "c@x.org", none);
        final AffiliationHistory history = start(10, initial);
        assertTrue(history.steps().isEmpty());
        assertEquals(versionOf(initial), history.version());
        assertEquals(state("a@x.org", owner, "b@x.org", member), history.state());
        assertEquals(List.of("a@x.org", "b@x.org"), new ArrayList<>(history.state().keySet()));
        assertEquals(owner, history.affiliationOf("a@x.org"));
        assertEquals(none, history.affiliationOf("c@x.org"));
        assertEquals(none, history.affiliationOf("nobody@x.org"));
    }

    @Test
    public void startCopiesItsInputAndExposesAReadOnlyState() {
        final Map<String, MucAffiliation> initial = state("a@x.org", owner);
        final AffiliationHistory history = start(10, initial);
        initial.put("b@x.org", member);
        assertEquals(state("a@x.org", owner), history.state());
        assertThrows(UnsupportedOperationException.class, () -> history.state().put("c@x.org", admin));
        assertThrows(UnsupportedOperationException.class, () -> history.steps().clear());
    }

    @Test
    public void startOfAnEmptyRoomIsTheEmptyVersion() {
        assertEquals(hasher.empty(ROOM).toString(), start(10, Map.of()).version());
    }

    @Test
    public void negativeMaxStepsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> start(-1, Map.of()));
    }

    @Test
    public void applyRecordsAStepFromTheOldVersionToTheNewStatesVersion() {
        final AffiliationHistory history = start(10, state("a@x.org", owner));
        final String v0 = history.version();

        final VersionStep added = history.apply("b@x.org", member);
        final String v1 = versionOf(state("a@x.org", owner, "b@x.org", member));
        assertEquals(new VersionStep(v0, v1, "b@x.org", none, member), added);
        assertEquals(v1, history.version());

        final VersionStep changed = history.apply("b@x.org", admin);
        final String v2 = versionOf(state("a@x.org", owner, "b@x.org", admin));
        assertEquals(new VersionStep(v1, v2, "b@x.org", member, admin), changed);

        final VersionStep removed = history.apply("a@x.org", none);
        final String v3 = versionOf(state("b@x.org", admin));
        assertEquals(new VersionStep(v2, v3, "a@x.org", owner, none), removed);
        assertEquals(v3, history.version());
        assertEquals(state("b@x.org", admin), history.state());
        assertEquals(List.of(added, changed, removed), history.steps());
    }

    @Test
    public void applyOfTheCurrentAffiliationIsANoOp() {
        final AffiliationHistory history = start(10, state("a@x.org", owner));
        final String v0 = history.version();
        assertNull(history.apply("a@x.org", owner));
        assertNull(history.apply("nobody@x.org", none));
        assertEquals(v0, history.version());
        assertTrue(history.steps().isEmpty());
        assertEquals(state("a@x.org", owner), history.state());
    }

    @Test
    public void removalDoesNotStoreNone() {
        final AffiliationHistory history = start(10, state("a@x.org", owner, "b@x.org", member));
        history.apply("b@x.org", none);
        assertEquals(List.of("a@x.org"), new ArrayList<>(history.state().keySet()));
    }

    @Test
    public void observeMakesOneStepPerDifferingJidInJidOrder() {
        final AffiliationHistory history = start(10, state("m@x.org", member, "c@x.org", admin, "x@x.org", outcast,
            "k@x.org", owner));
        final String v0 = history.version();
        final Map<String, MucAffiliation> now = state("z@x.org", member, "c@x.org", owner, "k@x.org", owner,
            "a@x.org", admin, "x@x.org", none, "q@x.org", none);
        final List<VersionStep> steps = history.observe(now);

        // k unchanged; m, missing from the input, reads as none.
        assertEquals(5, steps.size());
        assertEquals(List.of(
            new VersionStep(steps.get(0).since(), steps.get(0).until(), "a@x.org", none, admin),
            new VersionStep(steps.get(1).since(), steps.get(1).until(), "c@x.org", admin, owner),
            new VersionStep(steps.get(2).since(), steps.get(2).until(), "m@x.org", member, none),
            new VersionStep(steps.get(3).since(), steps.get(3).until(), "x@x.org", outcast, none),
            new VersionStep(steps.get(4).since(), steps.get(4).until(), "z@x.org", none, member)), steps);
        assertEquals(Fixtures.withoutNone(now), history.state());
        assertEquals(versionOf(now), history.version());
        assertEquals(steps, history.steps());

        String expected = v0;
        final Map<String, MucAffiliation> model = new HashMap<>(state("m@x.org", member, "c@x.org", admin,
            "x@x.org", outcast, "k@x.org", owner));
        for (VersionStep step : steps) {
            assertEquals(expected, step.since());
            model.put(step.jid(), step.after());
            assertEquals("each step lands on its state's version", versionOf(model), step.until());
            expected = step.until();
        }
        assertEquals(history.version(), expected);
    }

    @Test
    public void observeTreatsJidsMissingFromTheInputAsRemoved() {
        final AffiliationHistory history = start(10, state("a@x.org", owner, "m@x.org", member));
        final List<VersionStep> steps = history.observe(state("a@x.org", owner));
        assertEquals(1, steps.size());
        assertEquals(new VersionStep(versionOf(state("a@x.org", owner, "m@x.org", member)),
            versionOf(state("a@x.org", owner)), "m@x.org", member, none), steps.get(0));
    }

    @Test
    public void observeOfTheSameStateDoesNothing() {
        final Map<String, MucAffiliation> initial = state("a@x.org", owner, "b@x.org", member);
        final AffiliationHistory history = start(10, initial);
        final String v0 = history.version();
        assertTrue(history.observe(state("b@x.org", member, "a@x.org", owner, "c@x.org", none)).isEmpty());
        assertTrue(history.observe(initial).isEmpty());
        assertEquals(v0, history.version());
        assertTrue(history.steps().isEmpty());
    }

    @Test
    public void observeStepsTheGivenJidsFirstInTheirOrderThenTheRestInJidOrder() {
        final Map<String, MucAffiliation> initial = state("a@x.org", member, "m@x.org", member, "z@x.org", admin);
        final AffiliationHistory history = start(10, initial);
        final String v0 = history.version();
        final Map<String, MucAffiliation> now = state("a@x.org", owner, "b@x.org", member, "m@x.org", member,
            "y@x.org", outcast);
        final List<VersionStep> steps = history.observe(now, List.of("y@x.org", "m@x.org", "a@x.org", "y@x.org",
            "nobody@x.org"));
        // y and a as listed (m and nobody do not differ, the second y is done), then b and z in JID order.
        assertEquals(List.of("y@x.org", "a@x.org", "b@x.org", "z@x.org"), steps.stream().map(VersionStep::jid)
            .toList());
        assertEquals(admin, steps.get(3).before());
        assertEquals(none, steps.get(3).after());
        String expected = v0;
        for (VersionStep step : steps) {
            assertEquals(expected, step.since());
            expected = step.until();
        }
        assertEquals(history.version(), expected);
        assertEquals(versionOf(now), history.version());
        assertEquals(Fixtures.withoutNone(now), history.state());
        assertEquals(List.of(new Difference("a@x.org", member, owner), new Difference("b@x.org", none, member),
            new Difference("y@x.org", none, outcast), new Difference("z@x.org", admin, none)),
            history.changesSince(v0));
    }

    @Test
    public void observeWithNoJidsFirstIsPlainObserve() {
        final Map<String, MucAffiliation> initial = state("c@x.org", member, "a@x.org", admin);
        final Map<String, MucAffiliation> now = state("b@x.org", owner, "c@x.org", none, "d@x.org", member);
        final AffiliationHistory one = start(10, initial);
        final AffiliationHistory two = start(10, initial);
        assertEquals(one.observe(now), two.observe(now, List.of()));
        assertEquals(one.encode(), two.encode());
        assertTrue(one.observe(now, List.of("b@x.org")).isEmpty());
    }

    // --- changesSince ---------------------------------------------------------------------------------

    @Test
    public void changesSinceTheCurrentVersionAreEmpty() {
        final AffiliationHistory history = start(10, state("a@x.org", owner));
        assertEquals(List.of(), history.changesSince(history.version()));
        history.apply("b@x.org", member);
        assertEquals(List.of(), history.changesSince(history.version()));
    }

    @Test
    public void changesSinceAnOldVersionListAdditionsRemovalsAndChangesSortedByJid() {
        final AffiliationHistory history = start(10, state("a@x.org", owner, "m@x.org", member, "r@x.org", admin));
        final String v0 = history.version();
        history.apply("z@x.org", member);
        history.apply("m@x.org", none);
        history.apply("r@x.org", outcast);
        history.apply("b@x.org", admin);
        assertEquals(List.of(
            new Difference("b@x.org", none, admin),
            new Difference("m@x.org", member, none),
            new Difference("r@x.org", admin, outcast),
            new Difference("z@x.org", none, member)), history.changesSince(v0));
    }

    @Test
    public void changesSinceAVersionInTheMiddleOnlyListLaterChanges() {
        final AffiliationHistory history = start(10, state("a@x.org", owner));
        history.apply("b@x.org", member);
        final String v1 = history.version();
        history.apply("c@x.org", member);
        history.apply("a@x.org", admin);
        assertEquals(List.of(new Difference("a@x.org", owner, admin), new Difference("c@x.org", none, member)),
            history.changesSince(v1));
    }

    @Test
    public void aJidChangedSeveralTimesCollapsesToFirstBeforeAndLastAfter() {
        final AffiliationHistory history = start(10, state("a@x.org", member));
        final String v0 = history.version();
        history.apply("a@x.org", admin);
        history.apply("b@x.org", member);
        history.apply("a@x.org", owner);
        assertEquals(List.of(new Difference("a@x.org", member, owner), new Difference("b@x.org", none, member)),
            history.changesSince(v0));
    }

    @Test
    public void aRoundTripOfOneJidIsNoDifference() {
        final AffiliationHistory history = start(10, state("a@x.org", member));
        final String v0 = history.version();
        history.apply("a@x.org", admin);
        final String v1 = history.version();
        history.apply("b@x.org", member);
        history.apply("a@x.org", member);
        assertEquals(List.of(new Difference("b@x.org", none, member)), history.changesSince(v0));
        assertEquals(List.of(new Difference("a@x.org", admin, member), new Difference("b@x.org", none, member)),
            history.changesSince(v1));
        // Back to the very state of v0: same version, nothing to send.
        history.apply("b@x.org", none);
        assertEquals(v0, history.version());
        assertEquals(List.of(), history.changesSince(v0));
        assertEquals(List.of(new Difference("a@x.org", admin, member)), history.changesSince(v1));
    }

    @Test
    public void addThenRemoveIsNoDifference() {
        final AffiliationHistory history = start(10, state("a@x.org", owner));
        history.apply("c@x.org", member);
        final String v1 = history.version();
        history.apply("b@x.org", admin);
        history.apply("b@x.org", none);
        assertEquals(v1, history.version());
        assertEquals(List.of(), history.changesSince(v1));
    }

    @Test
    public void unknownOrNullVersionsHaveNoChanges() {
        final AffiliationHistory history = start(10, state("a@x.org", owner));
        history.apply("b@x.org", member);
        assertNull(history.changesSince(null));
        assertNull(history.changesSince("garbage"));
        assertNull(history.changesSince(""));
        assertNull(history.changesSince(versionOf(state("a@x.org", admin))));
        assertNull(history.changesSince(hasher("other").of(ROOM, state("a@x.org", owner)).toString()));
        assertNull(history.changesSince(hasher.of("other@conference.example.org", state("a@x.org", owner))
            .toString()));
    }

    @Test
    public void aVersionBeforeTheHistoryStartedIsUnknown() {
        final AffiliationHistory history = start(10, state("a@x.org", owner, "b@x.org", member));
        // The room had {a: owner} before the plugin saw it; nothing records that.
        assertNull(history.changesSince(versionOf(state("a@x.org", owner))));
    }

    @Test
    public void historyIsBoundedToMaxSteps() {
        final AffiliationHistory history = start(3, Map.of());
        final List<String> versions = new ArrayList<>();
        versions.add(history.version());
        for (int i = 1; i <= 5; i++) {
            history.apply("u" + i + "@x.org", member);
            versions.add(history.version());
        }
        assertEquals(3, history.steps().size());
        assertEquals(versions.get(2), history.steps().get(0).since());
        assertNull(history.changesSince(versions.get(0)));
        assertNull(history.changesSince(versions.get(1)));
        assertEquals(List.of(new Difference("u3@x.org", none, member), new Difference("u4@x.org", none, member),
            new Difference("u5@x.org", none, member)), history.changesSince(versions.get(2)));
        assertEquals(List.of(new Difference("u4@x.org", none, member), new Difference("u5@x.org", none, member)),
            history.changesSince(versions.get(3)));
        assertEquals(List.of(new Difference("u5@x.org", none, member)), history.changesSince(versions.get(4)));
        assertEquals(List.of(), history.changesSince(versions.get(5)));
        assertNull(history.affiliationAt(versions.get(1), "u1@x.org"));
        assertEquals(none, history.affiliationAt(versions.get(2), "u3@x.org"));
    }

    @Test
    public void boundedHistoryKeepsRecentVersionsOverManySteps() {
        final int maxSteps = 50;
        final AffiliationHistory history = start(maxSteps, Map.of());
        final List<String> versions = new ArrayList<>();
        versions.add(history.version());
        for (int i = 0; i < 1_000; i++) {
            history.apply("u" + i + "@x.org", i % 2 == 0 ? member : admin);
            versions.add(history.version());
            assertTrue(history.steps().size() <= maxSteps);
        }
        assertEquals(maxSteps, history.steps().size());
        final int oldestKnown = versions.size() - 1 - maxSteps;
        for (int i = 0; i < versions.size(); i++) {
            final List<Difference> changes = history.changesSince(versions.get(i));
            if (i < oldestKnown) {
                assertNull("version " + i, changes);
            } else {
                assertNotNull("version " + i, changes);
                assertEquals("version " + i, versions.size() - 1 - i, changes.size());
            }
        }
    }

    @Test
    public void maxStepsZeroRemembersOnlyTheCurrentVersion() {
        final AffiliationHistory history = start(0, state("a@x.org", owner));
        final String v0 = history.version();
        final VersionStep step = history.apply("b@x.org", member);
        assertNotNull(step);
        assertEquals(v0, step.since());
        assertTrue(history.steps().isEmpty());
        assertNull(history.changesSince(v0));
        assertEquals(List.of(), history.changesSince(history.version()));
        assertEquals(versionOf(state("a@x.org", owner, "b@x.org", member)), history.version());
        assertEquals(member, history.affiliationAt(history.version(), "b@x.org"));
        assertNull(history.affiliationAt(v0, "b@x.org"));
    }

    // --- affiliationAt --------------------------------------------------------------------------------

    @Test
    public void affiliationAtCurrentOldAndUnknownVersions() {
        final AffiliationHistory history = start(10, state("a@x.org", owner, "b@x.org", member));
        final String v0 = history.version();
        history.apply("b@x.org", admin);
        final String v1 = history.version();
        history.apply("b@x.org", outcast);
        history.apply("c@x.org", member);
        history.apply("a@x.org", none);
        final String now = history.version();

        assertEquals(none, history.affiliationAt(now, "a@x.org"));
        assertEquals(outcast, history.affiliationAt(now, "b@x.org"));
        assertEquals(member, history.affiliationAt(now, "c@x.org"));

        assertEquals(owner, history.affiliationAt(v0, "a@x.org"));
        assertEquals(member, history.affiliationAt(v0, "b@x.org"));
        assertEquals(none, history.affiliationAt(v0, "c@x.org"));
        assertEquals(none, history.affiliationAt(v0, "nobody@x.org"));

        assertEquals(owner, history.affiliationAt(v1, "a@x.org"));
        assertEquals(admin, history.affiliationAt(v1, "b@x.org"));
        assertEquals(none, history.affiliationAt(v1, "c@x.org"));

        assertNull(history.affiliationAt(null, "a@x.org"));
        assertNull(history.affiliationAt("garbage", "a@x.org"));
        assertNull(history.affiliationAt(versionOf(state("z@x.org", owner)), "a@x.org"));
    }

    @Test
    public void affiliationAtAgreesWithRecordedSnapshots() {
        final Random random = new Random(21);
        for (int round = 0; round < 30; round++) {
            final int maxSteps = 1 + random.nextInt(20);
            final AffiliationHistory history = start(maxSteps, Map.of());
            final List<String> versions = new ArrayList<>();
            final List<Map<String, MucAffiliation>> snapshots = new ArrayList<>();
            final Map<String, MucAffiliation> model = new TreeMap<>();
            versions.add(history.version());
            snapshots.add(new TreeMap<>(model));
            for (int i = 0; i < 60; i++) {
                final String jid = "u" + random.nextInt(8) + "@x.org";
                final MucAffiliation after = AFFILIATIONS[random.nextInt(AFFILIATIONS.length)];
                if (history.apply(jid, after) != null) {
                    model.put(jid, after);
                    model.values().remove(none);
                    versions.add(history.version());
                    snapshots.add(new TreeMap<>(model));
                }
            }
            final int oldestKnown = Math.max(0, versions.size() - 1 - maxSteps);
            for (int v = oldestKnown; v < versions.size(); v++) {
                for (int u = 0; u < 8; u++) {
                    final String jid = "u" + u + "@x.org";
                    assertEquals(snapshots.get(v).getOrDefault(jid, none),
                        history.affiliationAt(versions.get(v), jid));
                }
            }
        }
    }

    // --- encode/decode --------------------------------------------------------------------------------

    private AffiliationHistory busyHistory(int maxSteps) {
        final AffiliationHistory history = start(maxSteps, state("a@x.org", owner, "b@x.org", member,
            "c@x.org", outcast));
        history.apply("d@x.org", admin);
        history.apply("b@x.org", none);
        history.apply("c@x.org", member);
        history.apply("ünï@x.org", member);
        return history;
    }

    @Test
    public void encodeDecodeRoundTrips() {
        final AffiliationHistory original = busyHistory(10);
        final AffiliationHistory decoded = AffiliationHistory.decode(ROOM, hasher, 10, original.encode());
        assertNotNull(decoded);
        assertEquals(original.state(), decoded.state());
        assertEquals(original.steps(), decoded.steps());
        assertEquals(original.version(), decoded.version());
        assertEquals(original.encode(), decoded.encode());
        assertEquals(original.changesSince(original.steps().get(0).since()),
            decoded.changesSince(original.steps().get(0).since()));
    }

    @Test
    public void anEmptyHistoryRoundTrips() {
        final AffiliationHistory original = start(10, Map.of());
        final AffiliationHistory decoded = AffiliationHistory.decode(ROOM, hasher, 10, original.encode());
        assertNotNull(decoded);
        assertEquals(original.version(), decoded.version());
        assertTrue(decoded.state().isEmpty());
        assertTrue(decoded.steps().isEmpty());
    }

    @Test
    public void aDecodedHistoryContinuesLikeTheOriginal() {
        final AffiliationHistory original = busyHistory(5);
        final AffiliationHistory decoded = AffiliationHistory.decode(ROOM, hasher, 5, original.encode());
        assertNotNull(decoded);
        final String before = original.version();
        assertEquals(original.apply("e@x.org", member), decoded.apply("e@x.org", member));
        assertEquals(original.apply("a@x.org", admin), decoded.apply("a@x.org", admin));
        assertEquals(original.version(), decoded.version());
        assertEquals(versionOf(decoded.state()), decoded.version());
        assertEquals(original.steps(), decoded.steps());
        assertEquals(original.changesSince(before), decoded.changesSince(before));
        assertEquals(2, decoded.changesSince(before).size());
    }

    @Test
    public void decodeTrimsToASmallerMaxSteps() {
        final AffiliationHistory original = busyHistory(10);
        final List<VersionStep> steps = original.steps();
        final AffiliationHistory decoded = AffiliationHistory.decode(ROOM, hasher, 2, original.encode());
        assertNotNull(decoded);
        assertEquals(steps.subList(steps.size() - 2, steps.size()), decoded.steps());
        assertNull(decoded.changesSince(steps.get(0).since()));
        assertNotNull(decoded.changesSince(steps.get(steps.size() - 2).since()));
        decoded.apply("z@x.org", member);
        assertEquals(2, decoded.steps().size());
    }

    @Test
    public void decodeRejectsGarbageWithoutThrowing() {
        final String valid = busyHistory(10).encode();
        final String version = busyHistory(10).version();
        final String[] corrupt = {
            null,
            "",
            "\n",
            "garbage",
            "mav2\t" + version + "\n",
            "MAV1\t" + version + "\n",
            "mav1\n",
            "mav1\t\n",
            "mav1\tnot-a-version\n",
            "mav1\t" + version + "\textra\n",
            "mav1\t" + version + "\nX\ta@x.org\towner\n",
            "mav1\t" + version + "\nS\ta@x.org\tking\n",
            "mav1\t" + version + "\nS\ta@x.org\n",
            "mav1\t" + version + "\nS\ta@x.org\towner\textra\n",
            "mav1\t" + version + "\nH\t" + version + "\t" + version + "\ta@x.org\towner\n",
            "mav1\t" + version + "\nH\t" + version + "\t" + version + "\ta@x.org\towner\tking\n",
            "mav1\t" + version + "\n\n",
            valid.replace("mav3", "mav0"),
            "mav3\t" + version + "\n",
            "mav3\t" + version + "\tmany\n",
            "mav3\t" + version + "\t-1\n",
            "mav3\t" + version + "\t0\nC\t1\t1\t1\n",
            "mav3\t" + version + "\t0\nC\t0\t2\t1\n",
            "mav2\t" + version + "\tmany\n",
            "mav2\t" + version + "\t-1\n",
            "mav2\t" + version + "\t0\nC\t0\t2\t1\n",
            "mav2\t" + version + "\t0\nC\t0\t1\n",
            "mav2\t" + version + "\t0\nC\t1\t1\t1\n",
            "mav2\t" + version + "\t0\nC\tx\t1\t1\n",
            "mav2\t" + version + "\t0\nC\t0\t1\t1\ta@x.org\ta@x.org\n",
            "mav1\t" + version + "\nC\t0\t1\t1\n",
            valid.replace("owner", "Owner"),
            valid + "trailing garbage\n",
            "S\ta@x.org\towner\n" + valid,
        };
        for (String text : corrupt) {
            assertNull(String.valueOf(text), AffiliationHistory.decode(ROOM, hasher, 10, text));
        }
    }

    @Test
    public void decodeNeverThrowsOnMutatedText() {
        final String valid = busyHistory(10).encode();
        final Random random = new Random(22);
        final String alphabet = "\t\nSHmav1@x.orgownermemberadminoutcastnone-_AQgw";
        for (int round = 0; round < 5_000; round++) {
            final StringBuilder text = new StringBuilder(valid);
            for (int edits = 1 + random.nextInt(4); edits > 0 && text.length() > 0; edits--) {
                final int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            final AffiliationHistory decoded = AffiliationHistory.decode(ROOM, hasher, 10, text.toString());
            if (decoded != null) {
                // Whatever decode accepts must still be usable.
                decoded.version();
                decoded.encode();
                decoded.changesSince(decoded.version());
            }
        }
    }

    @Test
    public void decodeRejectsStateLinesNoHistoryHasAndRederivesTextOfAnotherSecret() {
        final String valid = busyHistory(10).encode();
        final String withNone = valid.replace("S\ta@x.org\towner\n", "S\ta@x.org\towner\nS\tb@x.org\tnone\n");
        assertNotEquals(valid, withNone);
        assertNull("none is never stored", AffiliationHistory.decode(ROOM, hasher, 10, withNone));
        final String twice = valid.replace("S\ta@x.org\towner\n", "S\ta@x.org\towner\nS\ta@x.org\tmember\n");
        assertNotEquals(valid, twice);
        assertNull("one JID, two affiliations", AffiliationHistory.decode(ROOM, hasher, 10, twice));
        // Versions that do not verify with this node's secret (another node's, during a rolling restart after the
        // secret changed) are derived anew; the state and steps, what was announced, are kept: 1.3.0 dropped
        // the history, and the change a node then stepped was announced by none.
        final AffiliationHistory original = AffiliationHistory.decode(ROOM, hasher, 10, valid);
        final VersionHasher other = hasher("another secret");
        final AffiliationHistory rekeyed = AffiliationHistory.decode(ROOM, other, 10, valid);
        assertNotNull("another secret's history is carried over", rekeyed);
        assertEquals(original.state(), rekeyed.state());
        assertEquals(describe(original.steps()), describe(rekeyed.steps()));
        assertEquals(other.of(ROOM, original.state()).toString(), rekeyed.version());
        assertNotEquals(original.version(), rekeyed.version());
        assertEquals("no version of the other secret is known", null,
            rekeyed.changesSince(original.steps().get(0).since()));
    }

    @Test
    public void decodeRejectsStepsThatDoNotLeadToItsVersion() {
        final AffiliationHistory original = busyHistory(10);
        final String valid = original.encode();
        final VersionStep middle = original.steps().get(1);
        final String line = "H\t" + middle.since() + "\t" + middle.until() + "\t" + middle.jid() + "\t"
            + middle.before().name() + "\t" + middle.after().name() + "\n";
        assertTrue(valid.contains(line));
        assertNull("a lost step", AffiliationHistory.decode(ROOM, hasher, 10, valid.replace(line, "")));
        // A step whose versions do not verify is carried over with its versions derived anew (the text may be
        // another secret's): a client holding one of the text's versions after it gets the full list.
        final AffiliationHistory edited = AffiliationHistory.decode(ROOM, hasher, 10,
            valid.replace(line, line.replace("\t" + middle.jid() + "\t", "\tz@x.org\t")));
        if (edited != null) {
            assertEquals(null, edited.changesSince(middle.since()));
        }
        assertNull("a step whose since is no version", AffiliationHistory.decode(ROOM, hasher, 10,
            valid.replace(line, line.replace(middle.since(), "not-a-version"))));
        assertNotNull(AffiliationHistory.decode(ROOM, hasher, 10, valid));
    }

    @Test
    public void encodedTextIsTabSeparatedLines() {
        final AffiliationHistory history = start(10, state("b@x.org", member, "a@x.org", owner));
        final String v0 = history.version();
        history.apply("c@x.org", admin);
        final String[] lines = history.encode().split("\n");
        assertEquals(5, lines.length);
        assertEquals("mav3\t" + history.version() + "\t1", lines[0]);
        assertEquals("S\ta@x.org\towner", lines[1]);
        assertEquals("S\tb@x.org\tmember", lines[2]);
        assertEquals("S\tc@x.org\tadmin", lines[3]);
        assertEquals("H\t" + v0 + "\t" + history.version() + "\tc@x.org\tnone\tadmin", lines[4]);
        assertTrue(history.encode().endsWith("\n"));
    }

    // --- random model check ---------------------------------------------------------------------------

    @Test
    public void changesSinceAgreesWithAModelOnRandomHistories() {
        final Random random = new Random(23);
        for (int round = 0; round < 200; round++) {
            final int maxSteps = random.nextInt(15);
            final Map<String, MucAffiliation> initial = new HashMap<>();
            for (int u = 0; u < 10; u++) {
                if (random.nextBoolean()) {
                    initial.put("u" + u + "@x.org", AFFILIATIONS[random.nextInt(AFFILIATIONS.length)]);
                }
            }
            final AffiliationHistory history = start(maxSteps, initial);
            final List<String> versions = new ArrayList<>();
            final List<Map<String, MucAffiliation>> snapshots = new ArrayList<>();
            versions.add(history.version());
            snapshots.add(Fixtures.withoutNone(initial));
            for (int i = 0, n = random.nextInt(40); i < n; i++) {
                if (random.nextInt(5) == 0) {
                    final Map<String, MucAffiliation> next = new HashMap<>(history.state());
                    for (int u = 0; u < 10; u++) {
                        if (random.nextInt(4) == 0) {
                            next.put("u" + u + "@x.org", AFFILIATIONS[random.nextInt(AFFILIATIONS.length)]);
                        }
                    }
                    for (VersionStep step : history.observe(next)) {
                        final Map<String, MucAffiliation> snapshot = new TreeMap<>(snapshots.get(snapshots.size() - 1));
                        snapshot.put(step.jid(), step.after());
                        versions.add(step.until());
                        snapshots.add(Fixtures.withoutNone(snapshot));
                    }
                    assertEquals(Fixtures.withoutNone(next), history.state());
                } else if (history.apply("u" + random.nextInt(10) + "@x.org",
                    AFFILIATIONS[random.nextInt(AFFILIATIONS.length)]) != null) {
                    versions.add(history.version());
                    snapshots.add(new TreeMap<>(history.state()));
                }
                assertEquals(versionOf(history.state()), history.version());
            }
            final int last = versions.size() - 1;
            final List<String> remembered = versions.subList(Math.max(0, last - maxSteps), versions.size());
            for (int v = 0; v < versions.size(); v++) {
                final List<Difference> changes = history.changesSince(versions.get(v));
                if (!remembered.contains(versions.get(v))) {
                    assertNull("round " + round + " version " + v, changes);
                    continue;
                }
                assertNotNull("round " + round + " version " + v, changes);
                final Map<String, MucAffiliation> old = snapshots.get(v);
                final TreeMap<String, MucAffiliation> rebuilt = new TreeMap<>(old);
                String previous = "";
                for (Difference change : changes) {
                    assertTrue("sorted, distinct", change.jid().compareTo(previous) > 0);
                    previous = change.jid();
                    assertEquals(old.getOrDefault(change.jid(), none), change.before());
                    assertEquals(history.affiliationOf(change.jid()), change.after());
                    assertNotEquals(change.before(), change.after());
                    rebuilt.put(change.jid(), change.after());
                }
                assertEquals("round " + round + " version " + v, history.state(), Fixtures.withoutNone(rebuilt));
            }
        }
    }

    // --- who could read the lists while each version was current (XEP-0463, Security Considerations) ------

    private static final ListContext SEMI = new ListContext(false, false, java.util.Set.of());
    private static final ListContext OPEN = new ListContext(false, true, java.util.Set.of());

    @Test
    public void accessAtAVersionIsJudgedWithTheContextsNotedWhileItWasCurrent() {
        final AffiliationHistory history = AffiliationHistory.start(ROOM, hasher, 10, state("a@x.org", owner), SEMI);
        final String v0 = history.version();
        history.apply("b@x.org", member);
        final String v1 = history.version();
        history.noteContext(OPEN);
        history.apply("c@x.org", member);
        assertEquals(ListAccess.FORBIDDEN, history.accessAt(v0, "j@x.org"));
        assertEquals("readable once the room opened, while v1 was still current", ListAccess.LIST_WITHOUT_OUTCASTS,
            history.accessAt(v1, "j@x.org"));
        assertEquals(ListAccess.LIST, history.accessAt(v0, "a@x.org"));
        assertEquals(ListAccess.LIST_WITHOUT_OUTCASTS, history.accessAt(history.version(), "j@x.org"));
        assertNull("a version the history never had", history.accessAt("AAAAAAAAAAAAAAAAAAAAAA", "j@x.org"));
        assertNull(history.accessAt(null, "j@x.org"));
    }

    @Test
    public void aSysadminOfThenReadsEverythingThen() {
        final AffiliationHistory history = AffiliationHistory.start(ROOM, hasher, 10, state("a@x.org", owner),
            new ListContext(true, false, java.util.Set.of("j@x.org")));
        final String v0 = history.version();
        history.noteContext(new ListContext(true, false, java.util.Set.of()));
        history.apply("b@x.org", member);
        assertEquals(ListAccess.LIST, history.accessAt(v0, "j@x.org"));
        assertEquals(ListAccess.NOTHING, history.accessAt(history.version(), "j@x.org"));
        // A version is judged by every context of its time: one sysadmin then is enough.
        history.noteContext(new ListContext(true, false, java.util.Set.of("j@x.org")));
        assertEquals(ListAccess.LIST, history.accessAt(history.version(), "j@x.org"));
    }

    @Test
    public void contextsSurviveTheClusteredCacheAndOnlyThoseKeptVersionsNeedAreKept() {
        final AffiliationHistory history = AffiliationHistory.start(ROOM, hasher, 2, state("a@x.org", owner), SEMI);
        history.apply("b@x.org", member);
        history.noteContext(new ListContext(true, true, java.util.Set.of("s@x.org", "t@x.org")));
        history.apply("c@x.org", member);
        history.noteContext(OPEN);
        history.apply("d@x.org", member);
        // Versions 1 to 3 are kept; version 1 began under the first context, so it stays.
        final String oldest = history.steps().get(0).since();
        String text = history.encode();
        assertTrue(text, text.contains("C\t0\t0\t0\n"));
        assertTrue(text, text.contains("C\t1\t1\t1\ts@x.org\tt@x.org\n"));
        final AffiliationHistory decoded = AffiliationHistory.decode(ROOM, hasher, 2, text);
        assertEquals(text, decoded.encode());
        assertEquals(ListAccess.LIST, decoded.accessAt(oldest, "s@x.org"));
        assertEquals(ListAccess.FORBIDDEN, decoded.accessAt(oldest, "j@x.org"));
        assertEquals(history.version(), AffiliationHistory.versionOf(text));

        history.apply("e@x.org", member);
        text = history.encode();
        assertTrue("no kept version began under the first context: " + text, !text.contains("C\t0\t"));
        assertTrue(text, text.contains("C\t1\t1\t1\ts@x.org\tt@x.org\nC\t2\t0\t1\n"));
    }

    /** A history in 1.1.0's format (a rolling upgrade): decoded, with no context, so no diff is judged from it. */
    @Test
    public void historiesOfTheFormerFormatDecodeWithoutContexts() {
        final AffiliationHistory history = start(10, state("a@x.org", owner));
        final String v0 = history.version();
        history.apply("b@x.org", member);
        final String old = history.encode().replaceFirst("^mav3\t([^\t]+)\t1\n", "mav1\t$1\n");
        assertTrue(old, old.startsWith("mav1\t" + history.version() + "\n"));
        final AffiliationHistory decoded = AffiliationHistory.decode(ROOM, hasher, 10, old);
        // Its versions are derived anew from its state, which here gives the ones it holds.
        assertEquals(history.version(), decoded.version());
        assertEquals(1, decoded.changesSince(v0).size());
        assertNull(decoded.accessAt(v0, "a@x.org"));
        assertNull("the header of an older format holds no version of now", AffiliationHistory.versionOf(old));
    }

    // --- histories written before versions were HMACs (1.1.0: mav1, 1.2.0: mav2) ---------------------------

    /** @return the version strings a text holds: its header's, then each step's since and until */
    private static List<String> storedVersions(String text) {
        final List<String> result = new ArrayList<>();
        for (String line : text.split("\n")) {
            final String[] fields = line.split("\t");
            if (fields[0].startsWith("mav")) {
                result.add(fields[1]);
            } else if (fields[0].equals("H")) {
                result.add(fields[1]);
                result.add(fields[2]);
            }
        }
        return result;
    }

    private static List<String> describe(List<VersionStep> steps) {
        final List<String> result = new ArrayList<>();
        for (VersionStep step : steps) {
            result.add(step.jid() + " " + step.before() + ">" + step.after());
        }
        return result;
    }

    /**
     * Asserts the versions are those of the HMAC hasher: the current one the state's, and each step's since
     * the version of the state with that step and the later ones undone (by {@code of}, not by steps).
     */
    private void assertDerivedFromTheState(AffiliationHistory history) {
        assertEquals(versionOf(history.state()), history.version());
        final Map<String, MucAffiliation> at = new TreeMap<>(history.state());
        String until = history.version();
        final List<VersionStep> steps = history.steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            final VersionStep step = steps.get(i);
            assertEquals("until of step " + i, until, step.until());
            assertEquals("step " + i + " starts from the state it changed", step.after(),
                at.getOrDefault(step.jid(), none));
            at.put(step.jid(), step.before());
            assertEquals("since of step " + i, versionOf(at), step.since());
            until = step.since();
        }
    }

    /** Every version string of the old text is unknown now: a client holding one gets the full list. */
    private static void assertOldVersionsUnknown(String text, AffiliationHistory history) {
        final List<String> old = storedVersions(text);
        assertTrue(old.toString(), old.size() > 2);
        for (String version : old) {
            assertNotEquals(version, history.version());
            assertNull(version, history.changesSince(version));
            assertNull(version, history.affiliationAt(version, "a@x.org"));
            assertNull(version, history.accessAt(version, "a@x.org"));
            for (VersionStep step : history.steps()) {
                assertNotEquals(version, step.since());
                assertNotEquals(version, step.until());
            }
        }
    }

    @Test
    public void aMav2HistoryKeepsItsStateStepsAndContextsWithEveryVersionDerivedAnew() {
        final AffiliationHistory decoded = AffiliationHistory.decode(ROOM, hasher, 10, LEGACY_MAV2);
        assertNotNull("a history of the former hash is carried over, not thrown away", decoded);
        assertEquals(state("a@x.org", owner, "b@x.org", admin, "c@x.org", admin, "e@x.org", outcast,
            "\u00fcn\u00ef@x.org", member), decoded.state());
        assertEquals(List.of("o@x.org outcast>none", "\u00fcn\u00ef@x.org none>member", "d@x.org member>none",
            "e@x.org none>outcast"), describe(decoded.steps()));
        assertDerivedFromTheState(decoded);
        assertOldVersionsUnknown(LEGACY_MAV2, decoded);
        assertNull("its version is no longer one", AffiliationHistory.versionOf(LEGACY_MAV2));

        // Written back in the current format: the same applied count and contexts; the chain verifies.
        final String text = decoded.encode();
        assertTrue(text, text.startsWith("mav3\t" + decoded.version() + "\t6\n"));
        assertTrue(text, text.endsWith("\nC\t1\t0\t1\ts@x.org\nC\t3\t1\t1\n"));
        assertEquals(decoded.version(), AffiliationHistory.versionOf(text));
        final AffiliationHistory again = AffiliationHistory.decode(ROOM, hasher, 10, text);
        assertNotNull(again);
        assertEquals(text, again.encode());
        assertEquals(decoded.steps(), again.steps());
        assertNotEquals("the new text is checked against the hasher: another secret derives its own versions",
            decoded.version(), AffiliationHistory.decode(ROOM, hasher("another secret"), 10, text).version());

        // The contexts still judge the versions at the same positions: s@ was a sysadmin of the oldest's time.
        final String oldest = decoded.steps().get(0).since();
        assertEquals(ListAccess.LIST, decoded.accessAt(oldest, "s@x.org"));
        assertEquals(ListAccess.LIST_WITHOUT_OUTCASTS, decoded.accessAt(oldest, "j@x.org"));
        assertEquals(List.of(new Difference("d@x.org", member, none), new Difference("e@x.org", none, outcast),
                new Difference("o@x.org", outcast, none), new Difference("\u00fcn\u00ef@x.org", none, member)),
            decoded.changesSince(oldest));

        // And it goes on from there.
        final VersionStep next = decoded.apply("f@x.org", member);
        assertEquals(again.version(), next.since());
        assertEquals(versionOf(decoded.state()), next.until());
    }

    @Test
    public void aMav1HistoryKeepsItsStateAndStepsWithEveryVersionDerivedAnew() {
        final AffiliationHistory decoded = AffiliationHistory.decode(ROOM, hasher, 10, LEGACY_MAV1);
        assertNotNull(decoded);
        assertEquals(state("a@x.org", owner, "c@x.org", owner, "o@x.org", member), decoded.state());
        assertEquals(List.of("b@x.org member>none", "o@x.org outcast>member", "c@x.org admin>owner"),
            describe(decoded.steps()));
        assertDerivedFromTheState(decoded);
        assertOldVersionsUnknown(LEGACY_MAV1, decoded);
        assertNull(AffiliationHistory.versionOf(LEGACY_MAV1));
        // 1.1.0 counted no steps (the kept ones stand for all) and noted no context.
        final String text = decoded.encode();
        assertEquals("mav3\t" + decoded.version() + "\t3\n", text.substring(0, text.indexOf('\n') + 1));
        assertTrue(text, !text.contains("\nC\t"));
        assertNull(decoded.accessAt(decoded.steps().get(0).since(), "a@x.org"));
        final AffiliationHistory again = AffiliationHistory.decode(ROOM, hasher, 10, text);
        assertNotNull(again);
        assertEquals(text, again.encode());
    }

    @Test
    public void anOldHistoryTrimmedToASmallerMaxStepsKeepsTheLastStepsDerivedTheSame() {
        final List<VersionStep> all = AffiliationHistory.decode(ROOM, hasher, 10, LEGACY_MAV2).steps();
        final AffiliationHistory trimmed = AffiliationHistory.decode(ROOM, hasher, 2, LEGACY_MAV2);
        assertNotNull(trimmed);
        assertEquals(all.subList(2, 4), trimmed.steps());
        assertDerivedFromTheState(trimmed);
    }

    @Test
    public void anOldHistoryIsStillCheckedInItsOwnTerms() {
        final String lostStep = LEGACY_MAV2.replace(
            "H\tfDFFm2PlVRJGZJ_NV0G7tA\tQKBNCWybYyD6Ctx6fIgdYA\t\u00fcn\u00ef@x.org\tnone\tmember\n", "");
        final String[] corrupt = {
            LEGACY_MAV2.replace("S\tc@x.org\tadmin\n", "S\tc@x.org\tadmin\nS\tc@x.org\tmember\n"),
            LEGACY_MAV2.replace("S\tc@x.org\tadmin\n", "S\tc@x.org\tadmin\nS\tz@x.org\tnone\n"),
            LEGACY_MAV2.replace("S\te@x.org\toutcast\n", "S\te@x.org\tmember\n"), // the last step's after
            LEGACY_MAV2.replace("\te@x.org\tnone\toutcast\n", "\te@x.org\toutcast\toutcast\n"),
            LEGACY_MAV2.replace("\td@x.org\tmember\tnone\n", "\td@x.org\towner\tking\n"),
            lostStep, // its JIDs still agree with the state; its versions no longer link
            LEGACY_MAV2.replace("H\tQKBNCWybYyD6Ctx6fIgdYA\t", "H\tnot-a-version\t"),
            LEGACY_MAV2.replace("mav2\ts7c2aYh5-HTM6zXD1Kb5XQ", "mav2\tAAAAAAAAAAAAAAAAAAAAAA"),
            LEGACY_MAV2.replace("mav2\ts7c2aYh5-HTM6zXD1Kb5XQ\t6", "mav2\ts7c2aYh5-HTM6zXD1Kb5XQ\t3"),
            LEGACY_MAV2.replace("mav2\ts7c2aYh5-HTM6zXD1Kb5XQ\t6", "mav2\ts7c2aYh5-HTM6zXD1Kb5XQ"),
            LEGACY_MAV2.replace("C\t3\t1\t1\n", "C\t7\t1\t1\n"),
            LEGACY_MAV2.replace("C\t3\t1\t1\n", "C\t0\t1\t1\n"),
            LEGACY_MAV2 + "X\n",
            // Consecutive steps of one JID that do not follow each other: o@ member>none, then outcast>member.
            LEGACY_MAV1.replace("\tb@x.org\tmember\tnone\n", "\to@x.org\tmember\tnone\n"),
            LEGACY_MAV1 + "C\t0\t1\t1\n",
            LEGACY_MAV1.replace("mav1\tM3LcJZQeCnrIZuFNVkRrOQ", "mav1\tM3LcJZQeCnrIZuFNVkRrOQ\t3"),
        };
        for (String text : corrupt) {
            assertNotEquals("the fixture was edited", LEGACY_MAV2, text);
            assertNotEquals("the fixture was edited", LEGACY_MAV1, text);
            assertNull(text, AffiliationHistory.decode(ROOM, hasher, 10, text));
        }
        assertNotNull(AffiliationHistory.decode(ROOM, hasher, 10, LEGACY_MAV2));
        assertNotNull(AffiliationHistory.decode(ROOM, hasher, 10, LEGACY_MAV1));
    }
}
