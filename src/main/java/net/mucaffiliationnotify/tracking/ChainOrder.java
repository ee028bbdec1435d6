package net.mucaffiliationnotify.tracking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts each room's announcements back into the order of its history on a node that receives them out of
 * order (a cluster node: announcements made on other nodes arrive as cluster tasks, which Hazelcast runs on
 * several threads). An announcement whose {@code since} is the room's last {@code until} is ready, and so are
 * the ones it unblocks; one that comes early waits for the one before it, at most {@code maxWaitNanos}
 * (the one before may never come: its node left, or the history started afresh), then what waits is
 * released in its own chain's order. The first announcements of a room this node has not seen wait
 * {@code firstWaitNanos}: one made earlier may still be on its way, and the chain's start is whichever of
 * them follows none of the others.
 *
 * <p>Bounded: at most {@code maxRooms} rooms are remembered (the least recently announced forgotten; a room
 * forgotten takes its next announcement as it comes) and at most {@code maxWaiting} announcements wait per
 * room (beyond it, the room's waiting ones are released).</p>
 *
 * @param <T> what is delivered
 */
public final class ChainOrder<T> {
    private record Waiting<T>(String since, String until, T payload, long atNanos) {
    }

    private final long maxWaitNanos;
    private final long firstWaitNanos;
    private final int maxRooms;
    private final int maxWaiting;
    /** Per room, the until of the last announcement released; access order, for forgetting the least recent. */
    private final LinkedHashMap<String, String> last;
    private final Map<String, List<Waiting<T>>> waiting = new HashMap<>();

    /**
     * @param maxWaitNanos how long an early announcement waits for the one before it
     * @param firstWaitNanos how long the first announcements of a room not seen yet wait for earlier ones
     * @param maxRooms most rooms remembered
     * @param maxWaiting most announcements waiting per room
     */
    public ChainOrder(long maxWaitNanos, long firstWaitNanos, int maxRooms, int maxWaiting) {
        this.maxWaitNanos = maxWaitNanos;
        this.firstWaitNanos = firstWaitNanos;
        this.maxRooms = maxRooms;
        this.maxWaiting = maxWaiting;
        this.last = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > ChainOrder.this.maxRooms && !waiting.containsKey(eldest.getKey());
            }
        };
    }

    /**
     * @param room the room
     * @param since the room's version before the announcement
     * @param until the room's version after it
     * @param payload what to deliver
     * @param nowNanos monotonic time now
     * @return what is ready, in order (this announcement, the ones it unblocks, and any whose wait is over)
     */
    public synchronized List<T> offer(String room, String since, String until, T payload, long nowNanos) {
        final List<T> ready = new ArrayList<>(expire(nowNanos));
        final String lastUntil = last.get(room);
        if (lastUntil != null && lastUntil.equals(since)) {
            ready.add(payload);
            last.put(room, until);
            drain(room, ready);
            return ready;
        }
        final List<Waiting<T>> queue = waiting.computeIfAbsent(room, r -> new ArrayList<>());
        queue.add(new Waiting<>(since, until, payload, nowNanos));
        if (queue.size() > maxWaiting) {
            release(room, ready);
        }
        return ready;
    }

    /**
     * An announcement this node made, under the room's cluster-wide lock: every other announcement of the
     * room was made before it, so what waits is released first, then this one, at once (the requester's
     * notification must precede its reply, which follows right after).
     *
     * @param room the room
     * @param until the room's version after it
     * @param payload what to deliver
     * @param nowNanos monotonic time now
     * @return what is ready, in order
     */
    public synchronized List<T> offerOwn(String room, String until, T payload, long nowNanos) {
        final List<T> ready = new ArrayList<>(expire(nowNanos));
        release(room, ready);
        ready.add(payload);
        last.put(room, until);
        return ready;
    }

    /**
     * @param nowNanos monotonic time now
     * @return the announcements whose wait is over, each room's in its own chain's order
     */
    public synchronized List<T> expire(long nowNanos) {
        final List<T> ready = new ArrayList<>();
        for (String room : new ArrayList<>(waiting.keySet())) {
            final List<Waiting<T>> queue = waiting.get(room);
            final long wait = last.containsKey(room) ? maxWaitNanos : firstWaitNanos;
            if (queue != null && !queue.isEmpty() && nowNanos - queue.get(0).atNanos() >= wait) {
                release(room, ready);
            }
        }
        return ready;
    }

    /** @return how many announcements wait */
    public synchronized int waitingCount() {
        int count = 0;
        for (List<Waiting<T>> queue : waiting.values()) {
            count += queue.size();
        }
        return count;
    }

    /** Releases what follows the room's last until, one after the other. */
    private void drain(String room, List<T> ready) {
        final List<Waiting<T>> queue = waiting.get(room);
        boolean found = true;
        while (queue != null && found) {
            found = false;
            final Iterator<Waiting<T>> it = queue.iterator();
            while (it.hasNext()) {
                final Waiting<T> next = it.next();
                if (next.since().equals(last.get(room))) {
                    it.remove();
                    ready.add(next.payload());
                    last.put(room, next.until());
                    found = true;
                    break;
                }
            }
        }
        if (queue != null && queue.isEmpty()) {
            waiting.remove(room);
        }
    }

    /** Gives up waiting: releases the room's waiting announcements, from the start of their own chain. */
    private void release(String room, List<T> ready) {
        List<Waiting<T>> queue = waiting.remove(room);
        while (queue != null && !queue.isEmpty()) {
            final Set<String> untils = new HashSet<>();
            queue.forEach(w -> untils.add(w.until()));
            Waiting<T> start = queue.get(0);
            for (Waiting<T> w : queue) {
                if (!untils.contains(w.since())) {
                    start = w;
                    break;
                }
            }
            queue.remove(start);
            ready.add(start.payload());
            last.put(room, start.until());
            waiting.put(room, queue);
            drain(room, ready); // removes the room's queue once it is empty
            queue = waiting.remove(room);
        }
    }
}
