package net.mucaffiliationnotify.openfire;

import java.util.function.BooleanSupplier;

import org.jivesoftware.openfire.muc.MUCRoom;
import org.jivesoftware.openfire.muc.MultiUserChatManager;
import org.jivesoftware.openfire.muc.MultiUserChatService;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.tracking.RoomDirectory;
import net.mucaffiliationnotify.tracking.RoomState;

/**
 * Finds loaded rooms in the MUC service's room cache. Unlike {@code MultiUserChatService.getChatRoom},
 * this never loads a room from the database and never takes the room lock, so the interceptor cannot block.
 * In a cluster the cache hands out copies, so reads are not live while a request is being handled.
 */
final class OpenfireRoomDirectory implements RoomDirectory {
    private final MultiUserChatManager manager;
    private final BooleanSupplier clustered;

    OpenfireRoomDirectory(MultiUserChatManager manager, BooleanSupplier clustered) {
        this.manager = manager;
        this.clustered = clustered;
    }

    @Override
    public boolean readsLiveRooms() {
        return !clustered.getAsBoolean();
    }

    @Override
    public RoomState find(JID roomJid) {
        if (roomJid.getNode() == null) {
            return null;
        }
        final MultiUserChatService service = manager.getMultiUserChatService(roomJid);
        if (service == null) {
            return null;
        }
        final MUCRoom room = service.getLocalMUCRoomManager().getROOM_CACHE().get(roomJid.getNode());
        return room == null ? null : new OpenfireRoomState(room);
    }
}
