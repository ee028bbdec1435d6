package net.mucaffiliationnotify.openfire;

import java.util.function.Function;

import org.jivesoftware.openfire.muc.MUCEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import net.mucaffiliationnotify.settings.NotificationSettings;
import net.mucaffiliationnotify.settings.RoomKey;
import net.mucaffiliationnotify.settings.SettingsStoreException;
import net.mucaffiliationnotify.statistics.LastAnnouncements;
import net.mucaffiliationnotify.tracking.AffiliationVersions;
import net.mucaffiliationnotify.tracking.ChangeTracker;

/**
 * Forgets a destroyed room: what the tracker holds for it, its XEP-0463 history, its last announced change
 * and its own setting, so that a room created
 * later under the same name starts from the defaults.
 */
final class RoomLifecycleListener implements MUCEventListener {
    private static final Logger Log = LoggerFactory.getLogger(RoomLifecycleListener.class);

    private final ChangeTracker tracker;
    private final AffiliationVersions versions;
    private final NotificationSettings settings;
    private final Function<JID, RoomKey> keys;
    private final LastAnnouncements announcements;

    RoomLifecycleListener(ChangeTracker tracker, AffiliationVersions versions, NotificationSettings settings,
                          Function<JID, RoomKey> keys, LastAnnouncements announcements) {
        this.announcements = announcements;
        this.tracker = tracker;
        this.versions = versions;
        this.settings = settings;
        this.keys = keys;
    }

    @Override
    public void roomDestroyed(long roomID, JID roomJID) {
        final JID room = roomJID.asBareJID();
        tracker.forgetRoom(room);
        if (versions != null) {
            versions.forgetRoom(room);
        }
        announcements.forget(room.toBareJID());
        final RoomKey key = keys.apply(room);
        if (key == null) {
            return;
        }
        try {
            settings.forgetRoom(key);
        } catch (SettingsStoreException | RuntimeException e) {
            Log.warn("Could not remove the notification setting of destroyed room {}", room, e);
        }
    }

    @Override
    public void roomCreated(long roomID, JID roomJID) {
    }

    @Override
    public void roomClearChatHistory(long roomID, JID roomJID) {
    }

    @Override
    public void occupantJoined(JID roomJID, JID user, String nickname) {
    }

    @Override
    public void occupantLeft(JID roomJID, JID user, String nickname) {
    }

    @Override
    public void occupantNickKicked(JID roomJID, String nickname) {
    }

    @Override
    public void nicknameChanged(JID roomJID, JID user, String oldNickname, String newNickname) {
    }

    @Override
    public void messageReceived(JID roomJID, JID user, String nickname, Message message) {
    }

    @Override
    public void privateMessageRecieved(JID toJID, JID fromJID, Message message) {
    }

    @Override
    public void roomSubjectChanged(JID roomJID, JID user, String newSubject) {
    }
}
