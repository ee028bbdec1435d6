package org.jivesoftware.util;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stand-in for Openfire's JiveProperties (members used by the plugin): the database properties, in memory.
 * As in Openfire, a change is seen at once by the {@link SystemProperty} of that key and its listeners.
 */
public class JiveProperties extends AbstractMap<String, String> {
    private static final JiveProperties INSTANCE = new JiveProperties();

    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final Set<String> encrypted = ConcurrentHashMap.newKeySet();

    private JiveProperties() {
    }

    public static JiveProperties getInstance() {
        return INSTANCE;
    }

    public String put(String key, String value, boolean isEncrypted) {
        if (value == null) {
            return remove(key);
        }
        final String previous = values.put(key, value);
        if (isEncrypted) {
            encrypted.add(key);
        } else {
            encrypted.remove(key);
        }
        SystemProperty.changed(key);
        return previous;
    }

    @Override
    public String put(String key, String value) {
        return put(key, value, encrypted.contains(key));
    }

    @Override
    public String get(Object key) {
        return values.get(key);
    }

    @Override
    public String remove(Object key) {
        final String previous = values.remove(key);
        encrypted.remove(key);
        if (key instanceof String name) {
            SystemProperty.changed(name);
        }
        return previous;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return values.entrySet();
    }

    /** @return whether the stored value is kept encrypted (Openfire's {@code JiveGlobals.isPropertyEncrypted}) */
    boolean isEncrypted(String key) {
        return encrypted.contains(key);
    }
}
