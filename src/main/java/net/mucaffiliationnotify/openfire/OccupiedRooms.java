package net.mucaffiliationnotify.openfire;

import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.openfire.muc.MUCRoom;
import org.jivesoftware.openfire.muc.MultiUserChatManager;
import org.jivesoftware.openfire.muc.MultiUserChatService;
import org.xmpp.packet.JID;

/**
 * The rooms the sweep checks (V7): loaded rooms that have occupants, on every MUC service. Rooms without
 * occupants have nobody to tell; their next join or request brings their history up to date.
 */
final class OccupiedRooms {
    private final MultiUserChatManager manager;

    OccupiedRooms(MultiUserChatManager manager) {
        this.manager = manager;
    }

    /** @return the bare JIDs of the loaded rooms with at least one occupant */
    List<JID> list() {
        final List<JID> result = new ArrayList<>();
        for (MultiUserChatService service : manager.getMultiUserChatServices()) {
            for (MUCRoom room : service.getActiveChatRooms()) {
                if (!room.getOccupants().isEmpty()) {
                    result.add(room.getJID().asBareJID());
                }
            }
        }
        return result;
    }
}
