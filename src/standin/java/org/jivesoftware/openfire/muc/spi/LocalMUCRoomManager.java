package org.jivesoftware.openfire.muc.spi;

import org.jivesoftware.openfire.muc.MUCRoom;
import org.jivesoftware.util.cache.Cache;

/** Stand-in for Openfire 5.1.1's LocalMUCRoomManager (members used by the plugin). */
public class LocalMUCRoomManager {
    private LocalMUCRoomManager() {
    }

    public Cache<String, MUCRoom> getROOM_CACHE() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }
}
