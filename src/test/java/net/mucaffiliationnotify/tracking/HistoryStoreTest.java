package net.mucaffiliationnotify.tracking;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.Test;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.versioning.AffiliationHistory;
import net.mucaffiliationnotify.versioning.VersionHasher;

/** A node's own histories are bounded and never outlive a change of the node's cluster membership. */
public class HistoryStoreTest {
    private static final VersionHasher HASHER = new VersionHasher(new byte[] {1, 2, 3});

    private static JID room(int n) {
        return new JID("room" + n + "@conference.localhost");
    }

    /** Starts the room's history if it has none; @return whether it had one */
    private static boolean look(HistoryStore store, JID room) {
        return store.update(room, slot -> {
            final boolean had = slot.history != null;
            if (!had) {
                slot.history = AffiliationHistory.start(room.toBareJID(), HASHER, 8,
                    Map.of("owner@localhost", MucAffiliation.owner));
            }
            return had;
        });
    }

    /** 1.2.0 kept a history for every room it ever saw, idle or unloaded ones too, for as long as it ran. */
    @Test
    public void aNodeKeepsAtMostItsBoundOfRoomsDroppingTheLeastRecentlyUsed() {
        final HistoryStore store = HistoryStore.local();
        for (int n = 0; n <= HistoryStore.MAX_LOCAL_ROOMS; n++) {
            look(store, room(n));
        }
        assertEquals(HistoryStore.MAX_LOCAL_ROOMS, store.size());
        assertNull("the least recently used room was dropped", store.version(room(0)));
        assertNotNull(store.version(room(HistoryStore.MAX_LOCAL_ROOMS)));
    }

    @Test
    public void aRoomInUseIsKeptOverIdleOnes() {
        final HistoryStore store = HistoryStore.local(3);
        look(store, room(1));
        look(store, room(2));
        look(store, room(3));
        assertEquals(true, look(store, room(1))); // used again: now the most recent
        store.version(room(2));                    // read: used too
        look(store, room(4));                      // room 3 is the least recently used
        assertEquals(3, store.size());
        assertNull(store.version(room(3)));
        assertNotNull(store.version(room(1)));
        assertNotNull(store.version(room(2)));
        assertEquals("a dropped room starts afresh from its state", false, look(store, room(3)));
    }

    /**
     * Joining a cluster and leaving it drop the node's own histories: 1.2.0 reused them after leaving, so
     * the next sweep announced again every change made while the node was clustered.
     */
    @Test
    public void joiningOrLeavingAClusterDropsTheNodesOwnHistories() {
        final boolean[] clustered = {false};
        final HistoryStore local = HistoryStore.local();
        final HistoryStore store = HistoryStore.following(() -> clustered[0], local,
            HistoryStore.clustered(new ConcurrentHashMap<>(), key -> new ReentrantLock(), HASHER, 8));
        look(store, room(1));
        assertEquals(1, local.size());

        clustered[0] = true;
        look(store, room(2));
        assertEquals("dropped on joining", 0, local.size());

        clustered[0] = false;
        assertEquals("not reused after leaving", false, look(store, room(1)));
        assertEquals(1, local.size());
    }
}
