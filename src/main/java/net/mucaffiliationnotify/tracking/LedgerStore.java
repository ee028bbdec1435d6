package net.mucaffiliationnotify.tracking;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.xmpp.packet.JID;

/**
 * Where the tracker keeps the rooms' ledgers (see {@link RoomLedger}). On a single node a map in this JVM.
 * In a cluster every node processes requests for every room, so the ledger must be one for all nodes: a
 * clustered cache holding JDK types only (a {@code LinkedHashMap} of strings per room), each update done
 * under the cache's cluster-wide lock for that room. Without it, the same change made through two nodes
 * would be announced twice, and a form on one node would not see a grant made through another.
 */
public abstract class LedgerStore {
    /**
     * Runs {@code step} on the room's ledger exclusively, and drops the ledger when it is left empty.
     *
     * @param room the bare room JID
     * @param create whether to start an empty ledger when the room has none (otherwise nothing runs)
     * @param step the work on the ledger
     */
    abstract void update(JID room, boolean create, Function<RoomLedger, Void> step);

    abstract void remove(JID room);

    abstract int size();

    abstract void clear();

    /** @return ledgers in this JVM */
    public static LedgerStore local() {
        return new LedgerStore() {
            private final Map<JID, RoomLedger> ledgers = new ConcurrentHashMap<>();

            @Override
            void update(JID room, boolean create, Function<RoomLedger, Void> step) {
                final BiFunction<JID, RoomLedger, RoomLedger> apply = (jid, ledger) -> {
                    final RoomLedger current = ledger == null ? new RoomLedger() : ledger;
                    step.apply(current);
                    return current.isEmpty() ? null : current;
                };
                if (create) {
                    ledgers.compute(room, apply);
                } else {
                    ledgers.computeIfPresent(room, apply);
                }
            }

            @Override
            void remove(JID room) {
                ledgers.remove(room);
            }

            @Override
            int size() {
                return ledgers.size();
            }

            @Override
            void clear() {
                ledgers.clear();
            }
        };
    }

    /**
     * @param cache a clustered cache (JDK types only, so that every node can read the values)
     * @param locks the cluster-wide lock of a cache key (Openfire: {@code cache::getLock})
     * @return ledgers shared by all cluster nodes
     */
    public static LedgerStore clustered(Map<String, LinkedHashMap<String, String>> cache, Function<String, Lock> locks) {
        return new LedgerStore() {
            @Override
            void update(JID room, boolean create, Function<RoomLedger, Void> step) {
                final String key = room.toBareJID();
                final Lock lock = locks.apply(key);
                lock.lock();
                try {
                    final LinkedHashMap<String, String> data = cache.get(key);
                    if (data == null && !create) {
                        return;
                    }
                    final RoomLedger ledger = data == null ? new RoomLedger() : RoomLedger.decode(data);
                    step.apply(ledger);
                    // Written only when changed: a write renews the entry's lifetime, and a look at the held JIDs
                    // (each sweep) must not keep alive the entry of a node that died mid-request.
                    if (ledger.isEmpty()) {
                        if (data != null) {
                            cache.remove(key);
                        }
                    } else {
                        final LinkedHashMap<String, String> encoded = ledger.encode();
                        if (!encoded.equals(data)) {
                            cache.put(key, encoded);
                        }
                    }
                } finally {
                    lock.unlock();
                }
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
     * @param clustered whether the node is in a cluster now (Openfire: {@code ClusterManager::isClusteringStarted})
     * @param local the store used on a single node
     * @param shared the store used in a cluster
     * @return a store that follows the node joining and leaving a cluster
     */
    public static LedgerStore following(BooleanSupplier clustered, LedgerStore local, LedgerStore shared) {
        return new LedgerStore() {
            private LedgerStore current() {
                return clustered.getAsBoolean() ? shared : local;
            }

            @Override
            void update(JID room, boolean create, Function<RoomLedger, Void> step) {
                current().update(room, create, step);
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

            /** Only this node's own ledgers: the shared ones belong to requests other nodes still follow. */
            @Override
            void clear() {
                local.clear();
            }
        };
    }
}
