package net.mucaffiliationnotify.web;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.settings.RoomKey;
import net.mucaffiliationnotify.settings.RoomSettingsStore;
import net.mucaffiliationnotify.settings.SettingsStoreException;

/** In-memory room values; {@link #failing} makes every call fail as a broken database would. */
final class FakeRoomSettingsStore implements RoomSettingsStore {
    final Map<RoomKey, Mode> stored = new ConcurrentHashMap<>();
    final AtomicInteger saves = new AtomicInteger();
    volatile boolean failing;
    /** When not negative: the number of saves that succeed before every later save fails. */
    volatile int savesBeforeFailure = -1;

    @Override
    public Mode load(RoomKey key) throws SettingsStoreException {
        check();
        return stored.getOrDefault(key, Mode.INHERIT);
    }

    @Override
    public void save(RoomKey key, Mode mode) throws SettingsStoreException {
        check();
        if (savesBeforeFailure >= 0 && saves.get() >= savesBeforeFailure) {
            throw new SettingsStoreException("test: database down", new SQLException("connection refused"));
        }
        saves.incrementAndGet();
        if (mode == Mode.INHERIT) {
            stored.remove(key);
        } else {
            stored.put(key, mode);
        }
    }

    @Override
    public Map<String, Mode> loadService(String service) throws SettingsStoreException {
        check();
        final Map<String, Mode> modes = new HashMap<>();
        stored.forEach((key, mode) -> {
            if (key.service().equals(service)) {
                modes.put(key.room(), mode);
            }
        });
        return modes;
    }

    private void check() throws SettingsStoreException {
        if (failing) {
            throw new SettingsStoreException("test: database down", new SQLException("connection refused"));
        }
    }
}
