package net.mucaffiliationnotify.settings;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.xmpp.packet.JID;

import net.mucaffiliationnotify.tracking.RoomSwitch;

/**
 * The plugin's settings of every room: one {@link LevelledSetting} per {@link Setting}, sharing the room cache.
 * {@link #of(Setting)} gives a setting, all levels; as a {@link RoomSwitch} it answers whether a room's
 * notifications are on (R12, the plugin's main switch), and {@link #tellsAffectedUser(JID)} is what the change
 * pipeline asks before it tells a user of a change (XEP-0045 status 101).
 */
public final class NotificationSettings implements RoomSwitch {
    private final Map<Setting, LevelledSetting> settings = new EnumMap<>(Setting.class);
    private final LevelledSetting notifications;
    private final LevelledSetting affectedUser;

    /**
     * @param levels the global and service defaults of each setting (asked once per setting, here)
     * @param keys the settings key of a bare room JID, or {@code null} when the JID is no room of ours
     * @param stores the database of each setting's room values (asked once per setting, here)
     * @param roomCache room values by cache key, as {@link Mode} names, for every setting
     */
    public NotificationSettings(Function<Setting, SettingLevels> levels, Function<JID, RoomKey> keys,
                                Function<Setting, RoomSettingsStore> stores, Map<String, String> roomCache) {
        this(levels, keys, stores, roomCache, localLocks());
    }

    /**
     * @param locks the lock of a cache key, held by every node (Openfire: {@code roomCache::getLock})
     */
    public NotificationSettings(Function<Setting, SettingLevels> levels, Function<JID, RoomKey> keys,
                                Function<Setting, RoomSettingsStore> stores, Map<String, String> roomCache,
                                Function<String, Lock> locks) {
        this(levels, keys, stores, roomCache, locks, System::nanoTime);
    }

    /**
     * @param nanoClock monotonic time, for the pause after a failed database read
     */
    NotificationSettings(Function<Setting, SettingLevels> levels, Function<JID, RoomKey> keys,
                         Function<Setting, RoomSettingsStore> stores, Map<String, String> roomCache,
                         Function<String, Lock> locks, LongSupplier nanoClock) {
        for (Setting setting : Setting.values()) {
            settings.put(setting, new LevelledSetting(setting, levels.apply(setting), keys, stores.apply(setting),
                roomCache, locks, nanoClock));
        }
        this.notifications = settings.get(Setting.NOTIFICATIONS);
        this.affectedUser = settings.get(Setting.AFFECTED_USER);
    }

    private static Function<String, Lock> localLocks() {
        final Map<String, Lock> locks = new ConcurrentHashMap<>();
        return key -> locks.computeIfAbsent(key, k -> new ReentrantLock());
    }

    /**
     * @param setting a setting
     * @return its values, all levels
     */
    public LevelledSetting of(Setting setting) {
        return settings.get(setting);
    }

    @Override
    public boolean isEnabled(JID roomJid) {
        return notifications.isEnabled(roomJid);
    }

    /**
     * Whether a change announced in the room is also told to the user it concerns, when that user is not in
     * the room ({@code AffectedUserNotice}): the room's {@link Setting#AFFECTED_USER}, where its notifications
     * are on (where they are off the plugin sends nothing for the room). Cheap after a room's first look: it is
     * asked on the request path.
     *
     * @param roomJid a bare room JID
     * @return whether to tell the affected user
     */
    public boolean tellsAffectedUser(JID roomJid) {
        return notifications.isEnabled(roomJid) && affectedUser.isEnabled(roomJid);
    }

    /**
     * Forgets a room's values of every setting: it was destroyed, and a room created later under its name starts
     * from the defaults. A setting the database refuses to forget does not keep the others.
     *
     * @param key a room
     * @throws SettingsStoreException when the database refuses it (the first refusal, with any others suppressed)
     */
    public void forgetRoom(RoomKey key) throws SettingsStoreException {
        SettingsStoreException failure = null;
        for (LevelledSetting setting : settings.values()) {
            try {
                setting.forgetRoom(key);
            } catch (SettingsStoreException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
