package net.mucaffiliationnotify.settings;

import java.util.Map;

/** Where per-room values live: the database, the source of truth. Only ON and OFF are stored. */
public interface RoomSettingsStore {
    /**
     * @param key a room
     * @return the stored value, or {@link Mode#INHERIT} when none is stored
     * @throws SettingsStoreException when the store cannot be read
     */
    Mode load(RoomKey key) throws SettingsStoreException;

    /**
     * Stores a value; {@link Mode#INHERIT} removes the stored one.
     *
     * @param key a room
     * @param mode the value
     * @throws SettingsStoreException when the store cannot be written (nothing changed then)
     */
    void save(RoomKey key, Mode mode) throws SettingsStoreException;

    /**
     * @param service a MUC service name
     * @return the rooms of that service with a stored value (ON or OFF), by room name
     * @throws SettingsStoreException when the store cannot be read
     */
    Map<String, Mode> loadService(String service) throws SettingsStoreException;
}
