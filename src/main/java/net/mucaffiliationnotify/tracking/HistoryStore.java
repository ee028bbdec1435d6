package net.mucaffiliationnotify.tracking;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.xmpp.packet.JID;

import net.mucaffiliationnotify.versioning.AffiliationHistory;
import net.mucaffiliationnotify.versioning.VersionHasher;

/**
 * Where the rooms' affiliation histories live (XEP-0463). On a single node, objects in a map of this JVM. In
 * a cluster, one string per room in a clustered cache (JDK types only), each update done under the cache's
 * cluster-wide lock for the room: every node then extends the same history, and since versions are derived
 * from state with a secret all nodes share, every node gives the same version for the same state.
 */
public abstract class HistoryStore {
    /** A room's history while one caller holds it; {@link #history} may be set (started) or replaced. */
    public static final class Slot {
        /** The history, {@code null} when the room has none yet. */
        public AffiliationHistory history;

        Slot(AffiliationHistory history) {
            this.history = history;
        }
    }

    /**
     * Runs {@code work} on the room's history exclusively and keeps what the slot holds afterwards.
     *
     * @param room the bare room JID
     * @param work the work; it must not block nor deliver stanzas
     * @param <R> what the work returns
     * @return what the work returned
     */
    abstract <R> R update(JID room, Function<Slot, R> work);

    /**
     * @param room the bare room JID
     * @return the room's current version, or {@code null} when it has no history
     */
    abstract String version(JID room);

    abstract void remove(JID room);

    abstract int size();

    abstract void clear();

    /**
     * Most rooms whose histories one node keeps in its own memory (single node). Beyond it, the least
     * recently used room's history is dropped; the room's next look starts a new one from its state (a client
     * then gets the full list once, and a change made outside XMPP meanwhile is not announced).
     */
    public static final int MAX_LOCAL_ROOMS = 10_000;

    /** @return histories in this JVM, at most {@link #MAX_LOCAL_ROOMS} rooms */
    public static HistoryStore local() {
        return local(MAX_LOCAL_ROOMS);
    }

    /**
     * @param maxRooms most rooms kept; the least recently used are dropped beyond it
     * @return histories in this JVM
     */
    public static HistoryStore local(int maxRooms) {
        if (maxRooms < 1) {
            throw new IllegalArgumentException("maxRooms must be positive: " + maxRooms);
        }
        return new HistoryStore() {
            /** A history and when it was last used (a tick of {@link #clock}), for dropping the least recent. */
            private final class Kept {
                final AffiliationHistory history;
                volatile long used;

                Kept(AffiliationHistory history) {
                    this.history = history;
                    this.used = clock.incrementAndGet();
                }
            }

            private final Map<JID, Kept> histories = new ConcurrentHashMap<>();
            private final AtomicLong clock = new AtomicLong();

            @Override
            <R> R update(JID room, Function<Slot, R> work) {
                final Object[] result = new Object[1];
                final boolean[] added = new boolean[1];
                histories.compute(room, (jid, kept) -> {
                    final Slot slot = new Slot(kept == null ? null : kept.history);
                    result[0] = work.apply(slot);
                    if (slot.history == null) {
                        return null;
                    }
                    added[0] = kept == null;
                    if (kept != null && kept.history == slot.history) {
                        kept.used = clock.incrementAndGet();
                        return kept;
                    }
                    return new Kept(slot.history);
                });
                if (added[0] && histories.size() > maxRooms) {
                    dropLeastRecentlyUsed(room);
                }
                @SuppressWarnings("unchecked")
                final R r = (R) result[0];
                return r;
            }

            /** A scan, but only when a room is added beyond the bound: a room's first look, not each change. */
            private void dropLeastRecentlyUsed(JID added) {
                while (histories.size() > maxRooms) {
                    JID oldest = null;
                    long oldestUse = Long.MAX_VALUE;
                    for (Map.Entry<JID, Kept> entry : histories.entrySet()) {
                        if (entry.getValue().used < oldestUse && !entry.getKey().equals(added)) {
                            oldest = entry.getKey();
                            oldestUse = entry.getValue().used;
                        }
                    }
                    if (oldest == null) {
                        return;
                    }
                    histories.remove(oldest);
                }
            }

            @Override
            String version(JID room) {
                // Read under the map's bin lock: histories are mutable.
                final String[] version = new String[1];
                histories.computeIfPresent(room, (jid, kept) -> {
                    version[0] = kept.history.version();
                    kept.used = clock.incrementAndGet();
                    return kept;
                });
                return version[0];
            }

            @Override
            void remove(JID room) {
                histories.remove(room);
            }

            @Override
            int size() {
                return histories.size();
            }

            @Override
            void clear() {
                histories.clear();
            }
        };
    }

    /**
     * @param cache a clustered cache of room JID to encoded history
     * @param locks the cluster-wide lock of a cache key (Openfire: {@code cache::getLock})
     * @param hasher derives versions, to decode histories
     * @param maxSteps how many steps a history keeps
     * @return histories shared by all cluster nodes
     */
    public static HistoryStore clustered(Map<String, String> cache, Function<String, Lock> locks, VersionHasher hasher,
                                         int maxSteps) {
        return new HistoryStore() {
            @Override
            <R> R update(JID room, Function<Slot, R> work) {
                final String key = room.toBareJID();
                final Lock lock = locks.apply(key);
                lock.lock();
                try {
                    final String text = cache.get(key);
                    final AffiliationHistory history = text == null ? null
                        : AffiliationHistory.decode(key, hasher, maxSteps, text);
                    final Slot slot = new Slot(history);
                    final R result = work.apply(slot);
                    if (slot.history == null) {
                        cache.remove(key);
                    } else {
                        final String updated = slot.history.encode();
                        if (!updated.equals(text)) {
                            cache.put(key, updated);
                        }
                    }
                    return result;
                } finally {
                    lock.unlock();
                }
            }

            @Override
            String version(JID room) {
                final String text = cache.get(room.toBareJID());
                // Null for a text of a former format too: the caller's update then derives its versions anew.
                return text == null ? null : AffiliationHistory.versionOf(text);
            }

            @Override
            void remove(JID room) {
                cache.remove(room.toBareJID());
            }

            @Override
            int size() {
                return cache.size();
            }

            @Override
            void clear() {
                cache.clear();
            }
        };
    }

    /**
     * @param clustered whether the node is in a cluster now
     * @param local the store used on a single node
     * @param shared the store used in a cluster
     * @return a store that follows the node joining and leaving a cluster
     */
    public static HistoryStore following(BooleanSupplier clustered, HistoryStore local, HistoryStore shared) {
        return new HistoryStore() {
            private final AtomicBoolean wasClustered = new AtomicBoolean(clustered.getAsBoolean());

            /**
             * The store for now. When the node has joined or left a cluster since, its own histories are
             * dropped: they stopped at the join, and reused after leaving they would make the next sweep
             * announce again every change made while the node was clustered.
             */
            private HistoryStore current() {
                final boolean now = clustered.getAsBoolean();
                if (wasClustered.getAndSet(now) != now) {
                    local.clear();
                }
                return now ? shared : local;
            }

            @Override
            <R> R update(JID room, Function<Slot, R> work) {
                return current().update(room, work);
            }

            @Override
            String version(JID room) {
                return current().version(room);
            }

            @Override
            void remove(JID room) {
                local.remove(room);
                shared.remove(room);
            }

            @Override
            int size() {
                return current().size();
            }

            /** Only this node's own histories: the shared ones serve the other nodes too. */
            @Override
            void clear() {
                local.clear();
            }
        };
    }
}
