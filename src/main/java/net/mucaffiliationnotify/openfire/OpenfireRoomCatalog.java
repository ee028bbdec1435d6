package net.mucaffiliationnotify.openfire;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jivesoftware.openfire.muc.MUCRoom;
import org.jivesoftware.openfire.muc.MultiUserChatManager;
import org.jivesoftware.openfire.muc.MultiUserChatService;
import org.jivesoftware.openfire.muc.spi.MUCRoomSearchInfo;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.settings.RoomCatalog;
import net.mucaffiliationnotify.settings.RoomInfo;
import net.mucaffiliationnotify.settings.RoomKey;

/**
 * Lists Openfire's MUC services and rooms for the admin pages, and maps room JIDs to settings keys.
 * Rooms are listed from Openfire's search information, which covers rooms that are not loaded without
 * loading them.
 */
final class OpenfireRoomCatalog implements RoomCatalog {
    private final MultiUserChatManager manager;

    OpenfireRoomCatalog(MultiUserChatManager manager) {
        this.manager = manager;
    }

    /**
     * @param roomJid a room JID
     * @return its settings key, or {@code null} when it is no room of a MUC service of this server, or its
     *     name is too long to have a setting of its own (such rooms follow the global default)
     */
    RoomKey keyOf(JID roomJid) {
        if (roomJid == null || roomJid.getNode() == null || roomJid.getNode().length() > RoomKey.MAX_LENGTH) {
            return null;
        }
        final MultiUserChatService service = manager.getMultiUserChatService(roomJid);
        return service == null ? null : new RoomKey(service.getServiceName(), roomJid.getNode());
    }

    @Override
    public List<String> services() {
        final List<String> names = new ArrayList<>();
        for (MultiUserChatService service : manager.getMultiUserChatServices()) {
            names.add(service.getServiceName());
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    @Override
    public List<RoomInfo> rooms(String service) {
        final MultiUserChatService muc = manager.getMultiUserChatService(service);
        if (muc == null) {
            return List.of();
        }
        final List<RoomInfo> rooms = new ArrayList<>();
        for (MUCRoomSearchInfo info : muc.getAllRoomSearchInfo()) {
            rooms.add(new RoomInfo(new RoomKey(service, info.getName()), info.getNaturalLanguageName(),
                info.getDescription()));
        }
        rooms.sort(Comparator.comparing(room -> room.key().room()));
        return rooms;
    }

    @Override
    public Optional<RoomInfo> room(RoomKey key) {
        final MultiUserChatService muc = manager.getMultiUserChatService(key.service());
        if (muc == null) {
            return Optional.empty();
        }
        final MUCRoom room = muc.getChatRoom(key.room());
        return room == null ? Optional.empty()
            : Optional.of(new RoomInfo(key, room.getNaturalLanguageName(), room.getDescription()));
    }

    @Override
    public Optional<String> serviceDomain(String service) {
        final MultiUserChatService muc = manager.getMultiUserChatService(service);
        return muc == null ? Optional.empty() : Optional.of(muc.getServiceDomain());
    }
}
