package net.mucaffiliationnotify.settings;

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
 * The one place that resolves a room's setting: cached room values (no database query per request once a
 * room is known, including rooms without a value), changes published through the cache at once, a
 * database failure falling back to the defaults without caching, and destroyed rooms forgotten.
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
    private final Map<String, String> cache = new ConcurrentHashMap<>();
    private final NotificationSettings settings = new NotificationSettings(levels,
        jid -> "conference.localhost".equals(jid.getDomain()) ? new RoomKey("conference", jid.getNode()) : null,
        store, cache);
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
        assertEquals(new EffectiveSetting(true, Source.GLOBAL), settings.effective(room));
        settings.setGlobalEnabled(false);
        assertFalse(settings.isEnabled(roomJid));
        settings.setServiceMode("conference", Mode.ON);
        assertEquals(new EffectiveSetting(true, Source.SERVICE), settings.effective(room));
        settings.setRoomMode(room, Mode.OFF);
        assertEquals(new EffectiveSetting(false, Source.ROOM), settings.effective(room));
        assertEquals(Mode.OFF, store.rows.get(room));
        settings.setRoomMode(room, Mode.INHERIT);
        assertEquals(new EffectiveSetting(true, Source.SERVICE), settings.effective(room));
        assertFalse(store.rows.containsKey(room));
    }

    @Test
    public void aChangeWrittenThroughAnotherInstanceSharingTheCacheIsSeenAtOnce() throws Exception {
        assertTrue(settings.isEnabled(roomJid));
        final NotificationSettings otherNode = new NotificationSettings(levels,
            jid -> new RoomKey("conference", jid.getNode()), store, cache);
        otherNode.setRoomMode(room, Mode.OFF);
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
        final NotificationSettings timed = new NotificationSettings(levels,
            jid -> new RoomKey("conference", jid.getNode()), store, cache, key -> new ReentrantLock(), clock::get);
        store.failing = true;
        levels.setServiceMode("conference", Mode.OFF);
        assertEquals(new EffectiveSetting(false, Source.SERVICE), timed.effective(room));
        assertFalse("nothing cached while the database fails", cache.containsKey("conference/room"));
        assertEquals(1, store.loads);
        for (int i = 0; i < 1000; i++) {
            clock.addAndGet(10_000_000L); // 10 s in all
            assertTrue(timed.isEnabled(new JID("other" + i + "@conference.localhost")) == false);
        }
        assertEquals("the database is left alone during the pause", 1, store.loads);

        store.failing = false;
        store.rows.put(room, Mode.ON);
        assertEquals(new EffectiveSetting(false, Source.SERVICE), timed.effective(room));
        clock.addAndGet(NotificationSettings.OUTAGE_PAUSE_NANOS);
        assertEquals(new EffectiveSetting(true, Source.ROOM), timed.effective(room));
        assertEquals(2, store.loads);
    }

    @Test
    public void failedWriteChangesNothing() {
        assertTrue(settings.isEnabled(roomJid));
        store.failing = true;
        try {
            settings.setRoomMode(room, Mode.OFF);
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
        settings.setRoomMode(room, Mode.OFF);
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
}
