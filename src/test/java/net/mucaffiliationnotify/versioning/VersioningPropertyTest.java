package net.mucaffiliationnotify.versioning;

import static net.mucaffiliationnotify.rules.MucAffiliation.none;
import static net.mucaffiliationnotify.rules.MucAffiliation.outcast;
import static net.mucaffiliationnotify.versioning.Fixtures.JOINER;
import static net.mucaffiliationnotify.versioning.Fixtures.ROOM;
import static net.mucaffiliationnotify.versioning.Fixtures.ROOM_JID;
import static net.mucaffiliationnotify.versioning.Fixtures.assertChained;
import static net.mucaffiliationnotify.versioning.Fixtures.clientApplies;
import static net.mucaffiliationnotify.versioning.Fixtures.hasher;
import static net.mucaffiliationnotify.versioning.Fixtures.itemCount;
import static net.mucaffiliationnotify.versioning.Fixtures.items;
import static net.mucaffiliationnotify.versioning.Fixtures.since;
import static net.mucaffiliationnotify.versioning.Fixtures.until;
import static net.mucaffiliationnotify.versioning.Fixtures.withoutNone;
import static net.mucaffiliationnotify.versioning.Fixtures.withoutOutcasts;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.Test;
import org.xmpp.packet.Message;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * Randomized end-to-end property of V2 and V4: whatever sequence of changes a bounded history records, a
 * client holding any version the room still remembers (with the list it had at that version) that applies
 * the items of {@code respond}'s chained messages ends with exactly the room's current list — outcasts
 * included for {@link ListAccess#LIST}, left out for {@link ListAccess#LIST_WITHOUT_OUTCASTS} — and at the
 * room's current version; a client holding a forgotten version gets a full list with the same result.
 */
public class VersioningPropertyTest {
    private static final MucAffiliation[] AFFILIATIONS = MucAffiliation.values();
    private final VersionHasher hasher = hasher();

    /** A room with random changes, and the version and state after each one. */
    private static final class Run {
        final AffiliationHistory history;
        final int maxSteps;
        final List<String> versions = new ArrayList<>();
        final List<Map<String, MucAffiliation>> states = new ArrayList<>();

        Run(AffiliationHistory history, int maxSteps) {
            this.history = history;
            this.maxSteps = maxSteps;
            record();
        }

        void record() {
            versions.add(history.version());
            states.add(new TreeMap<>(history.state()));
        }

        boolean remembered(int index) {
            final int last = versions.size() - 1;
            return versions.subList(Math.max(0, last - maxSteps), versions.size()).contains(versions.get(index));
        }
    }

    private static String jid(Random random, int pool) {
        return "u" + random.nextInt(pool) + "@x.org";
    }

    private static MucAffiliation affiliation(Random random) {
        return AFFILIATIONS[random.nextInt(AFFILIATIONS.length)];
    }

    private Run randomRun(Random random) {
        final int pool = 1 + random.nextInt(30);
        final int maxSteps = random.nextInt(25);
        final Map<String, MucAffiliation> initial = new HashMap<>();
        for (int i = 0, n = random.nextInt(pool + 1); i < n; i++) {
            initial.put(jid(random, pool), affiliation(random));
        }
        final Run run = new Run(AffiliationHistory.start(ROOM, hasher, maxSteps, initial), maxSteps);
        for (int i = 0, n = random.nextInt(60); i < n; i++) {
            change(random, run, pool);
        }
        return run;
    }

    private static void change(Random random, Run run, int pool) {
        if (random.nextInt(6) == 0) {
            // A change made outside XMPP: several JIDs at once, found by observe.
            final Map<String, MucAffiliation> next = new HashMap<>(run.history.state());
            for (int j = 0, m = 1 + random.nextInt(5); j < m; j++) {
                next.put(jid(random, pool), affiliation(random));
            }
            final Map<String, MucAffiliation> replay = new TreeMap<>(run.states.get(run.states.size() - 1));
            for (VersionStep step : run.history.observe(next)) {
                replay.put(step.jid(), step.after());
                run.versions.add(step.until());
                run.states.add(withoutNone(replay));
            }
            assertEquals(run.versions.get(run.versions.size() - 1), run.history.version());
            assertEquals(withoutNone(next), run.history.state());
        } else if (run.history.apply(jid(random, pool), affiliation(random)) != null) {
            run.record();
        }
    }

    private void assertResponseBrings(String label, Map<String, MucAffiliation> held, String since, Run run,
                                      int maxItems, ListAccess access) {
        final AffiliationHistory history = run.history;
        final List<Message> messages = JoinResponses.respond(ROOM_JID, JOINER, since, history, hasher, maxItems,
            access);
        final TreeMap<String, MucAffiliation> expected = access == ListAccess.LIST
            ? withoutNone(history.state()) : withoutOutcasts(history.state());
        if (history.version().equals(since)) {
            assertTrue(label + ": nothing for the current version", messages.isEmpty());
            assertEquals(label, expected, new TreeMap<>(held));
            return;
        }
        assertFalse(label + ": an answer", messages.isEmpty());
        final String firstSince = since(messages.get(0));
        if (firstSince != null) {
            assertEquals(label + ": a diff starts at the client's version", since, firstSince);
        }
        assertChained(firstSince, history.version(), messages);
        final List<String> untils = Fixtures.untils(messages);
        assertEquals(label + ": every message moves the version", untils.size(),
            new java.util.HashSet<>(untils).size());
        assertFalse(label + ": no message goes back to the start", untils.contains(since));
        for (Message message : messages) {
            assertEquals(ROOM, message.getFrom().toString());
            assertTrue(label, itemCount(message) <= maxItems);
            assertTrue(label + ": no empty message in a chain", messages.size() == 1 || itemCount(message) > 0);
            if (access != ListAccess.LIST) {
                assertFalse(label + ": outcast shown", items(message).containsValue(outcast));
            }
            if (firstSince == null) {
                assertFalse(label + ": none in a full list", items(message).containsValue(none));
            }
        }
        assertEquals(label, expected, clientApplies(held, messages));
        // The client now holds the current version: asking again brings nothing.
        assertTrue(label, JoinResponses.respond(ROOM_JID, JOINER, until(messages.get(messages.size() - 1)), history,
            hasher, maxItems, access).isEmpty());
    }

    @Test
    public void applyingTheAnswerToARememberedVersionGivesTheCurrentList() {
        for (long seed = 0; seed < 400; seed++) {
            final Random random = new Random(seed);
            final Run run = randomRun(random);
            final int maxItems = 1 + random.nextInt(8);
            for (int pick = 0; pick < 5; pick++) {
                final int index = random.nextInt(run.versions.size());
                if (!run.remembered(index)) {
                    continue;
                }
                final String since = run.versions.get(index);
                final Map<String, MucAffiliation> old = run.states.get(index);
                final String label = "seed " + seed + " version " + index + "/" + (run.versions.size() - 1);
                assertResponseBrings(label + " LIST", old, since, run, maxItems, ListAccess.LIST);
                assertResponseBrings(label + " LIST_WITHOUT_OUTCASTS", withoutOutcasts(old), since, run, maxItems,
                    ListAccess.LIST_WITHOUT_OUTCASTS);
            }
        }
    }

    @Test
    public void forgottenVersionsAndBootstrapGetTheFullList() {
        int forgotten = 0;
        for (long seed = 1_000; seed < 1_300; seed++) {
            final Random random = new Random(seed);
            final Run run = randomRun(random);
            final int maxItems = 1 + random.nextInt(8);
            for (int index = 0; index < run.versions.size(); index++) {
                final String since = run.versions.get(index);
                if (run.remembered(index)) {
                    continue;
                }
                forgotten++;
                assertNull(run.history.changesSince(since));
                final List<Message> messages = JoinResponses.respond(ROOM_JID, JOINER, since, run.history, hasher,
                    maxItems, ListAccess.LIST);
                assertNull("seed " + seed + ": full list", since(messages.get(0)));
                // What the client held no longer matters: a full list replaces it.
                assertResponseBrings("seed " + seed, run.states.get(index), since, run, maxItems, ListAccess.LIST);
            }
            assertResponseBrings("seed " + seed + " bootstrap", Map.of(), null, run, maxItems, ListAccess.LIST);
            assertResponseBrings("seed " + seed + " bootstrap", Map.of(), null, run, maxItems,
                ListAccess.LIST_WITHOUT_OUTCASTS);
        }
        assertTrue("the runs forgot some versions", forgotten > 100);
    }

    @Test
    public void clientsThatRejoinNowAndThenStayInStep() {
        for (long seed = 2_000; seed < 2_150; seed++) {
            final Random random = new Random(seed);
            final int pool = 2 + random.nextInt(20);
            final int maxSteps = random.nextInt(12);
            final int maxItems = 1 + random.nextInt(6);
            final Run run = new Run(AffiliationHistory.start(ROOM, hasher, maxSteps, Map.of()), maxSteps);
            final ListAccess[] accesses = {ListAccess.LIST, ListAccess.LIST_WITHOUT_OUTCASTS, ListAccess.LIST,
                ListAccess.LIST_WITHOUT_OUTCASTS};
            final String[] versions = new String[accesses.length];
            final List<Map<String, MucAffiliation>> held = new ArrayList<>();
            for (int c = 0; c < accesses.length; c++) {
                held.add(new TreeMap<>());
            }
            for (int round = 0; round < 120; round++) {
                if (random.nextInt(3) > 0) {
                    change(random, run, pool);
                    continue;
                }
                final int c = random.nextInt(accesses.length);
                final String label = "seed " + seed + " round " + round + " client " + c;
                final List<Message> messages = JoinResponses.respond(ROOM_JID, JOINER, versions[c], run.history,
                    hasher, maxItems, accesses[c]);
                if (!messages.isEmpty()) {
                    held.set(c, clientApplies(held.get(c), messages));
                    versions[c] = until(messages.get(messages.size() - 1));
                }
                assertEquals(label, run.history.version(), versions[c]);
                assertEquals(label, accesses[c] == ListAccess.LIST ? withoutNone(run.history.state())
                    : withoutOutcasts(run.history.state()), held.get(c));
            }
        }
    }
}
