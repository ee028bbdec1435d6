package org.jivesoftware.util.cache;

import java.io.Serializable;
import java.util.concurrent.locks.Lock;

/** Stand-in for Openfire 5.1.1's Cache (the plugin only reads it as a Map). */
public interface Cache<K extends Serializable, V extends Serializable> extends java.util.Map<K, V> {
    String getName();

    long getMaxCacheSize();

    void setMaxCacheSize(long maxSize);

    long getMaxLifetime();

    void setMaxLifetime(long maxLifetime);

    Lock getLock(final K key);
}
