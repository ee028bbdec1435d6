package net.mucaffiliationnotify.tracking;

import java.util.Map;

import org.xmpp.packet.JID;

/** Room directories over the tests' fake rooms. */
final class Directories {
    private Directories() {
    }

    /**
     * @param rooms the rooms by bare JID
     * @param liveRooms whether reads see the live room (single node) or a copy (cluster)
     * @return a directory of those rooms
     */
    static RoomDirectory of(Map<JID, ? extends RoomState> rooms, boolean liveRooms) {
        return new RoomDirectory() {
            @Override
            public RoomState find(JID jid) {
                return rooms.get(jid);
            }

            @Override
            public boolean readsLiveRooms() {
                return liveRooms;
            }
        };
    }
}
