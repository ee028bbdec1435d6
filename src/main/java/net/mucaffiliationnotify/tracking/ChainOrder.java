package net.mucaffiliationnotify.tracking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Delivers each room's announcements on one cluster node in the order of the room's history, whatever order
 * they reach the node in and on whichever threads (announcements made on other nodes arrive as cluster tasks,
 * which Hazelcast runs on several threads).
 *
 * <p>An announcement is a span of the room's history: from position {@code from} (the number of steps the
 * history had applied) and version {@code since} to position {@code to} and version {@code until}. Positions
 * tell announcements apart where versions cannot: versions are derived from the lists, so they repeat whenever
 * the lists return to an earlier state. One that starts where the last one delivered ended is delivered at once,
 * with the ones it unblocks; one that comes early waits for the one before it, at most {@code maxWaitNanos}
 * (the one before may never come: its node left), then what waits is delivered in position order. The first
 * announcements of a room this node has not seen, or of a room whose history started again (position 0),
 * wait {@code firstWaitNanos}: one made earlier may still be on its way. One that comes after a later one was
 * delivered (it was given up on) is delivered at once: waiting would not put it back in its place.</p>
 *
 * <p>What this node makes itself is made under the room's cluster-wide lock, so every earlier announcement of
 * the room has been handed to this node already, but may still be on its way (a cluster task in a queue):
 * {@link #offerOwn} waits for those, at most {@code maxWaitNanos}, then delivers; it returns once delivered (the
 * requester's notification must precede its reply, which follows).</p>
 *
 * <p>Every delivery happens under this object's lock, in the order decided, so two threads never swap two
 * announcements on their way to a session. The consumer must not block for long, and must not throw.</p>
 *
 * <p>Bounded: at most {@code maxRooms} rooms are remembered (the least recently announced forgotten; a room
 * forgotten takes its next announcements as a room not seen yet) and at most {@code maxWaiting} announcements
 * wait per room (beyond it, the room's waiting ones are delivered).</p>
 *
 * @param <T> what is delivered
 */
public final class ChainOrder<T> {
    /** Where a room's history stood after the last announcement delivered. */
    private record Link(long position, String version) {
    }

    private record Waiting<T>(long from, String since, long to, String until, T payload, long atNanos) {
    }

    private final long maxWaitNanos;
    private final long firstWaitNanos;
    private final int maxRooms;
    private final int maxWaiting;
    private final LongSupplier nanoClock;
    private final Consumer<T> delivery;
    /** Per room, where the last announcement delivered ended; access order, for forgetting the least recent. */
    private final LinkedHashMap<String, Link> last;
    private final Map<String, List<Waiting<T>>> waiting = new HashMap<>();

    /**
     * @param maxWaitNanos how long an early announcement waits for the one before it
     * @param firstWaitNanos how long the first announcements of a room not seen yet wait for earlier ones
     * @param maxRooms most rooms remembered
     * @param maxWaiting most announcements waiting per room
     * @param nanoClock monotonic time
     * @param delivery delivers one announcement to this node's sessions; called under this object's lock
     */
    public ChainOrder(long maxWaitNanos, long firstWaitNanos, int maxRooms, int maxWaiting, LongSupplier nanoClock,
                      Consumer<T> delivery) {
        this.maxWaitNanos = maxWaitNanos;
        this.firstWaitNanos = firstWaitNanos;
        this.maxRooms = maxRooms;
        this.maxWaiting = maxWaiting;
        this.nanoClock = nanoClock;
        this.delivery = delivery;
        this.last = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Link> eldest) {
                return size() > ChainOrder.this.maxRooms && !waiting.containsKey(eldest.getKey());
            }
        };
    }

    /**
     * An announcement another node made: delivered now if it follows the last one delivered (with the ones it
     * unblocks), else kept until the one before it comes or its wait is over.
     *
     * @param room the room
     * @param from the history's position before it
     * @param since the room's version before it
     * @param to the history's position after it
     * @param until the room's version after it
     * @param payload what to deliver
     */
    public synchronized void offer(String room, long from, String since, long to, String until, T payload) {
        final long now = nanoClock.getAsLong();
        expireAt(now);
        final Link at = last.get(room);
        if (at != null && follows(at, from, since)) {
            deliver(room, payload, to, until);
            drain(room);
            notifyAll();
            return;
        }
        if (at != null && from > 0 && from < at.position()) {
            // Late: a later one went out after this one was given up on. Waiting would not put it back in place.
            delivery.accept(payload);
            return;
        }
        if (at != null && from <= at.position()) {
            // Position 0 (the room's history started again: evicted, or notifications switched off and on) or
            // the same position with another version (versions derived anew): a new chain, from an unknown start.
            last.remove(room);
        }
        final List<Waiting<T>> queue = waiting.computeIfAbsent(room, r -> new ArrayList<>());
        queue.add(new Waiting<>(from, since, to, until, payload, now));
        if (queue.size() > maxWaiting) {
            releaseAll(room);
        }
    }

    /**
     * An announcement this node made, under the room's cluster-wide lock: every earlier one of the room was
     * handed to this node before, but may still be on its way. Waits for them (at most {@code maxWaitNanos}),
     * delivers what still waits, in position order, then this one. Returns once it is delivered.
     *
     * @param room the room
     * @param from the history's position before it
     * @param since the room's version before it
     * @param to the history's position after it
     * @param until the room's version after it
     * @param payload what to deliver
     * @return whether earlier ones were still missing when the wait was over (delivered without them)
     */
    public synchronized boolean offerOwn(String room, long from, String since, long to, String until, T payload) {
        final long now = nanoClock.getAsLong();
        expireAt(now);
        final long deadline = now + maxWaitNanos;
        Link at = last.get(room);
        boolean gaveUp = false;
        while (at != null && from > at.position()) {
            // Earlier ones are on their way: each one delivered wakes this thread.
            final long remaining = deadline - nanoClock.getAsLong();
            if (remaining <= 0) {
                gaveUp = true;
                break;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            expireAt(nanoClock.getAsLong());
            at = last.get(room);
        }
        releaseAll(room);
        deliver(room, payload, to, until);
        notifyAll();
        return gaveUp;
    }

    /** Delivers the announcements whose wait is over, each room's in position order (the release thread). */
    public synchronized void expire() {
        expireAt(nanoClock.getAsLong());
    }

    /** @return how many announcements wait */
    public synchronized int waitingCount() {
        int count = 0;
        for (List<Waiting<T>> queue : waiting.values()) {
            count += queue.size();
        }
        return count;
    }

    private static boolean follows(Link at, long from, String since) {
        return at.position() == from && at.version().equals(since);
    }

    private void deliver(String room, T payload, long to, String until) {
        delivery.accept(payload);
        last.put(room, new Link(to, until));
    }

    private void expireAt(long now) {
        boolean released = false;
        for (String room : new ArrayList<>(waiting.keySet())) {
            final List<Waiting<T>> queue = waiting.get(room);
            final long wait = last.containsKey(room) ? maxWaitNanos : firstWaitNanos;
            if (queue != null && !queue.isEmpty() && now - queue.get(0).atNanos() >= wait) {
                releaseAll(room);
                released = true;
            }
        }
        if (released) {
            notifyAll();
        }
    }

    /** Delivers what follows the room's last announcement, one after the other. */
    private void drain(String room) {
        final List<Waiting<T>> queue = waiting.get(room);
        boolean found = true;
        while (queue != null && found) {
            found = false;
            final Link at = last.get(room);
            final Iterator<Waiting<T>> it = queue.iterator();
            while (it.hasNext()) {
                final Waiting<T> next = it.next();
                if (follows(at, next.from(), next.since())) {
                    it.remove();
                    deliver(room, next.payload(), next.to(), next.until());
                    found = true;
                    break;
                }
            }
        }
        if (queue != null && queue.isEmpty()) {
            waiting.remove(room);
        }
    }

    /** Gives up waiting: delivers the room's waiting announcements in position order. */
    private void releaseAll(String room) {
        final List<Waiting<T>> queue = waiting.remove(room);
        if (queue == null) {
            return;
        }
        queue.sort(Comparator.comparingLong(Waiting::from)); // stable: arrival order among equal positions
        for (Waiting<T> w : queue) {
            deliver(room, w.payload(), w.to(), w.until());
        }
    }
}
