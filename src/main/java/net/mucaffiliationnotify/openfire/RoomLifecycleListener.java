package net.mucaffiliationnotify.openfire;

import org.jivesoftware.openfire.muc.MUCEventListener;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import net.mucaffiliationnotify.tracking.ChangeTracker;

/** Forgets what the tracker holds for a room when the room is destroyed. */
final class RoomLifecycleListener implements MUCEventListener {
    private final ChangeTracker tracker;

    RoomLifecycleListener(ChangeTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public void roomDestroyed(long roomID, JID roomJID) {
        tracker.forgetRoom(roomJID.asBareJID());
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
