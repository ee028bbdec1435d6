package org.jivesoftware.util;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Stand-in for Openfire 5.1.1's SystemProperty (members used by the plugin), keeping the value in memory.
 *
 * @param <T> the value type
 */
public final class SystemProperty<T> {
    /** Registered properties by key, as Openfire keeps them: a key can be registered once until removed. */
    private static final Map<String, String> REGISTERED = new ConcurrentHashMap<>();

    private final String key;
    private final T defaultValue;
    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();
    private volatile T value;

    private SystemProperty(Builder<T> builder) {
        this.key = builder.key;
        this.defaultValue = builder.defaultValue;
    }

    public T getValue() {
        final T current = value;
        return current == null ? defaultValue : current;
    }

    public void setValue(final T value) {
        this.value = value;
        listeners.forEach(listener -> listener.accept(getValue()));
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

    public static void removePropertiesForPlugin(final String plugin) {
        REGISTERED.values().removeIf(plugin::equals);
    }

    /**
     * Stand-in builder.
     *
     * @param <T> the value type
     */
    public static final class Builder<T> {
        private String key;
        private String plugin = "Openfire";
        private T defaultValue;

        private Builder() {
        }

        public static <T> Builder<T> ofType(final Class<T> clazz) {
            return new Builder<>();
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
            return this;
        }

        public Builder<T> setPlugin(final String plugin) {
            this.plugin = plugin;
            return this;
        }

        public SystemProperty<T> build() throws IllegalArgumentException {
            if (REGISTERED.putIfAbsent(key, plugin) != null) {
                throw new IllegalArgumentException("A property with the key " + key + " has already been created");
            }
            return new SystemProperty<>(this);
        }
    }
}
