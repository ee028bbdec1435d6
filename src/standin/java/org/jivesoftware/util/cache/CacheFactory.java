package org.jivesoftware.util.cache;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** Stand-in for Openfire 5.1.1's CacheFactory (members used by the plugin), with local in-memory caches. */
public class CacheFactory {
    private static final Map<String, Cache<?, ?>> CACHES = new ConcurrentHashMap<>();
    /** The {@code cache.NAME.size} and {@code cache.NAME.maxLifetime} system properties, by NAME. */
    private static final Map<String, Long> SIZES = new ConcurrentHashMap<>();
    private static final Map<String, Long> LIFETIMES = new ConcurrentHashMap<>();
    /** Openfire's defaults for a cache without properties. */
    private static final long DEFAULT_SIZE = 256 * 1024;
    private static final long DEFAULT_LIFETIME = 6 * 60 * 60 * 1000L;

    private CacheFactory() {
    }

    @SuppressWarnings("unchecked")
    public static synchronized <T extends Cache> T createCache(String name) {
        // As in Openfire, a cache takes its bounds from the properties when it is created.
        return (T) CACHES.computeIfAbsent(name, n -> new LocalCache<>(n, SIZES.getOrDefault(key(n), DEFAULT_SIZE),
            LIFETIMES.getOrDefault(key(n), DEFAULT_LIFETIME)));
    }

    private static String key(String cacheName) {
        return cacheName.replaceAll(" ", "");
    }

    public static boolean hasMaxSizeFromProperty(String cacheName) {
        return SIZES.containsKey(key(cacheName));
    }

    public static boolean hasMaxLifetimeFromProperty(String cacheName) {
        return LIFETIMES.containsKey(key(cacheName));
    }

    public static void setMaxSizeProperty(String cacheName, long size) {
        SIZES.put(key(cacheName), size);
    }

    public static void setMaxLifetimeProperty(String cacheName, long lifetime) {
        LIFETIMES.put(key(cacheName), lifetime);
    }

    /** Runs a task on the other cluster nodes, asynchronously; nothing without a cluster (as Openfire). */
    public static void doClusterTask(final ClusterTask<?> task) {
    }

    public static synchronized void destroyCache(String name) {
        CACHES.remove(name);
    }

    /** Stand-in cache. */
    private static final class LocalCache<K extends Serializable, V extends Serializable> extends ConcurrentHashMap<K, V>
            implements Cache<K, V> {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final transient Map<K, Lock> locks = new ConcurrentHashMap<>();
        private volatile long maxSize;
        private volatile long maxLifetime;

        LocalCache(String name, long maxSize, long maxLifetime) {
            this.name = name;
            this.maxSize = maxSize;
            this.maxLifetime = maxLifetime;
        }

        @Override
        public long getMaxCacheSize() {
            return maxSize;
        }

        @Override
        public long getMaxLifetime() {
            return maxLifetime;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public void setMaxCacheSize(long maxSize) {
            this.maxSize = maxSize;
        }

        @Override
        public void setMaxLifetime(long maxLifetime) {
            this.maxLifetime = maxLifetime;
        }

        @Override
        public Lock getLock(K key) {
            return locks.computeIfAbsent(key, k -> new ReentrantLock());
        }
    }
}
