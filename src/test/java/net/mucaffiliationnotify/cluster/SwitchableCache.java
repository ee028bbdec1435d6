package net.mucaffiliationnotify.cluster;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import com.hazelcast.map.IMap;

/**
 * What Openfire's {@code CacheWrapper} does for a plugin's cache: the plugin keeps one object, and Openfire
 * swaps what it wraps when the node joins a cluster (the member's Hazelcast map) or leaves it (a new, empty
 * local cache), purging the content either way ({@code CacheFactory.joinedCluster/leftCluster}).
 *
 * <p>Like Openfire's caches it does not override {@code putIfAbsent}, {@code compute} and friends: those are
 * {@link Map}'s non-atomic defaults there too.</p>
 */
final class SwitchableCache<K, V> extends AbstractMap<K, V> {
    private volatile Map<K, V> wrapped;
    private final Map<K, ReentrantLock> localLocks = new ConcurrentHashMap<>();

    SwitchableCache(Map<K, V> wrapped) {
        this.wrapped = wrapped;
    }

    void switchTo(Map<K, V> cache) {
        this.wrapped = cache;
    }

    Map<K, V> wrapped() {
        return wrapped;
    }

    /**
     * Openfire's {@code Cache.getLock}: in a cluster a lock on the key of the Hazelcast map, held cluster-wide
     * ({@code ClusteredCache.ClusterLock}); otherwise a lock of this JVM.
     */
    Lock getLock(K key) {
        final Map<K, V> cache = wrapped;
        if (cache instanceof IMap) {
            return new MapKeyLock<>((IMap<K, V>) cache, key);
        }
        return localLocks.computeIfAbsent(key, k -> new ReentrantLock());
    }

    /** A lock on one key of a Hazelcast map, as Openfire's ClusteredCache hands out. */
    private static final class MapKeyLock<K> implements Lock {
        private final IMap<K, ?> map;
        private final K key;

        MapKeyLock(IMap<K, ?> map, K key) {
            this.map = map;
            this.key = key;
        }

        @Override
        public void lock() {
            map.lock(key);
        }

        @Override
        public void lockInterruptibly() {
            map.lock(key);
        }

        @Override
        public boolean tryLock() {
            return map.tryLock(key);
        }

        @Override
        public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
            return map.tryLock(key, time, unit);
        }

        @Override
        public void unlock() {
            map.unlock(key);
        }

        @Override
        public Condition newCondition() {
            throw new UnsupportedOperationException();
        }
    }

    @Override
    public V get(Object key) {
        return wrapped.get(key);
    }

    @Override
    public V put(K key, V value) {
        return wrapped.put(key, value);
    }

    @Override
    public V remove(Object key) {
        return wrapped.remove(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return wrapped.containsKey(key);
    }

    @Override
    public int size() {
        return wrapped.size();
    }

    @Override
    public void clear() {
        wrapped.clear();
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return wrapped.entrySet();
    }
}
