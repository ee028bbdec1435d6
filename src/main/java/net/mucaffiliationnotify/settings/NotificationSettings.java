package net.mucaffiliationnotify.settings;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.logging.ThrottledWarning;
import net.mucaffiliationnotify.tracking.RoomSwitch;

/**
 * The effective on/off setting of every room (R12), resolved in one place from the global default, the
 * service's default and the room's own value.
 *
 * <p>The global and service levels are read from Openfire's in-memory properties. Room values come from
 * the database through a cache (in Openfire a clustered cache, so that a change made on one node is seen
 * on all at once); a room without a stored value is cached as {@link Mode#INHERIT}, so that no request
 * causes a database query once its room is known. When the database cannot be read the room is treated as
 * inheriting and nothing is cached; for the next {@link #OUTAGE_PAUSE_NANOS} uncached rooms are treated so
 * without asking the database (a packet thread must not wait out the connection retries of an outage), and
 * the failure is logged at most once a minute.</p>
 */
public final class NotificationSettings implements RoomSwitch {
    private static final Logger Log = LoggerFactory.getLogger(NotificationSettings.class);
    /** How long after a failed read the database is left alone: 30 s. */
    static final long OUTAGE_PAUSE_NANOS = 30_000_000_000L;
    private static final ThrottledWarning READ_FAILED = new ThrottledWarning(Log,
        "Could not read the notification setting of room {}; using the defaults.");

    private final SettingLevels levels;
    private final Function<JID, RoomKey> keys;
    private final RoomSettingsStore store;
    private final Map<String, String> roomCache;
    private final Function<String, Lock> locks;
    private final LongSupplier nanoClock;
    private final AtomicLong failedAtNanos = new AtomicLong(Long.MIN_VALUE);

    /**
     * @param levels the global and service defaults
     * @param keys the settings key of a bare room JID, or {@code null} when the JID is no room of ours
     * @param store the database
     * @param roomCache room values by {@link RoomKey#cacheKey()}, as {@link Mode} names
     */
    public NotificationSettings(SettingLevels levels, Function<JID, RoomKey> keys, RoomSettingsStore store,
                                Map<String, String> roomCache) {
        this(levels, keys, store, roomCache, localLocks());
    }

    /**
     * @param locks the lock of a cache key, held by every node (Openfire: {@code roomCache::getLock})
     */
    public NotificationSettings(SettingLevels levels, Function<JID, RoomKey> keys, RoomSettingsStore store,
                                Map<String, String> roomCache, Function<String, Lock> locks) {
        this(levels, keys, store, roomCache, locks, System::nanoTime);
    }

    /**
     * @param nanoClock monotonic time, for the pause after a failed database read
     */
    NotificationSettings(SettingLevels levels, Function<JID, RoomKey> keys, RoomSettingsStore store,
                         Map<String, String> roomCache, Function<String, Lock> locks, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.levels = levels;
        this.keys = keys;
        this.store = store;
        this.roomCache = roomCache;
        this.locks = locks;
    }

    private static Function<String, Lock> localLocks() {
        final Map<String, Lock> locks = new ConcurrentHashMap<>();
        return key -> locks.computeIfAbsent(key, k -> new ReentrantLock());
    }

    @Override
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
        final Mode cached = cached(key);
        if (cached != null) {
            return cached;
        }
        final long failedAt = failedAtNanos.get();
        if (failedAt != Long.MIN_VALUE && nanoClock.getAsLong() - failedAt < OUTAGE_PAUSE_NANOS) {
            return Mode.INHERIT;
        }
        final Lock lock = locks.apply(key.cacheKey());
        lock.lock();
        try {
            final Mode again = cached(key);
            if (again != null) {
                return again;
            }
            final Mode loaded = store.load(key);
            roomCache.put(key.cacheKey(), loaded.parameter());
            return loaded;
        } catch (SettingsStoreException e) {
            failedAtNanos.set(nanoClock.getAsLong());
            READ_FAILED.warn(key.cacheKey(), e);
            return Mode.INHERIT;
        } finally {
            lock.unlock();
        }
    }

    private Mode cached(RoomKey key) {
        return Mode.fromParameter(roomCache.get(key.cacheKey()));
    }

    /**
     * Stores a room's value and publishes it to every node.
     *
     * @param key a room
     * @param mode its new value ({@link Mode#INHERIT} removes the room's own value)
     * @throws SettingsStoreException when the database refuses it; nothing changed then
     */
    public void setRoomMode(RoomKey key, Mode mode) throws SettingsStoreException {
        final Lock lock = locks.apply(key.cacheKey());
        lock.lock();
        try {
            store.save(key, mode);
            roomCache.put(key.cacheKey(), mode.parameter());
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
    public void forgetRoom(RoomKey key) throws SettingsStoreException {
        final Lock lock = locks.apply(key.cacheKey());
        lock.lock();
        try {
            store.save(key, Mode.INHERIT);
            roomCache.remove(key.cacheKey());
        } finally {
            lock.unlock();
        }
    }
}
