package net.mucaffiliationnotify.groups;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.junit.After;
import org.junit.Test;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.statistics.Counter;
import net.mucaffiliationnotify.statistics.PluginCounters;

/**
 * Group changes become checks of the rooms they touch, on one thread of their own: which rooms (all four
 * lists, occupied rooms only, a room not listing the group untouched), each room once however many changes
 * name it, the waits for Openfire's own rooms on a deletion or a rename, the bounds, failures that neither
 * reach the caller nor end the thread, and the thread's end on stop. No Openfire.
 */
public class GroupChangeChecksTest {
    private static final String THREAD = "group-checks-test";
    /** Group JIDs as Openfire keeps them in room lists: base32hex(name)@domain/md5(name). */
    private static final JID CAPULETS = new JID("cdgn0tbcclq76===@localhost/95b2a835dd8afa78fce2043d8dad72b3");
    private static final JID MONTAGUES = new JID("dlnmsr3lelq6ao8=@localhost/0c1bd4e1d0b3b3e0f8e3f5f1d0a3c2b1");
    private static final JID MARKER = new JID("dln2sb0=@localhost/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    private static final Limits FAST = new Limits(1_000, 10_000, Duration.ofMillis(5), 60);

    private static final class Limits {
        final GroupChangeChecks.Limits value;

        Limits(int pending, int rooms, Duration firstWait, int waits) {
            value = new GroupChangeChecks.Limits(pending, rooms, firstWait, waits);
        }
    }

    /** A loaded room with live lists. */
    private static final class Room implements LoadedRoom {
        final JID jid;
        final List<JID> owners = new CopyOnWriteArrayList<>();
        final List<JID> admins = new CopyOnWriteArrayList<>();
        final List<JID> members = new CopyOnWriteArrayList<>();
        final List<JID> outcasts = new CopyOnWriteArrayList<>();
        volatile boolean occupied = true;

        Room(String name) {
            jid = new JID(name, "conference.localhost", null);
        }

        @Override
        public JID jid() {
            return jid;
        }

        @Override
        public boolean occupied() {
            return occupied;
        }

        @Override
        public Collection<JID> owners() {
            return owners;
        }

        @Override
        public Collection<JID> admins() {
            return admins;
        }

        @Override
        public Collection<JID> members() {
            return members;
        }

        @Override
        public Collection<JID> outcasts() {
            return outcasts;
        }

        @Override
        public String toString() {
            return jid.toString();
        }
    }

    private final List<Room> rooms = new CopyOnWriteArrayList<>();
    private final BlockingQueue<JID> checked = new LinkedBlockingQueue<>();
    private final AtomicInteger lookUps = new AtomicInteger();
    private final PluginCounters counters = new PluginCounters(Instant.EPOCH);
    private final Room marker = room("marker");
    private ScheduledExecutorService thread;
    private GroupChangeChecks checks;

    {
        marker.members.add(MARKER);
    }

    @After
    public void stop() {
        if (checks != null) {
            checks.stop();
        }
    }

    private Room room(String name) {
        final Room room = new Room(name);
        rooms.add(room);
        return room;
    }

    private GroupChangeChecks start(Limits limits, Predicate<JID> groupExists, Consumer<JID> check) {
        rooms.remove(marker);
        rooms.add(marker);
        thread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, THREAD));
        checks = new GroupChangeChecks(thread, () -> {
            lookUps.incrementAndGet();
            return new ArrayList<>(rooms);
        }, groupExists, check, counters, limits.value);
        return checks;
    }

    private GroupChangeChecks start() {
        return start(FAST, group -> true, checked::add);
    }

    /** @return the rooms checked until the marker room's check, which comes after everything changed before */
    private List<JID> checkedUntilMarker() throws InterruptedException {
        // Last in the rooms' order, so that a batch that holds the marker's change checks it last.
        rooms.remove(marker);
        rooms.add(marker);
        checks.changed(GroupChange.users(MARKER));
        final List<JID> result = new ArrayList<>();
        while (true) {
            final JID room = checked.poll(10, TimeUnit.SECONDS);
            assertNotNull("the marker room was never checked; so far " + result, room);
            if (room.equals(marker.jid)) {
                return result;
            }
            result.add(room);
        }
    }

    @Test
    public void aUsersChangeChecksTheOccupiedRoomsListingTheGroupInAnyOfTheFourLists() throws Exception {
        final Room owners = room("owners");
        owners.owners.add(CAPULETS);
        final Room admins = room("admins");
        admins.admins.add(CAPULETS);
        final Room members = room("members");
        members.members.add(CAPULETS);
        final Room outcasts = room("outcasts");
        outcasts.outcasts.add(CAPULETS);
        final Room other = room("other-group");
        other.members.add(MONTAGUES);
        final Room users = room("users-only");
        users.members.add(new JID("juliet@localhost"));
        users.owners.add(new JID("capulet@localhost"));
        final Room empty = room("empty");
        empty.members.add(CAPULETS);
        empty.occupied = false;
        start();

        checks.changed(GroupChange.users(CAPULETS));

        assertEquals(List.of(owners.jid, admins.jid, members.jid, outcasts.jid), checkedUntilMarker());
    }

    /** Group JIDs compare as Openfire's do: node, domain and resource; a user with the group's node is another JID. */
    @Test
    public void onlyTheGroupsOwnJidCounts() throws Exception {
        final Room bare = room("bare-node");
        bare.members.add(new JID(CAPULETS.getNode(), CAPULETS.getDomain(), null));
        final Room parsed = room("parsed-again");
        parsed.members.add(new JID(CAPULETS.toString()));
        start();

        checks.changed(GroupChange.users(CAPULETS));

        assertEquals(List.of(parsed.jid), checkedUntilMarker());
    }

    @Test
    public void aRoomQueuedByManyChangesIsCheckedOnceAndAChangeAlreadyPendingIsOneLookUp() throws Exception {
        final Room both = room("both");
        both.members.add(CAPULETS);
        both.outcasts.add(MONTAGUES);
        final Room blocker = room("blocker");
        final JID blocking = new JID("blocking@localhost/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        blocker.owners.add(blocking);
        final CountDownLatch busy = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        start(FAST, group -> true, room -> {
            if (room.equals(blocker.jid)) {
                busy.countDown();
                await(release);
            }
            checked.add(room);
        });
        checks.changed(GroupChange.users(blocking));
        assertTrue(busy.await(10, TimeUnit.SECONDS));
        final int lookUpsBefore = lookUps.get();

        // While the thread is busy: a hundred changes of two groups that both room "both" lists.
        for (int i = 0; i < 100; i++) {
            checks.changed(GroupChange.users(CAPULETS));
            checks.changed(GroupChange.users(MONTAGUES));
        }
        assertEquals("a change already pending is not pending twice", 2, checks.pendingChanges());
        release.countDown();

        assertEquals(blocker.jid, checked.poll(10, TimeUnit.SECONDS));
        assertEquals(both.jid, checked.poll(10, TimeUnit.SECONDS));
        assertEquals("one look-up for the 200 changes", lookUpsBefore + 1, lookUps.get());
        assertEquals("room both was checked once", List.of(), checkedUntilMarker());
    }

    @Test
    public void aFailingCheckIsCountedAndLoggedAndTheOtherRoomsAndLaterChangesAreStillChecked() throws Exception {
        final Room broken = room("broken");
        broken.members.add(CAPULETS);
        final Room fine = room("fine");
        fine.admins.add(CAPULETS);
        final AtomicReference<String> thrownOn = new AtomicReference<>();
        start(FAST, group -> true, room -> {
            if (room.equals(broken.jid)) {
                thrownOn.set(Thread.currentThread().getName());
                throw new IllegalStateException("the room's history could not be read");
            }
            checked.add(room);
        });

        checks.changed(GroupChange.users(CAPULETS));
        assertEquals(List.of(fine.jid), checkedUntilMarker());
        assertEquals("on the checks' own thread", THREAD, thrownOn.get());
        assertEquals(1, counters.value(Counter.FAILURES));

        // The thread survived: the next change is checked as well.
        checks.changed(GroupChange.users(CAPULETS));
        assertEquals(List.of(fine.jid), checkedUntilMarker());
        assertEquals(2, counters.value(Counter.FAILURES));
    }

    @Test
    public void aFailingLookUpNeverReachesTheCallerAndTheThreadGoesOn() throws Exception {
        final Room room = room("room");
        room.members.add(CAPULETS);
        final AtomicBoolean failing = new AtomicBoolean(true);
        thread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, THREAD));
        checks = new GroupChangeChecks(thread, () -> {
            if (failing.getAndSet(false)) {
                throw new IllegalStateException("a MUC service failed to list its rooms");
            }
            return new ArrayList<>(rooms);
        }, group -> true, checked::add, counters, FAST.value);

        checks.changed(GroupChange.users(CAPULETS)); // the look-up fails; nothing reaches the caller
        final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counters.value(Counter.FAILURES) == 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(1, counters.value(Counter.FAILURES));
        assertEquals("nothing found that time", List.of(), checkedUntilMarker());

        checks.changed(GroupChange.users(CAPULETS));
        assertEquals(List.of(room.jid), checkedUntilMarker());
        assertEquals(1, counters.value(Counter.FAILURES));
    }

    @Test
    public void aDeletionIsCheckedOnceTheGroupIsGoneInEveryOccupiedRoom() throws Exception {
        // Openfire's rooms drop the deleted group from their lists while the event is dispatched, so after the
        // deletion nothing says which rooms listed it: every room with occupants is checked, once it is gone.
        final Room listed = room("listed");
        listed.members.add(CAPULETS);
        final Room unlisted = room("unlisted");
        final Room empty = room("empty");
        empty.occupied = false;
        final AtomicBoolean exists = new AtomicBoolean(true);
        final List<Boolean> existedAtCheck = new CopyOnWriteArrayList<>();
        start(FAST, group -> !group.equals(CAPULETS) || exists.get(), room -> {
            existedAtCheck.add(exists.get());
            checked.add(room);
        });

        checks.changed(GroupChange.deleted(CAPULETS));
        assertNull("nothing is checked while the group still exists", checked.poll(200, TimeUnit.MILLISECONDS));
        // Openfire: each room drops the group from its lists, then the group is deleted.
        listed.members.remove(CAPULETS);
        exists.set(false);

        final Set<JID> found = Set.of(checked.poll(10, TimeUnit.SECONDS), checked.poll(10, TimeUnit.SECONDS),
            checked.poll(10, TimeUnit.SECONDS));
        assertEquals(Set.of(listed.jid, unlisted.jid, marker.jid), found);
        assertFalse(existedAtCheck.contains(true));
    }

    @Test
    public void aDeletionOpenfireNeverFinishesIsCheckedWhenTheWaitEnds() throws Exception {
        final Room listed = room("listed");
        listed.members.add(CAPULETS);
        start(new Limits(1_000, 10_000, Duration.ofMillis(5), 4), group -> true, checked::add);

        final long start = System.nanoTime();
        checks.changed(GroupChange.deleted(CAPULETS));
        final JID first = checked.poll(10, TimeUnit.SECONDS);
        assertNotNull(first);
        assertTrue("waited 5 + 10 + 20 ms first", System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(35));
        assertEquals(Set.of(listed.jid, marker.jid), Set.of(first, checked.poll(10, TimeUnit.SECONDS)));
    }

    @Test
    public void aRenameIsCheckedOnceNoRoomListsTheFormerJidAndChecksTheRoomsOfBothJids() throws Exception {
        final JID renamed = new JID("cdgn0tbcclq76cg@localhost/cccccccccccccccccccccccccccccccc");
        final Room rewritten = room("rewritten");
        rewritten.owners.add(CAPULETS);
        final Room unrelated = room("unrelated");
        unrelated.owners.add(MONTAGUES);
        start();

        checks.changed(GroupChange.renamed(renamed, CAPULETS));
        assertNull("nothing is checked while a room still lists the former JID",
            checked.poll(200, TimeUnit.MILLISECONDS));
        // Openfire: the room adds the new JID, then drops the former one.
        rewritten.owners.add(renamed);
        rewritten.owners.remove(CAPULETS);

        assertEquals(rewritten.jid, checked.poll(10, TimeUnit.SECONDS));
        assertEquals(List.of(), checkedUntilMarker());
    }

    @Test
    public void pendingChangesAreBoundedAndTheOthersAreLeftToTheSweep() throws Exception {
        final Room a = room("a");
        a.members.add(CAPULETS);
        final Room b = room("b");
        b.members.add(MONTAGUES);
        final Room blocker = room("blocker");
        final JID blocking = new JID("blocking@localhost/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        blocker.owners.add(blocking);
        final CountDownLatch busy = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        start(new Limits(2, 10_000, Duration.ofMillis(5), 60), group -> true, room -> {
            if (room.equals(blocker.jid)) {
                busy.countDown();
                await(release);
            }
            checked.add(room);
        });
        checks.changed(GroupChange.users(blocking));
        assertTrue(busy.await(10, TimeUnit.SECONDS));

        checks.changed(GroupChange.users(CAPULETS));
        checks.changed(GroupChange.users(MARKER));
        checks.changed(GroupChange.users(MONTAGUES)); // the third: dropped
        assertEquals(2, checks.pendingChanges());
        release.countDown();

        assertEquals(blocker.jid, checked.poll(10, TimeUnit.SECONDS));
        assertEquals(a.jid, checked.poll(10, TimeUnit.SECONDS));
        assertEquals(marker.jid, checked.poll(10, TimeUnit.SECONDS));
        assertNull("b's group change was dropped", checked.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    public void queuedRoomsAreBounded() throws Exception {
        for (int i = 0; i < 5; i++) {
            room("r" + i).members.add(CAPULETS);
        }
        start(new Limits(1_000, 3, Duration.ofMillis(5), 60), group -> true, checked::add);

        checks.changed(GroupChange.users(CAPULETS));

        for (int i = 0; i < 3; i++) {
            assertNotNull(checked.poll(10, TimeUnit.SECONDS));
        }
        assertEquals("the other two were dropped", List.of(), checkedUntilMarker());
    }

    @Test
    public void stopEndsTheThreadAndLaterChangesAreIgnored() throws Exception {
        final Room room = room("room");
        room.members.add(CAPULETS);
        start();
        checks.changed(GroupChange.users(CAPULETS));
        assertEquals(List.of(room.jid), checkedUntilMarker());
        assertEquals(1, threads());

        checks.stop();

        assertTrue(thread.isTerminated());
        assertEquals(0, threads());
        checks.changed(GroupChange.users(CAPULETS)); // ignored, does not throw
        assertEquals(0, checks.pendingChanges());
        assertNull(checked.poll(100, TimeUnit.MILLISECONDS));
        checks = null;
    }

    @Test
    public void stopDuringAWaitForOpenfireEndsTheWait() throws Exception {
        room("listed").members.add(CAPULETS);
        start(FAST, group -> true, checked::add);
        checks.changed(GroupChange.deleted(CAPULETS));
        Thread.sleep(50);

        checks.stop();

        assertTrue(thread.isTerminated());
        assertNull(checked.poll(200, TimeUnit.MILLISECONDS));
        checks = null;
    }

    private static long threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && THREAD.equals(t.getName()))
            .count();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
