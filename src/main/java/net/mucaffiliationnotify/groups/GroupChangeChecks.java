package net.mucaffiliationnotify.groups;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.logging.ThrottledWarning;
import net.mucaffiliationnotify.statistics.Counter;
import net.mucaffiliationnotify.statistics.PluginCounters;

/**
 * Turns group changes into checks of the rooms whose lists they change, on one background thread of its own
 * (issue 15): a room that lists a group JID (as owner, admin, member or outcast) gains or loses an affiliated
 * user whenever the group does, and its occupants should hear of it at once rather than at the next sweep.
 *
 * <p><b>Cost.</b> {@link #changed} is what Openfire's dispatching thread (an admin-console page, a group
 * provider's thread) pays: it adds the change to a set and hands the set to the background thread, without
 * waiting and without looking at any room. Everything else happens on the background thread, in this order:
 * <ol>
 * <li>the pending changes are taken as one batch: a change already pending is not pending twice (a user added
 * to a group a hundred times before the thread gets to it is one change), and at most
 * {@link Limits#maxPendingChanges()} (1,000) changes wait at once; one more is dropped with a warning (once a
 * minute), and the sweep finds what it changed;</li>
 * <li>changes that Openfire's rooms are still applying to their own lists (a deletion, a rename: see
 * {@link GroupChange.Kind}) wait until Openfire is done (below);</li>
 * <li>one pass over the loaded rooms of every MUC service (the rooms in memory; an unloaded room has no
 * occupants to tell, and its next load reads its lists anew) reads each room's four lists, and queues the rooms
 * with occupants that list one of the batch's group JIDs, or, after a deletion, every room with occupants (once
 * Openfire has dropped a deleted group from the lists, nothing says which rooms held it); rooms without
 * occupants are left to their next join or request, as the sweep leaves them;</li>
 * <li>each queued room is checked once, however many changes queued it; at most
 * {@link Limits#maxQueuedRooms()} (10,000) rooms are queued at once, the others are dropped with a warning (once
 * a minute) and left to the sweep. A check that fails is counted ({@link Counter#FAILURES}) and logged (once a
 * minute per kind), and the next room is checked.</li>
 * </ol>
 * So one group change costs one pass over the loaded rooms' lists and one check per room with occupants that
 * lists the group (after a deletion, per room with occupants: what a sweep costs).
 *
 * <p><b>Waiting for Openfire.</b> Openfire delivers a group event to each loaded room (every {@code MUCRoom} is
 * a group listener) on the thread that changed the group, one listener after the other, in the order they
 * registered: rooms loaded before the plugin started hear it before this class, rooms loaded after hear it
 * later. Membership changes need no wait: Openfire refreshes its group cache before it dispatches them, and a
 * room's own listener does not touch the room's lists. A deletion is dispatched before the group is deleted,
 * and each room drops the group's JID from its lists as it hears it; a rename makes each room replace the former
 * JID with the new one. For these the thread checks again and again (after 50 ms, then twice as long each time,
 * 7 times: 6.35 s in all) until Openfire is done (the group no longer exists; no loaded room lists the former
 * JID), then looks up the rooms; rooms Openfire never updates (see the Openfire adapter on clusters) are
 * checked when the waiting ends.
 */
public final class GroupChangeChecks {
    private static final Logger Log = LoggerFactory.getLogger(GroupChangeChecks.class);
    private static final ThrottledWarning CHECK_FAILED = new ThrottledWarning(Log,
        "Could not check room {} for affiliation changes after a group change");
    private static final ThrottledWarning LOOKUP_FAILED = new ThrottledWarning(Log,
        "Could not find the rooms that group changes {} touch; the sweep will find their changes");
    private static final ThrottledWarning TOO_MANY_CHANGES = new ThrottledWarning(Log,
        "Group change {} not followed at once: too many group changes waiting; the sweep will find its changes");
    private static final ThrottledWarning TOO_MANY_ROOMS = new ThrottledWarning(Log,
        "Room {} not checked at once after a group change: too many rooms queued; the sweep will find its changes");

    /**
     * The bounds.
     *
     * @param maxPendingChanges group changes waiting for the background thread at most
     * @param maxQueuedRooms rooms queued for a check at most
     * @param firstWait the first wait for Openfire to finish a deletion or a rename (each further one doubles)
     * @param waits how many times to wait at most
     */
    public record Limits(int maxPendingChanges, int maxQueuedRooms, Duration firstWait, int waits) {
        /** 1,000 changes, 10,000 rooms, 50 ms doubled 7 times (6.35 s). */
        public static final Limits DEFAULT = new Limits(1_000, 10_000, Duration.ofMillis(50), 7);
    }

    private final ScheduledExecutorService thread;
    private final Supplier<? extends Iterable<? extends LoadedRoom>> rooms;
    private final Predicate<JID> groupExists;
    private final Consumer<JID> check;
    private final PluginCounters counters;
    private final Limits limits;

    private final Object lock = new Object();
    /** Changes the thread has not taken yet, in arrival order. Guarded by {@link #lock}. */
    private final Set<GroupChange> pending = new LinkedHashSet<>();
    /** Whether a drain is handed to the thread and has not taken the pending changes yet. Guarded by lock. */
    private boolean drainScheduled;
    private volatile boolean stopped;
    /** Rooms to check, each once. The background thread's own. */
    private final Set<JID> queued = new LinkedHashSet<>();

