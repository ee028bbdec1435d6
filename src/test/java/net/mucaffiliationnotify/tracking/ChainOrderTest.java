package net.mucaffiliationnotify.tracking;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.After;
import org.junit.Test;

/**
 * A room's announcements, received in any order, are delivered in its history's order. Each announcement here
 * is one step, from position n (version "vn" unless a test says otherwise) to n + 1.
 */
public class ChainOrderTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong clock = new AtomicLong();
    private final List<String> delivered = Collections.synchronizedList(new ArrayList<>());
    private final ChainOrder<String> order = new ChainOrder<>(2_000 * MS, 200 * MS, 100, 10, clock::get,
        delivered::add);
    private final ExecutorService threads = Executors.newSingleThreadExecutor();

    @After
    public void tearDown() {
        threads.shutdownNow();
    }

    private void offer(String room, long from, String payload) {
        order.offer(room, from, "v" + from, from + 1, "v" + (from + 1), payload);
    }

    private boolean own(String room, long from, String payload) {
        return order.offerOwn(room, from, "v" + from, from + 1, "v" + (from + 1), payload);
    }

    private List<String> deliveredNow() {
        synchronized (delivered) {
            final List<String> all = new ArrayList<>(delivered);
            delivered.clear();
            return all;
        }
    }

    @Test
    public void announcementsInOrderAreDeliveredAtOnceAfterTheFirst() {
        own("r", 0, "a");
        offer("r", 1, "b");
        offer("r", 2, "c");
        assertEquals(List.of("a", "b", "c"), deliveredNow());
        assertEquals(0, order.waitingCount());
    }

    @Test
    public void anEarlyAnnouncementWaitsForTheOneBeforeIt() {
        own("r", 0, "a");
        offer("r", 2, "c");
        offer("r", 3, "d");
        assertEquals(List.of("a"), deliveredNow());
        offer("r", 1, "b");
        assertEquals(List.of("b", "c", "d"), deliveredNow());
        assertEquals(0, order.waitingCount());
    }

    /** The first announcements of a room this node never saw: the one made earlier may still be on its way. */
    @Test
    public void aRoomNotSeenYetWaitsBrieflyAndStartsWhereItsChainStarts() {
        offer("r", 5, "b");
        clock.set(10 * MS);
        offer("r", 4, "a");
        clock.set(200 * MS);
        order.expire();
        assertEquals("in position order", List.of("a", "b"), deliveredNow());
        clock.set(0);
        offer("s", 7, "y");
        offer("s", 8, "z");
        clock.set(199 * MS);
        order.expire();
        assertEquals(List.of(), deliveredNow());
        clock.set(200 * MS);
        order.expire();
        assertEquals(List.of("y", "z"), deliveredNow());
        offer("s", 9, "next");
        assertEquals("then in order at once", List.of("next"), deliveredNow());
    }

    /** An earlier announcement that never comes (its node left) blocks nothing for long. */
    @Test
    public void aGapThatNeverFillsIsGivenUpAfterTheLongWait() {
        own("r", 0, "a");
        offer("r", 5, "f");
        clock.set(1_999 * MS);
        order.expire();
        assertEquals(List.of("a"), deliveredNow());
        clock.set(2_000 * MS);
        order.expire();
        assertEquals(List.of("f"), deliveredNow());
        offer("r", 6, "g");
        assertEquals(List.of("g"), deliveredNow());
    }

    /**
     * Versions are derived from the lists, so they come back: v0, v1, v0, v1. The third step starts at v0 like
     * the first; its position tells it apart, and it waits for the second.
     */
    @Test
    public void aVersionThatComesBackDoesNotChainOntoTheWrongStep() {
        order.offerOwn("r", 0, "v0", 1, "v1", "first");
        order.offer("r", 2, "v0", 3, "v1", "third");
        assertEquals(List.of("first"), deliveredNow());
        order.offer("r", 1, "v1", 2, "v0", "second");
        assertEquals(List.of("second", "third"), deliveredNow());
    }

    /** What waits when this node makes one itself (under the room's lock) is earlier: it goes first. */
    @Test
    public void anOwnAnnouncementDeliversWhatWaitsBeforeItself() {
        own("r", 0, "a");
        offer("r", 2, "c");
        offer("r", 1, "b");
        offer("r", 4, "e"); // d is still missing
        assertEquals(List.of("a", "b", "c"), deliveredNow());
        clock.set(2_000 * MS); // d never came, and e has waited long enough: it goes, then the own one
        assertFalse(own("r", 5, "own"));
        assertEquals(List.of("e", "own"), deliveredNow());
        offer("r", 6, "next");
        assertEquals(List.of("next"), deliveredNow());
    }

    /**
     * Another node's announcement was handed to this node before this node took the room's lock, but is still
     * on its way (a cluster task in a queue): this node's own waits for it instead of overtaking it.
     */
    @Test(timeout = 10_000)
    public void anOwnAnnouncementWaitsForAnEarlierOneStillOnItsWay() throws Exception {
        final ChainOrder<String> real = new ChainOrder<>(2_000 * MS, 200 * MS, 100, 10, System::nanoTime,
            delivered::add);
        real.offerOwn("r", 0, "v0", 1, "v1", "a");
        final Future<?> late = threads.submit(() -> {
            Thread.sleep(100);
            real.offer("r", 1, "v1", 2, "v2", "b");
            return null;
        });
        final long t0 = System.nanoTime();
        assertFalse(real.offerOwn("r", 2, "v2", 3, "v3", "own"));
        final long waited = (System.nanoTime() - t0) / MS;
        late.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("a", "b", "own"), deliveredNow());
        assertTrue("waited for it, not for the whole bound: " + waited + " ms", waited >= 90 && waited < 1_500);
    }

    @Test(timeout = 10_000)
    public void anOwnAnnouncementWaitsAtMostTheLongWait() {
        final ChainOrder<String> real = new ChainOrder<>(300 * MS, 200 * MS, 100, 10, System::nanoTime,
            delivered::add);
        real.offerOwn("r", 0, "v0", 1, "v1", "a");
        final long t0 = System.nanoTime();
        assertTrue(real.offerOwn("r", 3, "v3", 4, "v4", "own"));
        final long waited = (System.nanoTime() - t0) / MS;
        assertEquals(List.of("a", "own"), deliveredNow());
        assertTrue(waited + " ms", waited >= 290 && waited < 2_000);
        real.offer("r", 1, "v1", 2, "v2", "late");
        assertEquals("given up on: delivered when it comes", List.of("late"), deliveredNow());
        real.offer("r", 4, "v4", 5, "v5", "next");
        assertEquals(List.of("next"), deliveredNow());
    }

    /** A history that started again (position 0) is a new chain: nothing waits for the old one to go on. */
    @Test
    public void aHistoryThatStartedAgainIsANewChain() {
        own("r", 56, "old");
        offer("r", 0, "new0");
        offer("r", 1, "new1");
        assertEquals(List.of("old"), deliveredNow());
        clock.set(200 * MS);
        order.expire();
        assertEquals("after the short wait of a room not seen", List.of("new0", "new1"), deliveredNow());
        offer("r", 2, "new2");
        assertEquals(List.of("new2"), deliveredNow());
        // This node's own, on a history that started again: no waiting for the old chain either.
        own("r", 0, "again");
        assertEquals(List.of("again"), deliveredNow());
        // Versions derived anew (another secret), same position: a new chain too.
        order.offerOwn("r", 1, "w1", 2, "w2", "rekeyed");
        assertEquals(List.of("rekeyed"), deliveredNow());
    }

    @Test
    public void roomsAndWaitingAnnouncementsAreBounded() {
        final ChainOrder<String> small = new ChainOrder<>(2_000 * MS, 200 * MS, 3, 2, clock::get, delivered::add);
        small.offerOwn("r", 0, "v0", 1, "v1", "a");
        small.offer("r", 5, "v5", 6, "v6", "x");
        small.offer("r", 6, "v6", 7, "v7", "y");
        assertEquals(List.of("a"), deliveredNow());
        small.offer("r", 8, "v8", 9, "v9", "z");
        assertEquals("beyond the bound, the room's waiting ones go", List.of("x", "y", "z"), deliveredNow());
        for (int i = 0; i < 10; i++) {
            small.offerOwn("room" + i, 0, "u", 1, "u1", "p" + i);
        }
        deliveredNow();
        // Room r was forgotten: its next announcement is one of a room not seen yet.
        small.offer("r", 9, "v9", 10, "v10", "late");
        assertEquals(List.of(), deliveredNow());
        clock.set(200 * MS);
        small.expire();
        assertEquals(List.of("late"), deliveredNow());
    }
}
