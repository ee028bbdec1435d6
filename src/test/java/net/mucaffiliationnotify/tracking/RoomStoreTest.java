package net.mucaffiliationnotify.tracking;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.Test;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.versioning.AffiliationHistory;
import net.mucaffiliationnotify.versioning.VersionHasher;

/**
 * The one store of per-room values (histories, held JIDs): a node's own values are bounded and never outlive
 * a change of the node's cluster membership; clustered values are written only when changed.
 */
public class RoomStoreTest {
    private static final VersionHasher HASHER = new VersionHasher(new byte[] {1, 2, 3});

    private static JID room(int n) {
        return new JID("room" + n + "@conference.localhost");
    }

    /** Starts the room's history if it has none; @return whether it had one */
    private static boolean look(RoomStore<AffiliationHistory> store, JID room) {
        return store.update(room, slot -> {
            final boolean had = slot.value != null;
            if (!had) {
                slot.value = AffiliationHistory.start(room.toBareJID(), HASHER, 8,
                    Map.of("owner@localhost", MucAffiliation.owner));
            }
            return had;
        });
    }

    private static String version(RoomStore<AffiliationHistory> store, JID room) {
        return store.update(room, slot -> slot.value == null ? null : slot.value.version());
    }

    /** 1.2.0 kept a history for every room it ever saw, idle or unloaded ones too, for as long as it ran. */
    @Test
    public void aNodeKeepsAtMostItsBoundOfRoomsDroppingTheLeastRecentlyUsed() {
        final RoomStore<AffiliationHistory> store = RoomStore.local(RoomChanges.MAX_LOCAL_ROOMS);
        for (int n = 0; n <= RoomChanges.MAX_LOCAL_ROOMS; n++) {
            look(store, room(n));
        }
        assertEquals(RoomChanges.MAX_LOCAL_ROOMS, store.size());
        assertNull("the least recently used room was dropped", version(store, room(0)));
        assertNotNull(version(store, room(RoomChanges.MAX_LOCAL_ROOMS)));
    }

    @Test
    public void aRoomInUseIsKeptOverIdleOnes() {
        final RoomStore<AffiliationHistory> store = RoomStore.local(3);
        look(store, room(1));
        look(store, room(2));
        look(store, room(3));
        assertEquals(true, look(store, room(1))); // used again: now the most recent
        version(store, room(2));                   // read: used too
        look(store, room(4));                      // room 3 is the least recently used
        assertEquals(3, store.size());
        assertNull(version(store, room(3)));
        assertNotNull(version(store, room(1)));
        assertNotNull(version(store, room(2)));
        assertEquals("a dropped room starts afresh from its state", false, look(store, room(3)));
    }

    /**
     * Joining a cluster and leaving it drop the node's own values: 1.2.0 reused its histories after leaving,
     * so the next sweep announced again every change made while the node was clustered.
     */
    @Test
    public void joiningOrLeavingAClusterDropsTheNodesOwnValues() {
        final boolean[] clustered = {false};
        final RoomStore<AffiliationHistory> local = RoomStore.local(100);
        final RoomStore<AffiliationHistory> store = RoomStore.following(() -> clustered[0], local,
            RoomStore.clustered(new ConcurrentHashMap<>(), RoomChanges.historyCodec(HASHER, 8)));
        look(store, room(1));
        assertEquals(1, local.size());

        clustered[0] = true;
        look(store, room(2));
        assertEquals("dropped on joining", 0, local.size());

        clustered[0] = false;
        assertEquals("not reused after leaving", false, look(store, room(1)));
        assertEquals(1, local.size());
    }