    /**
     * @param thread the background thread (one thread: the room queue is its own); {@link #stop} shuts it down
     * @param rooms the rooms loaded in memory, on every MUC service
     * @param groupExists whether a group JID names a group that exists
     * @param check checks one room (its bare JID) for affiliation changes and announces them
     * @param counters where failures are counted
     * @param limits the bounds
     */
    public GroupChangeChecks(ScheduledExecutorService thread, Supplier<? extends Iterable<? extends LoadedRoom>> rooms,
                             Predicate<JID> groupExists, Consumer<JID> check, PluginCounters counters, Limits limits) {
        this.thread = thread;
        this.rooms = rooms;
        this.groupExists = groupExists;
        this.check = check;
        this.counters = counters;
        this.limits = limits;
    }

    /**
     * Notes a group change for the background thread. Returns at once and never throws.
     *
     * @param change the change
     */
    public void changed(GroupChange change) {
        try {
            final boolean dropped;
            final boolean drain;
            synchronized (lock) {
                if (stopped || pending.contains(change)) {
                    return;
                }
                dropped = pending.size() >= limits.maxPendingChanges();
                if (!dropped) {
                    pending.add(change);
                }
                drain = !dropped && !drainScheduled;
                if (drain) {
                    drainScheduled = true;
                }
            }
            if (dropped) {
                TOO_MANY_CHANGES.warn(change, null);
            } else if (drain) {
                thread.execute(this::drain);
            }
        } catch (RejectedExecutionException e) {
            // Stopped meanwhile: the plugin is being unloaded.
        } catch (RuntimeException e) {
            counters.increment(Counter.FAILURES);
            LOOKUP_FAILED.warn(change, e);
        }
    }

    /** Stops the background thread (waiting up to 5 s for a check under way); later changes are ignored. */
    public void stop() {
        synchronized (lock) {
            stopped = true;
            pending.clear();
        }
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                Log.warn("The thread checking rooms after group changes did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the changes waiting for the background thread */
    int pendingChanges() {
        synchronized (lock) {
            return pending.size();
        }
    }

    private void drain() {
        final List<GroupChange> batch;
        synchronized (lock) {
            batch = new ArrayList<>(pending);
            pending.clear();
            drainScheduled = false;
        }
        final List<GroupChange> ready = new ArrayList<>(batch.size());
        for (GroupChange change : batch) {
            if (settled(change)) {
                ready.add(change);
            } else {
                later(change, 0);
            }
        }
        lookUpAndCheck(ready);
    }

    /** Waits for Openfire to finish applying a deletion or a rename to its rooms, then checks them. */
    private void later(GroupChange change, int waited) {
        try {
            thread.schedule(() -> {
                final boolean done = settled(change);
                if (done || waited + 1 >= limits.waits()) {
                    if (!done) {
                        Log.debug("Openfire did not finish applying {} within the wait; checking the rooms now", change);
                    }
                    lookUpAndCheck(List.of(change));
                } else {
                    later(change, waited + 1);
                }
            }, limits.firstWait().toNanos() << waited, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Stopped meanwhile.
        }
    }

    /** @return whether Openfire's own rooms are done applying the change to their lists */
    private boolean settled(GroupChange change) {
        try {
            switch (change.kind()) {
                case DELETED:
                    return !groupExists.test(change.group());
                case RENAMED:
                    for (LoadedRoom room : rooms.get()) {
                        if (room.listsAnyOf(List.of(change.former()))) {
                            return false;
                        }
                    }
                    return true;
                default:
                    return true;
            }
        } catch (RuntimeException | LinkageError e) {
            // Cannot tell: check now rather than never.
            counters.increment(Counter.FAILURES);
            LOOKUP_FAILED.warn(change, e);
            return true;
        }
    }

    private void lookUpAndCheck(List<GroupChange> changes) {
        if (changes.isEmpty() || stopped) {
            return;
        }
        final int found = lookUp(changes);
        Log.debug("Group change(s) {}: {} room(s) with occupants to check", changes, found);
        checkQueued();
    }

    /** Queues the rooms with occupants the changes touch, in one pass over the loaded rooms. */
    private int lookUp(Collection<GroupChange> changes) {
        final Set<JID> entries = new LinkedHashSet<>();
        boolean everyRoom = false;
        for (GroupChange change : changes) {
            switch (change.kind()) {
                case DELETED:
                    everyRoom = true;
                    break;
                case RENAMED:
                    entries.add(change.group());
                    entries.add(change.former());
                    break;
                default:
                    entries.add(change.group());
            }
        }
        int found = 0;
        try {
            for (LoadedRoom room : rooms.get()) {
                try {
                    if (room.occupied() && (everyRoom || room.listsAnyOf(entries))) {
                        enqueue(room.jid());
                        found++;
                    }
                } catch (RuntimeException | LinkageError e) {
                    // One room that cannot be read (destroyed meanwhile, say) does not stop the others.
                    counters.increment(Counter.FAILURES);
                    LOOKUP_FAILED.warn(changes, e);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            counters.increment(Counter.FAILURES);
            LOOKUP_FAILED.warn(changes, e);
        }
        return found;
    }

    private void enqueue(JID room) {
        if (queued.contains(room)) {
            return;
        }
        if (queued.size() >= limits.maxQueuedRooms()) {
            TOO_MANY_ROOMS.warn(room, null);
            return;
        }
        queued.add(room);
    }

    private void checkQueued() {
        while (!queued.isEmpty() && !stopped) {
            final Iterator<JID> first = queued.iterator();
            final JID room = first.next();
            first.remove();
            try {
                check.accept(room);
            } catch (RuntimeException | LinkageError e) {
                counters.increment(Counter.FAILURES);
                CHECK_FAILED.warn(room, e);
            }
        }
    }
}
