package net.mucaffiliationnotify.cluster;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.settings.RoomKey;
import net.mucaffiliationnotify.settings.RoomSettingsStore;
import net.mucaffiliationnotify.settings.SettingsStoreException;

/**
 * One node's access to the shared database (the real JDBC store), counting the reads it makes and letting a
 * test stop a read between the query and its return, to order it against what another node does.
 */
final class HookedStore implements RoomSettingsStore {
    private final RoomSettingsStore database;
    final AtomicInteger loads = new AtomicInteger();
    volatile Consumer<RoomKey> afterLoad = key -> { };

    HookedStore(RoomSettingsStore database) {
        this.database = database;
    }

    @Override
    public Mode load(RoomKey key) throws SettingsStoreException {
        loads.incrementAndGet();
        final Mode mode = database.load(key);
        afterLoad.accept(key);
        return mode;
    }

    @Override
    public void save(RoomKey key, Mode mode) throws SettingsStoreException {
        database.save(key, mode);
    }

    @Override
    public Map<String, Mode> loadService(String service) throws SettingsStoreException {
        return database.loadService(service);
    }
}
