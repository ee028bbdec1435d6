package net.mucaffiliationnotify.tracking;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.xmpp.packet.JID;

/**
 * One value per room: on a single node, objects in a map of this JVM (at most a given number of rooms, the
 * least recently used dropped beyond it); in a cluster, one string per room in a clustered cache (JDK types
 * only, so every node can read it), encoded by a {@link Codec}. The store does not lock: callers hold the
 * room's lock ({@link RoomLocks}) around every {@link #update}, which makes a read, change and write of a
 * room's value one step for every node.
 *
 * @param <T> the value kept per room
 */
public abstract class RoomStore<T> {
    /** Most rooms whose last decoded value a clustered store keeps on this node. */
    public static final int DECODED_ROOMS = 10_000;

    /** Encodes a value for a clustered cache. */
    public interface Codec<T> {
        /**
         * @param value a value
         * @return the value as one string
         */
        String encode(T value);

        /**
         * @param room the bare room JID
         * @param text a value as {@link #encode} wrote it
         * @return the value, or {@code null} when the text is not one (the caller starts afresh)
         */
        T decode(JID room, String text);
    }

    /** A room's value while the caller holds it: {@link #value} may be set, replaced, or cleared (removed). */
    public static final class Slot<T> {
        /** The value, {@code null} when the room has none. */
        public T value;

        Slot(T value) {
            this.value = value;
        }
    }

    /**
     * Runs {@code work} on the room's value and keeps what the slot holds afterwards. The caller holds the
     * room's lock.
     *
     * @param room the bare room JID
     * @param work the work
     * @param <R> what the work returns
     * @return what the work returned
     */
    public abstract <R> R update(JID room, Function<Slot<T>, R> work);

    /** @param room a bare room JID whose value is dropped */
    public abstract void remove(JID room);

    /** @return how many rooms have a value */
    public abstract int size();

    /** Drops every value this store keeps (a clustered store: the values of every node). */
    public abstract void clear();

    /**
     * @param maxRooms most rooms kept; beyond it the least recently used room's value is dropped
     * @param <T> the value kept per room
     * @return values in this JVM
     */
    public static <T> RoomStore<T> local(int maxRooms) {
        if (maxRooms < 1) {
            throw new IllegalArgumentException("maxRooms must be positive: " + maxRooms);
        }
        return new RoomStore<>() {
            /** A value and when it was last used (a tick of {@link #clock}), for dropping the least recent. */
            private final class Kept {
                final T value;
                volatile long used;

                Kept(T value) {
                    this.value = value;
                    this.used = clock.incrementAndGet();
                }
            }

            private final Map<JID, Kept> values = new ConcurrentHashMap<>();
            private final AtomicLong clock = new AtomicLong();

            @Override
            public <R> R update(JID room, Function<Slot<T>, R> work) {
                final Kept kept = values.get(room);
                final Slot<T> slot = new Slot<>(kept == null ? null : kept.value);
                final R result = work.apply(slot);
                if (slot.value == null) {
                    if (kept != null) {
                        values.remove(room);
                    }
                } else if (kept != null && kept.value == slot.value) {
                    kept.used = clock.incrementAndGet();
                } else {
                    values.put(room, new Kept(slot.value));
                    if (kept == null && values.size() > maxRooms) {
                        dropLeastRecentlyUsed(room);
                    }
                }
                return result;
            }

            /** A scan, but only when a room is added beyond the bound: a room's first look, not each change. */
            private void dropLeastRecentlyUsed(JID added) {
                while (values.size() > maxRooms) {
                    JID oldest = null;
                    long oldestUse = Long.MAX_VALUE;
                    for (Map.Entry<JID, Kept> entry : values.entrySet()) {
                        if (entry.getValue().used < oldestUse && !entry.getKey().equals(added)) {
                            oldest = entry.getKey();
                            oldestUse = entry.getValue().used;
                        }
                    }
                    if (oldest == null) {
                        return;
                    }
                    values.remove(oldest);
                }
            }

            @Override
            public void remove(JID room) {
                values.remove(room);
            }

            @Override
            public int size() {
                return values.size();
            }

            @Override
            public void clear() {
                values.clear();
            }
        };
    }

    /**
     * @param cache a clustered cache of bare room JID to encoded value
     * @param codec encodes and decodes values
     * @param <T> the value kept per room
     * @return values shared by all cluster nodes
     */
    public static <T> RoomStore<T> clustered(Map<String, String> cache, Codec<T> codec) {
        return new RoomStore<>() {
            /** A text this node read or wrote and its value: what a look finds unchanged is not decoded again. */
            private record Decoded<T>(String text, T value) {
            }

            /** Per room, the last text and its value (access order, at most DECODED_ROOMS rooms). */
            private final Map<String, Decoded<T>> decoded = new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Decoded<T>> eldest) {
                    return size() > DECODED_ROOMS;
                }
            };

            @Override
            public <R> R update(JID room, Function<Slot<T>, R> work) {
                final String key = room.toBareJID();
                final String text = cache.get(key);
                final Decoded<T> known;
                synchronized (decoded) {
                    known = decoded.remove(key);
                }
                // The sweep looks at every occupied room every few seconds: decoding a history costs two hashes
                // per step, comparing the text with the one this node last saw costs a string comparison.
                final T value = text == null ? null
                    : known != null && known.text().equals(text) ? known.value() : codec.decode(room, text);
                final Slot<T> slot = new Slot<>(value);
                final R result = work.apply(slot); // a failure leaves the value out of the decoded ones
                if (slot.value == null) {
                    if (text != null) {
                        cache.remove(key);
                    }
                    return result;
                }
                // Written only when changed: a write renews the entry's lifetime, and a look must not keep alive
                // what a node that died left behind.
                final String updated = codec.encode(slot.value);
                if (!updated.equals(text)) {
                    cache.put(key, updated);
                }
                synchronized (decoded) {
                    decoded.put(key, new Decoded<>(updated, slot.value));
                }
                return result;
            }

            @Override
            public void remove(JID room) {
                cache.remove(room.toBareJID());
                synchronized (decoded) {
                    decoded.remove(room.toBareJID());
                }
            }

            @Override
            public int size() {
                return cache.size();
            }

            @Override
            public void clear() {
                cache.clear();
                synchronized (decoded) {
                    decoded.clear();
                }
            }
        };
    }

    /**
     * @param clustered whether the node is in a cluster now
     * @param local the store used on a single node
     * @param shared the store used in a cluster
     * @param <T> the value kept per room
     * @return a store that follows the node joining and leaving a cluster
     */
    public static <T> RoomStore<T> following(BooleanSupplier clustered, RoomStore<T> local, RoomStore<T> shared) {
        return new RoomStore<>() {
            private final AtomicBoolean wasClustered = new AtomicBoolean(clustered.getAsBoolean());

            /**
             * The store for now. When the node has joined or left a cluster since, its own values are dropped:
             * they stopped at the join, and reused after leaving they would make the next look announce again
             * every change made while the node was clustered.
             */
            private RoomStore<T> current() {
                final boolean now = clustered.getAsBoolean();
                if (wasClustered.getAndSet(now) != now) {
                    local.clear();
                }
                return now ? shared : local;
            }

            @Override
            public <R> R update(JID room, Function<Slot<T>, R> work) {
                return current().update(room, work);
            }

            @Override
            public void remove(JID room) {
                local.remove(room);
                shared.remove(room);
            }

            @Override
            public int size() {
                return current().size();
            }

            /** Only this node's own values: the shared ones serve the other nodes too. */
            @Override
            public void clear() {
                local.clear();
            }
        };
    }
}
