package net.mucaffiliationnotify.tracking;

import static org.junit.Assert.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * The clustered ledger keeps the same state as the local one through its JDK-type encoding, and the
 * switching store uses the shared ledgers exactly while the node is clustered.
 */
public class LedgerStoreTest {
    private static PendingRequest pending(String id, String target) {
        final IQ iq = Stanzas.admin(id, Stanzas.item("member", target));
        return new PendingRequest(iq, Stanzas.request(iq), List.of(new JID(target)), Set.of(), Thread.currentThread(), 0L);
    }

    @Test
    public void encodingRoundTripsEntriesReferenceCountsAndForms() {
        final FakeRoom room = new FakeRoom(Stanzas.ROOM).set("a@localhost", MucAffiliation.admin);
        final RoomLedger ledger = new RoomLedger();
        final PendingRequest first = pending("1", "a@localhost");
        ledger.acquire(first, room);
        ledger.acquire(pending("2", "a@localhost"), room);
        ledger.acquire(pending("3", "b@localhost"), room);

        final RoomLedger copy = RoomLedger.decode(ledger.encode());
        assertEquals(ledger.encode(), copy.encode());
        assertEquals(2, copy.size());

        room.set("a@localhost", MucAffiliation.member);
        assertEquals(1, copy.settle(first, room).size());
        copy.release(first);
        assertEquals("a@localhost still named by request 2", 2, copy.size());
    }

    @Test
    public void followingStoreUsesSharedLedgersOnlyWhileClustered() {
        final Map<String, LinkedHashMap<String, String>> shared = new ConcurrentHashMap<>();
        final ReentrantLock lock = new ReentrantLock();
        final boolean[] clustered = {false};
        final LedgerStore store = LedgerStore.following(() -> clustered[0], LedgerStore.local(),
            LedgerStore.clustered(shared, key -> lock));
        final FakeRoom room = new FakeRoom(Stanzas.ROOM);
        final JID roomJid = room.jid();

        store.update(roomJid, true, ledger -> {
            ledger.acquire(pending("1", "a@localhost"), room);
            return null;
        });
        assertEquals(0, shared.size());
        assertEquals(1, store.size());

        clustered[0] = true;
        store.update(roomJid, true, ledger -> {
            ledger.acquire(pending("2", "b@localhost"), room);
            return null;
        });
        assertEquals(1, shared.size());
        assertEquals("b@localhost", shared.get(Stanzas.ROOM).keySet().stream().filter(k -> !k.startsWith("#"))
            .findFirst().orElseThrow());
        store.clear();
        assertEquals("unloading on one node leaves the other nodes' ledgers", 1, shared.size());
        store.remove(roomJid);
        assertEquals(0, shared.size());
    }

    /**
     * Looking at a room's held JIDs (each sweep does) writes nothing: 1.2.0 wrote the entry back every time,
     * which in a cluster renewed its lifetime, so the entry of a request whose node died was never expired.
     */
    @Test
    public void aLookThatChangesNothingWritesNothing() {
        final AtomicInteger writes = new AtomicInteger();
        final Map<String, LinkedHashMap<String, String>> shared =
            new ConcurrentHashMap<>() {
                @Override
                public LinkedHashMap<String, String> put(String key, LinkedHashMap<String, String> value) {
                    writes.incrementAndGet();
                    return super.put(key, value);
                }

                @Override
                public LinkedHashMap<String, String> remove(Object key) {
                    writes.incrementAndGet();
                    return super.remove(key);
                }
            };
        final LedgerStore store = LedgerStore.clustered(shared, key -> new ReentrantLock());
        final FakeRoom room = new FakeRoom(Stanzas.ROOM);
        final JID roomJid = new JID(Stanzas.ROOM);
        final PendingRequest lost = pending("1", "a@localhost");

        store.update(roomJid, true, ledger -> {
            ledger.acquire(lost, room);
            return null;
        });
        assertEquals(1, writes.get());
        for (int sweep = 0; sweep < 3; sweep++) {
            store.update(roomJid, true, ledger -> {
                assertEquals(Set.of(new JID("a@localhost")), ledger.held());
                return null;
            });
        }
        store.update(new JID("empty@conference.localhost"), true, ledger -> null);
        assertEquals("only the acquiring update wrote", 1, writes.get());

        store.update(roomJid, false, ledger -> {
            ledger.release(lost);
            return null;
        });
        assertEquals(2, writes.get());
        assertEquals(0, store.size());
    }
}
