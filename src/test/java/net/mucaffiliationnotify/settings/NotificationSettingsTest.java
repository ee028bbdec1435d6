package net.mucaffiliationnotify.settings;

import static net.mucaffiliationnotify.settings.Setting.NOTIFICATIONS;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.Test;
import org.xmpp.packet.JID;

/**
 * The one place that resolves a room's settings: cached room values (no database query per request once a
 * room is known, including rooms without a value), changes published through the cache at once, a
 * database failure falling back to the defaults without caching, and destroyed rooms forgotten; the setting
 * for telling the affected user resolved the same way, apart from the notifications', in the same cache.
 */
public class NotificationSettingsTest {
    /** An in-memory store that counts reads and can be made to fail. */
    static final class CountingStore implements RoomSettingsStore {
        final Map<RoomKey, Mode> rows = new HashMap<>();
        int loads;
        boolean failing;

        @Override
        public Mode load(RoomKey key) throws SettingsStoreException {
            loads++;
            check();
            return rows.getOrDefault(key, Mode.INHERIT);
        }

        @Override
        public void save(RoomKey key, Mode mode) throws SettingsStoreException {
            check();
            if (mode == Mode.INHERIT) {
                rows.remove(key);
            } else {
                rows.put(key, mode);
            }
        }

        @Override
        public Map<String, Mode> loadService(String service) throws SettingsStoreException {
            check();
            final Map<String, Mode> result = new HashMap<>();
            rows.forEach((k, v) -> {
                if (k.service().equals(service)) {
                    result.put(k.room(), v);
                }
            });
            return result;
        }

        private void check() throws SettingsStoreException {
            if (failing) {
                throw new SettingsStoreException("database down", new SQLException("connection refused"));
            }
        }
    }

    private final CountingStore store = new CountingStore();
    private final InMemorySettingLevels levels = new InMemorySettingLevels();
    private final CountingStore affectedUserStore = new CountingStore();
    private final InMemorySettingLevels affectedUserLevels = new InMemorySettingLevels(Setting.AFFECTED_USER);
    private final Map<String, String> cache = new ConcurrentHashMap<>();
    private final NotificationSettings settings = new NotificationSettings(this::levels,
        jid -> "conference.localhost".equals(jid.getDomain()) ? new RoomKey("conference", jid.getNode()) : null,
        this::store, cache);
    private final RoomKey room = new RoomKey("conference", "room");
    private final JID roomJid = new JID("room@conference.localhost");

    @Test
    public void roomWithoutValueIsReadOnceThenServedFromTheCache() {
        for (int i = 0; i < 1_000; i++) {
            assertTrue(settings.isEnabled(roomJid));
        }
        assertEquals(1, store.loads);
        assertEquals("inherit", cache.get("conference/room"));
    }

    @Test
    public void roomServiceAndGlobalLevelsApplyImmediately() throws Exception {
        assertEquals(new EffectiveSetting(true, Source.GLOBAL), settings.of(NOTIFICATIONS).effective(room));
        settings.of(NOTIFICATIONS).setGlobalEnabled(false);
        assertFalse(settings.isEnabled(roomJid));
        settings.of(NOTIFICATIONS).setServiceMode("conference", Mode.ON);
        assertEquals(new EffectiveSetting(true, Source.SERVICE), settings.of(NOTIFICATIONS).effective(room));
        settings.of(NOTIFICATIONS).setRoomMode(room, Mode.OFF);
        assertEquals(new EffectiveSetting(false, Source.ROOM), settings.of(NOTIFICATIONS).effective(room));
        assertEquals(Mode.OFF, store.rows.get(room));
        settings.of(NOTIFICATIONS).setRoomMode(room, Mode.INHERIT);
        assertEquals(new EffectiveSetting(true, Source.SERVICE), settings.of(NOTIFICATIONS).effective(room));
        assertFalse(store.rows.containsKey(room));
    }

    @Test
    public void aChangeWrittenThroughAnotherInstanceSharingTheCacheIsSeenAtOnce() throws Exception {
        assertTrue(settings.isEnabled(roomJid));
        final NotificationSettings otherNode = new NotificationSettings(this::levels,
            jid -> new RoomKey("conference", jid.getNode()), this::store, cache);
        otherNode.of(NOTIFICATIONS).setRoomMode(room, Mode.OFF);
        assertFalse(settings.isEnabled(roomJid));
    }

