package org.jivesoftware.util;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Stand-in for Openfire's SystemProperty (members used by the plugin). As in Openfire, the value lives in
 * {@link JiveProperties} and listeners hear every change made there. Deliberately without {@code setValue}:
 * its descriptor differs between Openfire 5.1 and 5.2 (the plugin writes through JiveProperties instead).
 *
 * @param <T> the value type
 */
public final class SystemProperty<T> {
    /** Registered properties by key, as Openfire keeps them: a key can be registered once until removed. */
    private static final Map<String, SystemProperty<?>> REGISTERED = new ConcurrentHashMap<>();

    private final String key;
    private final String plugin;
    private final T defaultValue;
    private final boolean encrypted;
    private final Function<String, T> parse;
    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();

    private SystemProperty(Builder<T> builder) {
        this.key = builder.key;
        this.plugin = builder.plugin;
        this.defaultValue = builder.defaultValue;
        this.encrypted = builder.encrypted;
        this.parse = builder.parse;
    }

    public T getValue() {
        final String stored = JiveProperties.getInstance().get(key);
        if (stored == null) {
            return defaultValue;
        }
        try {
            return parse.apply(stored);
        } catch (RuntimeException e) {
            return defaultValue;
        }
    }

    public void addListener(final Consumer<T> listener) {
        listeners.add(listener);
    }

    public void removeListener(final Consumer<T> listener) {
        listeners.remove(listener);
    }

    public String getKey() {
        return key;
    }

    public T getDefaultValue() {
        return defaultValue;
    }

    public boolean isEncrypted() {
        return encrypted || JiveProperties.getInstance().isEncrypted(key);
    }

    public static void removePropertiesForPlugin(final String plugin) {
        REGISTERED.values().removeIf(property -> plugin.equals(property.plugin));
    }

    /** Openfire's PropertyEventDispatcher telling the property of a database change. */
    static void changed(String key) {
        final SystemProperty<?> property = REGISTERED.get(key);
        if (property != null) {
            property.notifyListeners();
        }
    }

    private void notifyListeners() {
        final T value = getValue();
        listeners.forEach(listener -> listener.accept(value));
    }

    /**
     * Stand-in builder.
     *
     * @param <T> the value type
     */
    public static final class Builder<T> {
        private final Function<String, T> parse;
        private String key;
        private String plugin = "Openfire";
        private T defaultValue;
        private boolean encrypted;

        private Builder(Function<String, T> parse) {
            this.parse = parse;
        }

        public static <T> Builder<T> ofType(final Class<T> clazz) {
            final Function<String, Object> parse;
            if (clazz == Boolean.class) {
                parse = Boolean::valueOf;
            } else if (clazz == Integer.class) {
                parse = Integer::valueOf;
            } else if (clazz == String.class) {
                parse = value -> value;
            } else {
                throw new IllegalArgumentException("Stand-in: unsupported type " + clazz);
            }
            return new Builder<>(value -> clazz.cast(parse.apply(value)));
        }

        public Builder<T> setKey(final String key) {
            this.key = key;
            return this;
        }

        public Builder<T> setDefaultValue(final T defaultValue) {
            this.defaultValue = defaultValue;
            return this;
        }

        public Builder<T> setDynamic(final boolean dynamic) {
            return this;
        }

        public Builder<T> setMinValue(final T minValue) {
            return this;
        }

        public Builder<T> setMaxValue(final T maxValue) {
            return this;
        }

        public Builder<T> setEncrypted(final boolean encrypted) {
            this.encrypted = encrypted;
            return this;
        }

        public Builder<T> setPlugin(final String plugin) {
            this.plugin = plugin;
            return this;
        }

        public SystemProperty<T> build() throws IllegalArgumentException {
            final SystemProperty<T> property = new SystemProperty<>(this);
            if (REGISTERED.putIfAbsent(key, property) != null) {
                throw new IllegalArgumentException("A property with the key " + key + " has already been created");
            }
            return property;
        }
    }
}