    /**
     * A clustered value is written only when changed: a write renews the entry's lifetime, so a look that
     * rewrote it (each sweep, in 1.2.0) kept alive for good what a node that died mid-request had held.
     */
    @Test
    public void aLookThatChangesNothingWritesNothing() {
        final List<String> writes = new java.util.ArrayList<>();
        final Map<String, String> cache = new HashMap<>() {
            @Override
            public String put(String key, String value) {
                writes.add(key);
                return super.put(key, value);
            }
        };
        final RoomStore<HeldJids> store = RoomStore.clustered(cache, HeldJids.CODEC);
        final JID juliet = new JID("juliet@localhost");
        store.update(room(1), slot -> {
            slot.value = new HeldJids();
            slot.value.acquire(List.of(juliet));
            return null;
        });
        assertEquals(1, writes.size());
        final boolean held = store.update(room(1), slot -> slot.value.all().contains(juliet));
        assertTrue(held);
        assertEquals("a look writes nothing", 1, writes.size());

        store.update(room(1), slot -> {
            slot.value.release(List.of(juliet));
            slot.value = slot.value.isEmpty() ? null : slot.value;
            return null;
        });
        assertFalse(cache.containsKey(room(1).toBareJID()));
    }

    /**
     * 1.3.0 decoded a room's clustered history on every look (two hashes per step), so each sweep of a cluster
     * decoded every occupied room's. A text this node already decoded or wrote is not decoded again; one
     * another node wrote is.
     */
    @Test
    public void aClusteredValueIsDecodedOnlyWhenAnotherNodeChangedIt() {
        final java.util.concurrent.atomic.AtomicInteger decodes = new java.util.concurrent.atomic.AtomicInteger();
        final RoomStore.Codec<AffiliationHistory> codec = RoomChanges.historyCodec(HASHER, 8);
        final RoomStore.Codec<AffiliationHistory> counting = new RoomStore.Codec<>() {
            @Override
            public String encode(AffiliationHistory value) {
                return codec.encode(value);
            }

            @Override
            public AffiliationHistory decode(JID room, String text) {
                decodes.incrementAndGet();
                return codec.decode(room, text);
            }
        };
        final Map<String, String> cache = new ConcurrentHashMap<>();
        final RoomStore<AffiliationHistory> nodeA = RoomStore.clustered(cache, counting);
        final RoomStore<AffiliationHistory> nodeB = RoomStore.clustered(cache, counting);
        look(nodeA, room(1));
        for (int i = 0; i < 5; i++) {
            assertTrue(look(nodeA, room(1)));
        }
        assertEquals("written by A, read by A: never decoded", 0, decodes.get());
        nodeB.update(room(1), slot -> slot.value.observe(Map.of("owner@localhost", MucAffiliation.owner,
            "juliet@localhost", MucAffiliation.member)));
        assertEquals("B had not seen it", 1, decodes.get());
        assertTrue(look(nodeA, room(1)));
        assertEquals("A decodes what B changed, once", 2, decodes.get());
        assertEquals(MucAffiliation.member, nodeA.update(room(1), slot -> slot.value.affiliationOf("juliet@localhost")));
        assertEquals(2, decodes.get());

        // A look that fails midway leaves nothing half-changed behind: the next one decodes the text again.
        try {
            nodeA.update(room(1), slot -> {
                slot.value.observe(Map.of("owner@localhost", MucAffiliation.owner));
                throw new IllegalStateException("group provider unavailable");
            });
        } catch (IllegalStateException expected) {
            // as a failing read of the room would
        }
        assertEquals(MucAffiliation.member, nodeA.update(room(1), slot -> slot.value.affiliationOf("juliet@localhost")));
        assertEquals(3, decodes.get());
    }

    @Test
    public void heldJidsSurviveTheirCodecAndCountEachRequest() {
        final HeldJids held = new HeldJids();
        final JID juliet = new JID("juliet@localhost");
        final JID romeo = new JID("romeo@localhost");
        held.acquire(List.of(juliet, romeo));
        held.acquire(List.of(juliet));
        final HeldJids copy = HeldJids.CODEC.decode(room(1), HeldJids.CODEC.encode(held));
        copy.release(List.of(juliet));
        assertEquals("held by the other request still", List.of(juliet, romeo), List.copyOf(copy.all()));
        assertEquals(List.of(romeo), List.copyOf(copy.heldByOthers(List.of(juliet))));
        copy.release(List.of(juliet, romeo));
        assertTrue(copy.isEmpty());
        assertNull("not held JIDs", HeldJids.CODEC.decode(room(1), "juliet@localhost\tmany\n"));
    }
}