    /**
     * During an outage each uncached room would cost a packet thread the database's connection retries:
     * after a failed read the database is left alone for 30 s (rooms follow the defaults meanwhile), then
     * asked again.
     */
    @Test
    public void databaseFailureFallsBackToDefaultsAndIsRetriedAfterAPause() {
        final java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
        final NotificationSettings timed = new NotificationSettings(this::levels,
            jid -> new RoomKey("conference", jid.getNode()), this::store, cache, key -> new ReentrantLock(), clock::get);
        store.failing = true;
        levels.setServiceMode("conference", Mode.OFF);
        assertEquals(new EffectiveSetting(false, Source.SERVICE), timed.of(NOTIFICATIONS).effective(room));
        assertFalse("nothing cached while the database fails", cache.containsKey("conference/room"));
        assertEquals(1, store.loads);
        for (int i = 0; i < 1000; i++) {
            clock.addAndGet(10_000_000L); // 10 s in all
            assertTrue(timed.isEnabled(new JID("other" + i + "@conference.localhost")) == false);
        }
        assertEquals("the database is left alone during the pause", 1, store.loads);

        store.failing = false;
        store.rows.put(room, Mode.ON);
        assertEquals(new EffectiveSetting(false, Source.SERVICE), timed.of(NOTIFICATIONS).effective(room));
        clock.addAndGet(LevelledSetting.OUTAGE_PAUSE_NANOS);
        assertEquals(new EffectiveSetting(true, Source.ROOM), timed.of(NOTIFICATIONS).effective(room));
        assertEquals(2, store.loads);
    }

    @Test
    public void failedWriteChangesNothing() {
        assertTrue(settings.isEnabled(roomJid));
        store.failing = true;
        try {
            settings.of(NOTIFICATIONS).setRoomMode(room, Mode.OFF);
            fail("a failed write must be reported");
        } catch (SettingsStoreException expected) {
            assertEquals("database down", expected.getMessage());
        }
        store.failing = false;
        assertTrue(settings.isEnabled(roomJid));
        assertEquals("inherit", cache.get("conference/room"));
    }

    @Test
    public void destroyedRoomIsForgottenAndARecreatedOneStartsFromTheDefaults() throws Exception {
        settings.of(NOTIFICATIONS).setRoomMode(room, Mode.OFF);
        assertFalse(settings.isEnabled(roomJid));
        settings.forgetRoom(room);
        assertFalse(store.rows.containsKey(room));
        assertTrue(settings.isEnabled(roomJid));
    }

    @Test
    public void jidOfNoServiceFollowsTheGlobalDefault() {
        levels.global = false;
        assertFalse(settings.isEnabled(new JID("room@elsewhere.example")));
        assertEquals(0, store.loads);
    }

    private SettingLevels levels(Setting setting) {
        return setting == Setting.NOTIFICATIONS ? levels : affectedUserLevels;
    }

    private RoomSettingsStore store(Setting setting) {
        return setting == Setting.NOTIFICATIONS ? store : affectedUserStore;
    }

    private LevelledSetting affectedUser() {
        return settings.of(Setting.AFFECTED_USER);
    }

    @Test
    public void theAffectedUserIsToldNowhereUntilSwitchedOn() {
        assertEquals(new EffectiveSetting(false, Source.GLOBAL), affectedUser().effective(room));
        assertFalse(settings.tellsAffectedUser(roomJid));
        assertFalse(settings.tellsAffectedUser(new JID("room@elsewhere.example")));
        assertTrue("notifications are on", settings.isEnabled(roomJid));
    }

