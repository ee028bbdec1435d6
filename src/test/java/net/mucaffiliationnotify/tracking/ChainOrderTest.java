package net.mucaffiliationnotify.tracking;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

/** A room's announcements, received in any order, are released in its history's order. */
public class ChainOrderTest {
    private static final long MS = 1_000_000L;
    private final ChainOrder<String> order = new ChainOrder<>(2_000 * MS, 200 * MS, 100, 10);

    @Test
    public void announcementsInOrderAreReleasedAtOnceAfterTheFirst() {
        assertEquals(List.of("a"), order.offerOwn("r", "v1", "a", 0));
        assertEquals(List.of("b"), order.offer("r", "v1", "v2", "b", 1));
        assertEquals(List.of("c"), order.offer("r", "v2", "v3", "c", 2));
        assertEquals(0, order.waitingCount());
    }

    @Test
    public void anEarlyAnnouncementWaitsForTheOneBeforeIt() {
        order.offerOwn("r", "v1", "a", 0);
        assertEquals(List.of(), order.offer("r", "v2", "v3", "c", 1));
        assertEquals(List.of(), order.offer("r", "v3", "v4", "d", 2));
        assertEquals(List.of("b", "c", "d"), order.offer("r", "v1", "v2", "b", 3));
        assertEquals(0, order.waitingCount());
    }

    /** The first announcements of a room this node never saw: the one made earlier may still be on its way. */
    @Test
    public void aRoomNotSeenYetWaitsBrieflyAndStartsWhereItsChainStarts() {
        assertEquals(List.of(), order.offer("r", "v2", "v3", "b", 0));
        assertEquals(List.of(), order.offer("r", "v1", "v2", "a", 10 * MS));
        assertEquals("from the chain's start", List.of("a", "b"), order.expire(200 * MS));
        assertEquals(List.of(), order.offer("s", "w2", "w3", "y", 0));
        assertEquals(List.of(), order.offer("s", "w3", "w4", "z", 0));
        assertEquals(List.of(), order.expire(199 * MS));
        assertEquals(List.of("y", "z"), order.expire(200 * MS));
        assertEquals("then in order at once", List.of("next"), order.offer("s", "w4", "w5", "next", 201 * MS));
    }

    /** An earlier announcement that never comes (its node left, the history restarted) blocks nothing for long. */
    @Test
    public void aGapThatNeverFillsIsGivenUpAfterTheLongWait() {
        order.offerOwn("r", "v1", "a", 0);
        assertEquals(List.of(), order.offer("r", "v5", "v6", "f", 0));
        assertEquals(List.of(), order.expire(1_999 * MS));
        assertEquals(List.of("f"), order.expire(2_000 * MS));
        assertEquals(List.of("g"), order.offer("r", "v6", "v7", "g", 2_001 * MS));
    }

    /** What this node makes under the room's lock comes after everything else: what waits goes out first. */
    @Test
    public void anOwnAnnouncementReleasesWhatWaitsBeforeItselfAtOnce() {
        assertEquals(List.of(), order.offer("r", "v2", "v3", "b", 0));
        assertEquals(List.of("b", "own"), order.offerOwn("r", "v4", "own", 1));
        assertEquals(List.of("next"), order.offer("r", "v4", "v5", "next", 2));
    }

    @Test
    public void roomsAndWaitingAnnouncementsAreBounded() {
        final ChainOrder<String> small = new ChainOrder<>(2_000 * MS, 200 * MS, 3, 2);
        small.offerOwn("r", "v1", "a", 0);
        small.offer("r", "v5", "v6", "x", 0);
        small.offer("r", "v6", "v7", "y", 0);
        final List<String> released = small.offer("r", "v8", "v9", "z", 0);
        assertEquals("beyond the bound, the room's waiting ones go", List.of("x", "y", "z"), released);
        for (int i = 0; i < 10; i++) {
            small.offerOwn("room" + i, "u", "p" + i, 0);
        }
        // Room r was forgotten: its next announcement is one of a room not seen yet.
        assertEquals(List.of(), small.offer("r", "v9", "v10", "late", 0));
        final List<String> all = new ArrayList<>(small.expire(200 * MS));
        assertEquals(List.of("late"), all);
    }
}
