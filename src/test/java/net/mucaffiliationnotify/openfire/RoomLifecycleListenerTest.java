package net.mucaffiliationnotify.openfire;

import static net.mucaffiliationnotify.settings.Setting.NOTIFICATIONS;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import net.mucaffiliationnotify.rules.AffiliationChange;
import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.rules.Notification;
import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.settings.NotificationSettings;
import net.mucaffiliationnotify.settings.RoomKey;
import net.mucaffiliationnotify.settings.RoomSettingsStore;
import net.mucaffiliationnotify.settings.Setting;
import net.mucaffiliationnotify.settings.SettingLevels;
import net.mucaffiliationnotify.settings.SettingsStoreException;
import net.mucaffiliationnotify.statistics.LastAnnouncements;
import net.mucaffiliationnotify.tracking.ChangeTracker;
import net.mucaffiliationnotify.tracking.Pipeline;
import net.mucaffiliationnotify.tracking.TrackerLimits;

/** A destroyed room loses its own setting (a room recreated under its name starts from the defaults). */
public class RoomLifecycleListenerTest {
    private final Map<RoomKey, Mode> rows = new HashMap<>();
    private boolean failing;
    private final RoomSettingsStore store = new RoomSettingsStore() {
        @Override
        public Mode load(RoomKey key) throws SettingsStoreException {
            fail();
            return rows.getOrDefault(key, Mode.INHERIT);
        }

        @Override
        public void save(RoomKey key, Mode mode) throws SettingsStoreException {
            fail();
            if (mode == Mode.INHERIT) {
                rows.remove(key);
            } else {
                rows.put(key, mode);
            }
        }

        @Override
        public Map<String, Mode> loadService(String service) {
            return Map.of();
        }

        private void fail() throws SettingsStoreException {
            if (failing) {
                throw new SettingsStoreException("down", new SQLException("down"));
            }
        }
    };
    private final SettingLevels levels = new SettingLevels() {
        @Override
        public boolean globalEnabled() {
            return true;
        }

        @Override
        public void setGlobalEnabled(boolean enabled) {
        }

        @Override
        public Mode serviceMode(String service) {
            return Mode.INHERIT;
        }

        @Override
        public void setServiceMode(String service, Mode mode) {
        }
    };
    private final Map<RoomKey, Mode> affectedUserRows = new HashMap<>();
    private final NotificationSettings settings = new NotificationSettings(setting -> levels,
        jid -> new RoomKey("conference", jid.getNode()),
        setting -> setting == Setting.NOTIFICATIONS ? store : new RoomSettingsStore() {
            @Override
            public Mode load(RoomKey key) {
                return affectedUserRows.getOrDefault(key, Mode.INHERIT);
            }

            @Override
            public void save(RoomKey key, Mode mode) {
                if (mode == Mode.INHERIT) {
                    affectedUserRows.remove(key);
                } else {
                    affectedUserRows.put(key, mode);
                }
            }

            @Override
            public Map<String, Mode> loadService(String service) {
                return Map.of();
            }
        }, new ConcurrentHashMap<>());
    private final ChangeTracker tracker = Pipeline.tracker(jid -> null, null, settings, System::nanoTime,
        TrackerLimits.DEFAULT);
    private final LastAnnouncements announcements = new LastAnnouncements(new ConcurrentHashMap<>());
    private final RoomLifecycleListener listener = new RoomLifecycleListener(tracker, null, settings,
        jid -> jid.getNode() == null ? null : new RoomKey("conference", jid.getNode()), announcements);
    private final RoomKey room = new RoomKey("conference", "room");
    private final JID roomJid = new JID("room@conference.localhost");

    @Test
    public void destroyedRoomLosesItsSettings() throws Exception {
        settings.of(NOTIFICATIONS).setRoomMode(room, Mode.OFF);
        settings.of(Setting.AFFECTED_USER).setRoomMode(room, Mode.ON);
        assertFalse(settings.isEnabled(roomJid));
        listener.roomDestroyed(7L, roomJid);
        assertTrue(rows.isEmpty());
        assertTrue(affectedUserRows.isEmpty());
        assertTrue("a room recreated under the name starts from the defaults", settings.isEnabled(roomJid));
        assertEquals(Mode.INHERIT, settings.of(Setting.AFFECTED_USER).roomMode(room));
    }

    @Test
    public void destroyedRoomLosesItsLastAnnouncedChange() {
        final Message message = new Message();
        message.setFrom(roomJid);
        message.setTo("romeo@localhost/balcony");
        announcements.noteDelivered(List.of(new Notification(message,
            new AffiliationChange(new JID("juliet@localhost"),
                MucAffiliation.member, null))), Instant.now());
        assertTrue(announcements.of(roomJid.toBareJID()).isPresent());

        listener.roomDestroyed(7L, roomJid);

        assertFalse("a room recreated under the name has no past announcement",
            announcements.of(roomJid.toBareJID()).isPresent());
    }

    @Test
    public void databaseFailureOnDestroyIsLoggedNotThrown() throws Exception {
        settings.of(NOTIFICATIONS).setRoomMode(room, Mode.OFF);
        failing = true;
        listener.roomDestroyed(7L, roomJid);
        failing = false;
        assertEquals(Mode.OFF, rows.get(room));
        // Not a room: nothing to forget, nothing thrown.
        listener.roomDestroyed(9L, new JID("conference.localhost"));
        assertEquals(1, rows.size());
    }
}