    @Test
    public void theAffectedUsersSettingIsResolvedRoomServiceGlobalApartFromTheNotifications() throws Exception {
        affectedUserLevels.global = true;
        assertEquals(new EffectiveSetting(true, Source.GLOBAL), affectedUser().effective(room));
        assertTrue(settings.tellsAffectedUser(roomJid));
        affectedUser().setServiceMode("conference", Mode.OFF);
        assertEquals(Mode.OFF, affectedUserLevels.services.get("conference"));
        assertFalse(settings.tellsAffectedUser(roomJid));
        assertEquals(new EffectiveSetting(false, Source.SERVICE), affectedUser().inherited("conference"));
        affectedUser().setRoomMode(room, Mode.ON);
        assertEquals(new EffectiveSetting(true, Source.ROOM), affectedUser().effective(room));
        assertTrue(settings.tellsAffectedUser(roomJid));
        assertEquals(Map.of("room", Mode.ON), affectedUser().storedRoomModes("conference"));

        // Each level of each setting is its own: the notifications' are untouched.
        assertTrue(levels.services.isEmpty());
        assertTrue(store.rows.isEmpty());
        assertEquals(new EffectiveSetting(true, Source.GLOBAL), settings.of(NOTIFICATIONS).effective(room));
        settings.of(NOTIFICATIONS).setRoomMode(room, Mode.OFF);
        assertEquals(new EffectiveSetting(true, Source.ROOM), affectedUser().effective(room));
        assertFalse("where notifications are off, nobody is told", settings.tellsAffectedUser(roomJid));
        settings.of(NOTIFICATIONS).setRoomMode(room, Mode.INHERIT);
        affectedUser().setGlobalEnabled(false);
        assertTrue(levels.global);
        assertTrue("the room's own value decides", settings.tellsAffectedUser(roomJid));
    }

    /** One cache, one entry per room and setting: each read from its table once, then from the cache. */
    @Test
    public void bothSettingsAreCachedInTheOneCacheUnderKeysOfTheirOwn() throws Exception {
        for (int i = 0; i < 100; i++) {
            settings.tellsAffectedUser(roomJid);
        }
        assertEquals(1, store.loads);
        assertEquals(1, affectedUserStore.loads);
        assertEquals(Map.of("conference/room", "inherit", "conference/room/affected-user", "inherit"), cache);

        // Another node sharing the cache sees a change at once, without reading the database.
        final NotificationSettings otherNode = new NotificationSettings(this::levels,
            jid -> new RoomKey("conference", jid.getNode()), this::store, cache);
        otherNode.of(Setting.AFFECTED_USER).setRoomMode(room, Mode.ON);
        assertEquals("on", cache.get("conference/room/affected-user"));
        assertEquals("inherit", cache.get("conference/room"));
        assertTrue(settings.tellsAffectedUser(roomJid));
        assertEquals(Mode.INHERIT, settings.of(NOTIFICATIONS).roomMode(room));
        assertEquals(1, affectedUserStore.loads);
    }

    /** A missing table (an upgrade that failed) pauses that setting's reads only. */
    @Test
    public void anOutageOfOneSettingsTableLeavesTheOtherAlone() {
        affectedUserStore.failing = true;
        assertEquals(Mode.INHERIT, affectedUser().roomMode(room));
        assertEquals(1, affectedUserStore.loads);
        assertFalse(cache.containsKey("conference/room/affected-user"));

        store.rows.put(room, Mode.OFF);
        assertEquals("the notifications' table is read meanwhile", new EffectiveSetting(false, Source.ROOM),
            settings.of(NOTIFICATIONS).effective(room));
        assertEquals(1, store.loads);
        assertEquals(Mode.INHERIT, affectedUser().roomMode(new RoomKey("conference", "other")));
        assertEquals("the failing table is left alone for a while", 1, affectedUserStore.loads);
    }

    @Test
    public void aDestroyedRoomForgetsEverySetting() throws Exception {
        settings.of(NOTIFICATIONS).setRoomMode(room, Mode.OFF);
        affectedUser().setRoomMode(room, Mode.ON);
        settings.forgetRoom(room);
        assertTrue(store.rows.isEmpty());
        assertTrue(affectedUserStore.rows.isEmpty());
        assertTrue(cache.isEmpty());
        assertEquals(Mode.INHERIT, affectedUser().roomMode(room));
    }

    @Test
    public void aSettingTheDatabaseRefusesToForgetDoesNotKeepTheOthers() throws Exception {
        settings.of(NOTIFICATIONS).setRoomMode(room, Mode.OFF);
        affectedUser().setRoomMode(room, Mode.ON);
        store.failing = true;
        try {
            settings.forgetRoom(room);
            fail("the refusal is reported");
        } catch (SettingsStoreException expected) {
            assertEquals("database down", expected.getMessage());
        }
        store.failing = false;
        assertEquals(Mode.OFF, store.rows.get(room));
        assertTrue(affectedUserStore.rows.isEmpty());
        assertEquals(Mode.INHERIT, affectedUser().roomMode(room));
    }
}
