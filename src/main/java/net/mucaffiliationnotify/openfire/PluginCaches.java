package net.mucaffiliationnotify.openfire;

import java.io.Serializable;

import org.jivesoftware.util.cache.Cache;
import org.jivesoftware.util.cache.CacheFactory;

/**
 * Creates the plugin's caches with their bounds in force from the start. A clustered cache takes its size
 * and lifetime from the {@code cache.NAME.size} and {@code cache.NAME.maxLifetime} system properties when
 * it is first created on a running cluster; set afterwards on the cache object, they would apply to this
 * node's view only, and the first load would run with Openfire's defaults. An admin's own values of those
 * properties are kept.
 */
final class PluginCaches {
    private PluginCaches() {
    }

    /**
     * @param name the cache's name
     * @param maxSize its size in bytes, unless an admin set {@code cache.NAME.size}
     * @param maxLifetime its entries' lifetime in ms ({@code -1}: unlimited), unless an admin set
     *     {@code cache.NAME.maxLifetime}
     * @param <K> key type
     * @param <V> value type
     * @return the cache
     */
    static <K extends Serializable, V extends Serializable> Cache<K, V> create(String name, long maxSize,
                                                                            long maxLifetime) {
        if (!CacheFactory.hasMaxSizeFromProperty(name)) {
            CacheFactory.setMaxSizeProperty(name, maxSize);
        }
        if (!CacheFactory.hasMaxLifetimeFromProperty(name)) {
            CacheFactory.setMaxLifetimeProperty(name, maxLifetime);
        }
        return CacheFactory.createCache(name);
    }
}
