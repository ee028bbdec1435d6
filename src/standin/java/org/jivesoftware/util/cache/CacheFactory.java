package org.jivesoftware.util.cache;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** Stand-in for Openfire 5.1.1's CacheFactory (members used by the plugin), with local in-memory caches. */
public class CacheFactory {
    private static final Map<String, Cache<?, ?>> CACHES = new ConcurrentHashMap<>();

    private CacheFactory() {
    }

    @SuppressWarnings("unchecked")
    public static synchronized <T extends Cache> T createCache(String name) {
        return (T) CACHES.computeIfAbsent(name, LocalCache::new);
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

        LocalCache(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public void setMaxCacheSize(long maxSize) {
        }

        @Override
        public void setMaxLifetime(long maxLifetime) {
        }

        @Override
        public Lock getLock(K key) {
            return locks.computeIfAbsent(key, k -> new ReentrantLock());
        }
    }
}
