package net.mucaffiliationnotify.versioning;

import static net.mucaffiliationnotify.rules.MucAffiliation.admin;
import static net.mucaffiliationnotify.rules.MucAffiliation.member;
import static net.mucaffiliationnotify.rules.MucAffiliation.none;
import static net.mucaffiliationnotify.rules.MucAffiliation.outcast;
import static net.mucaffiliationnotify.rules.MucAffiliation.owner;
import static net.mucaffiliationnotify.versioning.Fixtures.ROOM;
import static net.mucaffiliationnotify.versioning.Fixtures.hasher;
import static net.mucaffiliationnotify.versioning.Fixtures.state;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.Test;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * {@link VersionHasher} (V2): a version depends on the room's state only — not on map order, not on which
 * node or hasher instance computes it — and changes with the secret, the room, any JID's affiliation and any
 * added JID; {@code none} entries do not count; and the constant-time {@code step} always lands on the
 * version {@code of} gives for the new state. Each hash is HMAC-SHA256 keyed with the secret, computed here
 * independently with the JDK's {@link Mac}.
 */
public class VersionHasherTest {
    private static final MucAffiliation[] AFFILIATIONS = MucAffiliation.values();

    private static Map<String, MucAffiliation> randomState(Random random, int pool) {
        final Map<String, MucAffiliation> result = new HashMap<>();
        for (int i = 0; i < pool; i++) {
            if (random.nextInt(3) > 0) {
                result.put("user" + i + "@example.org", AFFILIATIONS[random.nextInt(AFFILIATIONS.length)]);
            }
        }
        return result;
    }

