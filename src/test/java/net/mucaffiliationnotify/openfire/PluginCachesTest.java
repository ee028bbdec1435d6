package net.mucaffiliationnotify.openfire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.jivesoftware.util.cache.Cache;
import org.jivesoftware.util.cache.CacheFactory;
import org.junit.Test;

/**
 * The plugin's caches get their bounds through Openfire's cache properties before they are created, which
 * is what a clustered cache reads when it is first created on a running cluster (issue 11); an admin's own
 * values win.
 */
public class PluginCachesTest {
    @Test
    public void boundsAreInForceWhenTheCacheIsCreated() {
        final String name = "MUC Affiliation Notify Bounds Test";
        final Cache<String, String> cache = PluginCaches.create(name, 1234, 5678);
        assertTrue(CacheFactory.hasMaxSizeFromProperty(name));
        assertTrue(CacheFactory.hasMaxLifetimeFromProperty(name));
        assertEquals(1234, cache.getMaxCacheSize());
        assertEquals(5678, cache.getMaxLifetime());
        CacheFactory.destroyCache(name);
    }

    @Test
    public void anAdminsOwnBoundsAreKept() {
        final String name = "MUC Affiliation Notify Admin Bounds Test";
        CacheFactory.setMaxSizeProperty(name, 999);
        CacheFactory.setMaxLifetimeProperty(name, 42);
        final Cache<String, String> cache = PluginCaches.create(name, 1234, 5678);
        assertEquals(999, cache.getMaxCacheSize());
        assertEquals(42, cache.getMaxLifetime());
        CacheFactory.destroyCache(name);
    }
}
