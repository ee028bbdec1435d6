package net.mucaffiliationnotify.settings;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.logging.ThrottledWarning;

/**
 * One {@link Setting} of every room, resolved in one place (R12) from its global default, the service's default
 * and the room's own value.
 *
 * <p>The global and service levels are read from Openfire's in-memory properties. Room values come from the
 * database through a cache (in Openfire a clustered cache, so that a change made on one node is seen on all at
 * once); a room without a stored value is cached as {@link Mode#INHERIT}, so that no request causes a database
 * query once its room is known. When the database cannot be read the room is treated as inheriting and nothing
 * is cached; for the next {@link #OUTAGE_PAUSE_NANOS} uncached rooms are treated so without asking the database
 * (a packet thread must not wait out the connection retries of an outage), and the failure is logged at most
 * once a minute. Each setting pauses on its own: a table that cannot be read (an upgrade that failed) does not
 * stop the other setting's reads.</p>
 *
 * <p>The settings share one cache and its locks: a room's value of {@link Setting#NOTIFICATIONS} is kept under
 * {@link RoomKey#cacheKey()}, as every release since 1.0.0 keeps it (nodes of a cluster in a rolling upgrade
 * read each other's values), another setting's under that key plus {@code /} and the setting's parameter, which
 * no room's key can be (a room name holds no {@code /}).</p>
 */
public final class LevelledSetting {
    private static final Logger Log = LoggerFactory.getLogger(LevelledSetting.class);
    /** How long after a failed read the database is left alone: 30 s. */
    static final long OUTAGE_PAUSE_NANOS = 30_000_000_000L;

    private final Setting setting;
    private final SettingLevels levels;
    private final Function<JID, RoomKey> keys;
    private final RoomSettingsStore store;
    private final Map<String, String> roomCache;
    private final Function<String, Lock> locks;
    private final LongSupplier nanoClock;
    private final AtomicLong failedAtNanos = new AtomicLong(Long.MIN_VALUE);
    private final ThrottledWarning readFailed;

    /**
     * @param setting which setting
     * @param levels its global and service defaults
     * @param keys the settings key of a bare room JID, or {@code null} when the JID is no room of ours
     * @param store its room values in the database
     * @param roomCache room values of every setting, as {@link Mode} names
     * @param locks the lock of a cache key, held by every node
     * @param nanoClock monotonic time, for the pause after a failed database read
     */
    LevelledSetting(Setting setting, SettingLevels levels, Function<JID, RoomKey> keys, RoomSettingsStore store,
                    Map<String, String> roomCache, Function<String, Lock> locks, LongSupplier nanoClock) {
        this.setting = setting;
        this.levels = levels;
        this.keys = keys;
        this.store = store;
        this.roomCache = roomCache;
        this.locks = locks;
        this.nanoClock = nanoClock;
        this.readFailed = new ThrottledWarning(Log,
            "Could not read the " + setting.label() + " of room {}; using the defaults.");
    }

    /** @return which setting this is */
    public Setting setting() {
        return setting;
    }

    /**
     * @param roomJid a bare room JID
     * @return whether the setting is on for the room (the global default for a JID that is no room of ours)
     */
    public boolean isEnabled(JID roomJid) {
        final RoomKey key = keys.apply(roomJid);
        return key == null ? levels.globalEnabled() : effective(key).enabled();
    }

    /**
     * @param key a room
     * @return its effective setting and the level that decided it
     */
    public EffectiveSetting effective(RoomKey key) {
        return EffectiveSetting.resolve(levels.globalEnabled(), serviceMode(key.service()), roomMode(key));
    }

    /**
     * @param service a MUC service name
     * @return what a room of the service without a value of its own gets, and which level decides it
     */
    public EffectiveSetting inherited(String service) {
        return EffectiveSetting.resolve(levels.globalEnabled(), serviceMode(service), Mode.INHERIT);
    }

    /**
     * @param service a MUC service name
     * @return the service's default ({@link Mode#INHERIT} when unset)
     */
    public Mode serviceMode(String service) {
        final Mode mode = levels.serviceMode(service);
        return mode == null ? Mode.INHERIT : mode;
    }

    /**
     * @param service a MUC service name
     * @param mode its new default ({@link Mode#INHERIT} removes it)
     */
    public void setServiceMode(String service, Mode mode) {
        levels.setServiceMode(service, mode);
    }

    /** @return the global default */
    public boolean globalEnabled() {
        return levels.globalEnabled();
    }

    /**
     * @param enabled the new global default
     */
    public void setGlobalEnabled(boolean enabled) {
        levels.setGlobalEnabled(enabled);
    }

    /**
     * @param service a MUC service name
     * @return the rooms of the service with their own value, by room name (for the overview page)
     * @throws SettingsStoreException when the database cannot be read
     */
    public Map<String, Mode> storedRoomModes(String service) throws SettingsStoreException {
        return store.loadService(service);
    }

    /**
     * @param key a room
     * @return the room's own value ({@link Mode#INHERIT} when none is stored, or the database fails)
     */
    public Mode roomMode(RoomKey key) {
        final String cacheKey = cacheKey(key);
        final Mode cached = Mode.fromParameter(roomCache.get(cacheKey));
        if (cached != null) {
            return cached;
        }
        final long failedAt = failedAtNanos.get();
        if (failedAt != Long.MIN_VALUE && nanoClock.getAsLong() - failedAt < OUTAGE_PAUSE_NANOS) {
            return Mode.INHERIT;
        }
        final Lock lock = locks.apply(cacheKey);
        lock.lock();
        try {
            final Mode again = Mode.fromParameter(roomCache.get(cacheKey));
            if (again != null) {
                return again;
            }
            final Mode loaded = store.load(key);
            roomCache.put(cacheKey, loaded.parameter());
            return loaded;
        } catch (SettingsStoreException e) {
            failedAtNanos.set(nanoClock.getAsLong());
            readFailed.warn(key.cacheKey(), e);
            return Mode.INHERIT;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stores a room's value and publishes it to every node.
     *
     * @param key a room
     * @param mode its new value ({@link Mode#INHERIT} removes the room's own value)
     * @throws SettingsStoreException when the database refuses it; nothing changed then
     */
    public void setRoomMode(RoomKey key, Mode mode) throws SettingsStoreException {
        final String cacheKey = cacheKey(key);
        final Lock lock = locks.apply(cacheKey);
        lock.lock();
        try {
            store.save(key, mode);
            roomCache.put(cacheKey, mode.parameter());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forgets a room's value: it was destroyed, and a room created later under its name starts from the
     * defaults.
     *
     * @param key a room
     * @throws SettingsStoreException when the database refuses it
     */
    void forgetRoom(RoomKey key) throws SettingsStoreException {
        final String cacheKey = cacheKey(key);
        final Lock lock = locks.apply(cacheKey);
        lock.lock();
        try {
            store.save(key, Mode.INHERIT);
            roomCache.remove(cacheKey);
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param key a room
     * @return where the room's value of this setting is cached
     */
    String cacheKey(RoomKey key) {
        return setting == Setting.NOTIFICATIONS ? key.cacheKey() : key.cacheKey() + "/" + setting.parameter();
    }
}