    /** HMAC-SHA256 of room 0x00 jid 0x00 affiliation, keyed with the secret, truncated to its first 128 bits. */
    private static RoomVersion hmac(byte[] secret, String room, String jid, String affiliation) throws Exception {
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        mac.update(room.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(jid.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(affiliation.getBytes(StandardCharsets.US_ASCII));
        final ByteBuffer bytes = ByteBuffer.wrap(mac.doFinal());
        return new RoomVersion(bytes.getLong(), bytes.getLong());
    }

    @Test
    public void eachEntryIsTheTruncatedHmacSha256OfRoomJidAndAffiliation() throws Exception {
        final byte[] secret = "cluster-secret".getBytes(StandardCharsets.UTF_8);
        final VersionHasher hasher = new VersionHasher(secret);
        for (MucAffiliation affiliation : AFFILIATIONS) {
            if (affiliation != none) {
                assertEquals(affiliation.name(), hmac(secret, ROOM, "a@x.org", affiliation.name()),
                    hasher.of(ROOM, state("a@x.org", affiliation)).minus(hasher.empty(ROOM)));
            }
        }
        assertEquals(hmac(secret, ROOM, "j\u00fcrgen@x.org", "member"),
            hasher.step(ROOM, hasher.empty(ROOM), "j\u00fcrgen@x.org", none, member).minus(hasher.empty(ROOM)));
        // Two entries: the sum of their HMACs.
        assertEquals(hmac(secret, ROOM, "a@x.org", "owner").plus(hmac(secret, ROOM, "b@x.org", "outcast")),
            hasher.of(ROOM, state("a@x.org", owner, "b@x.org", outcast)).minus(hasher.empty(ROOM)));
    }

    @Test
    public void theEmptyRoomIsTheTruncatedHmacSha256OfTheRoom() throws Exception {
        final byte[] secret = "cluster-secret".getBytes(StandardCharsets.UTF_8);
        assertEquals(hmac(secret, ROOM, "", "room"), new VersionHasher(secret).empty(ROOM));
        // HMAC pads a key shorter than SHA-256's 64-byte block with zeros: an empty secret is 64 zero bytes.
        assertEquals(hmac(new byte[64], ROOM, "", "room"), new VersionHasher(new byte[0]).empty(ROOM));
        final byte[] longKey = new byte[100];
        Arrays.fill(longKey, (byte) 7);
        assertEquals("a key longer than a block is hashed first", hmac(longKey, ROOM, "", "room"),
            new VersionHasher(longKey).empty(ROOM));
    }

    @Test
    public void sameStateGivesSameVersionWhateverTheMapOrder() {
        final VersionHasher hasher = hasher();
        final Map<String, MucAffiliation> forward = state("a@x.org", owner, "b@x.org", admin, "c@x.org", member,
            "d@x.org", outcast);
        final Map<String, MucAffiliation> backward = state("d@x.org", outcast, "c@x.org", member, "b@x.org", admin,
            "a@x.org", owner);
        final RoomVersion expected = hasher.of(ROOM, forward);
        assertEquals(expected, hasher.of(ROOM, backward));
        assertEquals(expected, hasher.of(ROOM, new TreeMap<>(backward)));
        assertEquals(expected, hasher.of(ROOM, new HashMap<>(backward)));
    }

    @Test
    public void sameStateGivesSameVersionInAnyShuffledOrder() {
        final VersionHasher hasher = hasher();
        final Random random = new Random(11);
        for (int round = 0; round < 50; round++) {
            final List<Map.Entry<String, MucAffiliation>> entries = new ArrayList<>(randomState(random, 40).entrySet());
            final Map<String, MucAffiliation> first = new LinkedHashMap<>();
            entries.forEach(e -> first.put(e.getKey(), e.getValue()));
            Collections.shuffle(entries, random);
            final Map<String, MucAffiliation> second = new LinkedHashMap<>();
            entries.forEach(e -> second.put(e.getKey(), e.getValue()));
            assertEquals(hasher.of(ROOM, first), hasher.of(ROOM, second));
        }
    }

    @Test
    public void twoNodesWithTheSameSecretAgree() {
        final byte[] secret = "shared by every cluster node".getBytes(StandardCharsets.UTF_8);
        final VersionHasher nodeA = new VersionHasher(secret.clone());
        final VersionHasher nodeB = new VersionHasher(secret.clone());
        final Random random = new Random(12);
        for (int round = 0; round < 50; round++) {
            final Map<String, MucAffiliation> state = randomState(random, 30);
            assertEquals(nodeA.of(ROOM, state), nodeB.of(ROOM, state));
            assertEquals(nodeA.of(ROOM, state).toString(), nodeB.of(ROOM, state).toString());
        }
        assertEquals(nodeA.empty(ROOM), nodeB.empty(ROOM));
    }

    @Test
    public void differentSecretGivesDifferentVersions() {
        final Map<String, MucAffiliation> state = state("a@x.org", owner, "b@x.org", member);
        assertNotEquals(hasher("one").of(ROOM, state), hasher("two").of(ROOM, state));
        assertNotEquals(hasher("one").empty(ROOM), hasher("two").empty(ROOM));
        assertNotEquals(hasher("").of(ROOM, state), hasher("one").of(ROOM, state));
    }

    @Test
    public void differentRoomGivesDifferentVersions() {
        final VersionHasher hasher = hasher();
        final Map<String, MucAffiliation> state = state("a@x.org", owner, "b@x.org", member);
        assertNotEquals(hasher.of(ROOM, state), hasher.of("other@conference.example.org", state));
        assertNotEquals(hasher.empty(ROOM), hasher.empty("other@conference.example.org"));
        // The room is not merely concatenated with the JID.
        assertNotEquals(hasher.of("ab@c", state("d@e", member)), hasher.of("a", state("b@cd@e", member)));
    }

    @Test
    public void theSameChangeMovesTwoRoomsByDifferentAmounts() {
        // Otherwise someone who sees versions in two rooms could tell that the same JID joined both.
        final VersionHasher hasher = hasher();
        final String other = "other@conference.example.org";
        final RoomVersion here = hasher.step(ROOM, hasher.empty(ROOM), "a@x.org", none, member)
            .minus(hasher.empty(ROOM));
        final RoomVersion there = hasher.step(other, hasher.empty(other), "a@x.org", none, member)
            .minus(hasher.empty(other));
        assertNotEquals(here, there);
        assertNotEquals(hasher.of(ROOM, state("a@x.org", member)).minus(hasher.empty(ROOM)),
            hasher.of(other, state("a@x.org", member)).minus(hasher.empty(other)));
    }

    @Test
    public void differentAffiliationGivesDifferentVersions() {
        final VersionHasher hasher = hasher();
        final Set<RoomVersion> seen = new HashSet<>();
        for (MucAffiliation affiliation : AFFILIATIONS) {
            if (affiliation != none) {
                assertTrue(affiliation.name(), seen.add(hasher.of(ROOM, state("a@x.org", owner, "b@x.org",
                    affiliation))));
            }
        }
        assertEquals(4, seen.size());
    }

    @Test
    public void swappingAffiliationsBetweenJidsGivesADifferentVersion() {
        final VersionHasher hasher = hasher();
        assertNotEquals(hasher.of(ROOM, state("a@x.org", owner, "b@x.org", member)),
            hasher.of(ROOM, state("a@x.org", member, "b@x.org", owner)));
    }

    @Test
    public void extraJidGivesADifferentVersion() {
        final VersionHasher hasher = hasher();
        final Map<String, MucAffiliation> state = state("a@x.org", owner);
        final RoomVersion before = hasher.of(ROOM, state);
        for (MucAffiliation affiliation : AFFILIATIONS) {
            if (affiliation != none) {
                final Map<String, MucAffiliation> more = new HashMap<>(state);
                more.put("b@x.org", affiliation);
                assertNotEquals(affiliation.name(), before, hasher.of(ROOM, more));
            }
        }
        assertNotEquals(hasher.empty(ROOM), before);
    }

    @Test
    public void distinctJidsAreDistinctEntries() {
        // The hasher takes normalised bare JIDs; two different strings are two different entries.
        final VersionHasher hasher = hasher();
        assertNotEquals(hasher.of(ROOM, state("a@x.org", member)), hasher.of(ROOM, state("b@x.org", member)));
        assertNotEquals(hasher.of(ROOM, state("jürgen@x.org", member)), hasher.of(ROOM, state("jurgen@x.org", member)));
    }

    @Test
    public void noneEntriesAreIgnored() {
        final VersionHasher hasher = hasher();
        assertEquals(hasher.of(ROOM, state("a@x.org", owner)),
            hasher.of(ROOM, state("a@x.org", owner, "b@x.org", none, "c@x.org", none)));
        assertEquals(hasher.empty(ROOM), hasher.of(ROOM, state("b@x.org", none)));
        assertEquals(hasher.empty(ROOM), hasher.of(ROOM, Map.of()));
    }

    @Test
    public void emptyIsTheVersionOfAnEmptyState() {
        final VersionHasher hasher = hasher();
        assertEquals(hasher.empty(ROOM), hasher.of(ROOM, new HashMap<>()));
        assertEquals(22, hasher.empty(ROOM).toString().length());
    }

    @Test
    public void stepAddsRemovesAndChanges() {
        final VersionHasher hasher = hasher();
        final Map<String, MucAffiliation> state = state("a@x.org", owner, "b@x.org", member);
        final RoomVersion start = hasher.of(ROOM, state);

        final RoomVersion added = hasher.step(ROOM, start, "c@x.org", none, admin);
        assertEquals(hasher.of(ROOM, state("a@x.org", owner, "b@x.org", member, "c@x.org", admin)), added);

        final RoomVersion removed = hasher.step(ROOM, start, "b@x.org", member, none);
        assertEquals(hasher.of(ROOM, state("a@x.org", owner)), removed);

        final RoomVersion changed = hasher.step(ROOM, start, "b@x.org", member, outcast);
        assertEquals(hasher.of(ROOM, state("a@x.org", owner, "b@x.org", outcast)), changed);

        assertEquals(start, hasher.step(ROOM, start, "z@x.org", none, none));
        assertEquals(start, hasher.step(ROOM, start, "a@x.org", owner, owner));
        assertEquals(start, hasher.step(ROOM, changed, "b@x.org", outcast, member));
        assertEquals(hasher.empty(ROOM), hasher.step(ROOM, removed, "a@x.org", owner, none));
    }

    @Test
    public void stepEqualsRecomputingOnRandomStates() {
        final VersionHasher hasher = hasher();
        final Random random = new Random(13);
        for (int round = 0; round < 2_000; round++) {
            final Map<String, MucAffiliation> before = randomState(random, 12);
            final String jid = "user" + random.nextInt(14) + "@example.org";
            final MucAffiliation was = before.getOrDefault(jid, none);
            final MucAffiliation after = AFFILIATIONS[random.nextInt(AFFILIATIONS.length)];
            final Map<String, MucAffiliation> next = new HashMap<>(before);
            next.put(jid, after);
            assertEquals(before + " " + jid + " -> " + after, hasher.of(ROOM, next),
                hasher.step(ROOM, hasher.of(ROOM, before), jid, was, after));
        }
    }

    @Test
    public void chainsOfStepsEqualRecomputing() {
        final VersionHasher hasher = hasher();
        final Random random = new Random(14);
        for (int round = 0; round < 20; round++) {
            final Map<String, MucAffiliation> state = new HashMap<>();
            RoomVersion version = hasher.empty(ROOM);
            for (int i = 0; i < 300; i++) {
                final String jid = "user" + random.nextInt(25) + "@example.org";
                final MucAffiliation after = AFFILIATIONS[random.nextInt(AFFILIATIONS.length)];
                version = hasher.step(ROOM, version, jid, state.getOrDefault(jid, none), after);
                state.put(jid, after);
            }
            assertEquals(hasher.of(ROOM, state), version);
        }
    }

    @Test
    public void distinctRandomStatesGetDistinctVersions() {
        final VersionHasher hasher = hasher();
        final Random random = new Random(15);
        final Map<RoomVersion, Map<String, MucAffiliation>> seen = new HashMap<>();
        for (int round = 0; round < 3_000; round++) {
            final Map<String, MucAffiliation> state = Fixtures.withoutNone(randomState(random, 8));
            final Map<String, MucAffiliation> previous = seen.putIfAbsent(hasher.of(ROOM, state), state);
            if (previous != null) {
                assertEquals("two states, one version", previous, state);
            }
        }
    }

    @Test
    public void largeStateBuiltByStepsMatchesOf() {
        final VersionHasher hasher = hasher();
        final Map<String, MucAffiliation> state = new HashMap<>();
        RoomVersion version = hasher.empty(ROOM);
        for (int i = 0; i < 10_000; i++) {
            final String jid = "member" + i + "@example.org";
            final MucAffiliation affiliation = AFFILIATIONS[i % 4];
            state.put(jid, affiliation);
            version = hasher.step(ROOM, version, jid, none, affiliation);
        }
        assertEquals(hasher.of(ROOM, state), version);
    }

    @Test
    public void oneHasherIsSafeToShareBetweenThreads() throws Exception {
        final VersionHasher hasher = hasher();
        final Random random = new Random(16);
        final List<Map<String, MucAffiliation>> states = new ArrayList<>();
        final List<RoomVersion> expected = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            final Map<String, MucAffiliation> state = randomState(random, 50);
            states.add(state);
            expected.add(hasher().of(ROOM, state));
        }
        final ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            final List<Future<List<RoomVersion>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final Callable<List<RoomVersion>> task = () -> {
                    final List<RoomVersion> out = new ArrayList<>();
                    for (int repeat = 0; repeat < 20; repeat++) {
                        for (Map<String, MucAffiliation> state : states) {
                            out.add(hasher.of(ROOM, state));
                        }
                    }
                    return out;
                };
                results.add(pool.submit(task));
            }
            for (Future<List<RoomVersion>> result : results) {
                final List<RoomVersion> got = result.get();
                for (int i = 0; i < got.size(); i++) {
                    assertEquals(expected.get(i % states.size()), got.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
