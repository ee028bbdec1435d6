package net.mucaffiliationnotify.tracking;

import org.xmpp.packet.JID;

/** Finds rooms without loading them and without taking their lock. */
public interface RoomDirectory {
    /**
     * @param roomJid a bare room JID
     * @return the room's live state, or {@code null} when no such room is loaded
     */
    RoomState find(JID roomJid);

    /**
     * Whether a room read while Openfire handles a request shows that request's changes. True on a single
     * node, where the room cache holds the very room being changed. False in a cluster: the handler changes a
     * copy and puts it back into the clustered cache only after routing its reply.
     *
     * @return whether reads are live
     */
    default boolean readsLiveRooms() {
        return true;
    }
}
