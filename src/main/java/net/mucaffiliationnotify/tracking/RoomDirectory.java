package net.mucaffiliationnotify.tracking;

import org.xmpp.packet.JID;

/** Finds rooms without loading them and without taking their lock. */
public interface RoomDirectory {
    /**
     * @param roomJid a bare room JID
     * @return the room's live state, or {@code null} when no such room is loaded
     */
    RoomState find(JID roomJid);
}
