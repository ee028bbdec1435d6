package net.mucaffiliationnotify.openfire;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jivesoftware.openfire.muc.MUCOccupant;
import org.jivesoftware.openfire.muc.MUCRoom;
import org.jivesoftware.openfire.muc.MultiUserChatManager;
import org.jivesoftware.openfire.muc.MultiUserChatService;
import org.jivesoftware.openfire.muc.Role;
import org.jivesoftware.openfire.muc.spi.LocalMUCRoomManager;
import org.jivesoftware.util.cache.Cache;
import org.xmpp.packet.JID;

/**
 * Openfire's MUC types mocked over plain collections: a manager with one service, conference.localhost,
 * whose room cache holds the rooms tests add. Room lists are live, like Openfire's.
 */
final class MockMuc {
    static final String SERVICE = "conference.localhost";

    final MultiUserChatManager manager = mock(MultiUserChatManager.class);
    final MultiUserChatService service = mock(MultiUserChatService.class);
    final Map<String, MUCRoom> roomCache = new HashMap<>();
    /** The service's sysadmins, whom rooms treat as owners. */
    final List<JID> sysadmins = new CopyOnWriteArrayList<>();

    @SuppressWarnings("unchecked")
    MockMuc() {
        final LocalMUCRoomManager localRooms = mock(LocalMUCRoomManager.class);
        final Cache<String, MUCRoom> cache = mock(Cache.class);
        lenient().when(cache.get(any())).thenAnswer(call -> roomCache.get((String) call.getArgument(0)));
        lenient().when(localRooms.getROOM_CACHE()).thenReturn(cache);
        lenient().when(service.getServiceDomain()).thenReturn(SERVICE);
        lenient().when(service.getServiceName()).thenReturn(SERVICE.substring(0, SERVICE.indexOf('.')));
        lenient().when(service.getSysadmins()).thenAnswer(call -> new ArrayList<>(sysadmins));
        lenient().when(service.getLocalMUCRoomManager()).thenReturn(localRooms);
        lenient().when(manager.getMultiUserChatServices()).thenReturn(List.of(service));
        lenient().when(service.getActiveChatRooms()).thenAnswer(call -> new ArrayList<>(roomCache.values()));
        lenient().when(manager.getMultiUserChatService(any(JID.class))).thenAnswer(call ->
            SERVICE.equals(((JID) call.getArgument(0)).getDomain()) ? service : null);
    }

    /** A room with live lists and occupants. */
    final class Room {
        final MUCRoom mock = mock(MUCRoom.class);
        final List<JID> owners = new CopyOnWriteArrayList<>();
        final List<JID> admins = new CopyOnWriteArrayList<>();
        final List<JID> outcasts = new CopyOnWriteArrayList<>();
        final Map<JID, String> members = new java.util.concurrent.ConcurrentHashMap<>();
        final List<MUCOccupant> occupants = new CopyOnWriteArrayList<>();
        boolean membersOnly;
        boolean nonAnonymous;

        Room(String name) {
            final JID jid = new JID(name, SERVICE, null);
            lenient().when(mock.getJID()).thenReturn(jid);
            lenient().when(mock.getMUCService()).thenReturn(service);
            lenient().when(mock.getName()).thenReturn(name);
            lenient().when(mock.getOwners()).thenAnswer(c -> new ArrayList<>(owners));
            lenient().when(mock.getAdmins()).thenAnswer(c -> new ArrayList<>(admins));
            lenient().when(mock.getOutcasts()).thenAnswer(c -> new ArrayList<>(outcasts));
            lenient().when(mock.getMembers()).thenAnswer(c -> members.keySet());
            lenient().when(mock.getOccupants()).thenAnswer(c -> new ArrayList<>(occupants));
            lenient().when(mock.isMembersOnly()).thenAnswer(c -> membersOnly);
            lenient().when(mock.isRegistrationEnabled()).thenReturn(true);
            lenient().when(mock.canAnyoneDiscoverJID()).thenAnswer(c -> nonAnonymous);
            // MUCRoom.getAffiliation's precedence: sysadmin or owner, admin, outcast, member
            lenient().when(mock.getAffiliation(any(JID.class))).thenAnswer(c -> {
                final JID bare = ((JID) c.getArgument(0)).asBareJID();
                return owners.contains(bare) || sysadmins.contains(bare) ? org.jivesoftware.openfire.muc.Affiliation.owner
                    : admins.contains(bare) ? org.jivesoftware.openfire.muc.Affiliation.admin
                    : outcasts.contains(bare) ? org.jivesoftware.openfire.muc.Affiliation.outcast
                    : members.containsKey(bare) ? org.jivesoftware.openfire.muc.Affiliation.member
                    : org.jivesoftware.openfire.muc.Affiliation.none;
            });
        }

        /** Sets a JID's affiliation the way MUCRoom.addX does: removed from every other list. */
        Room set(String bareJid, String affiliation) {
            final JID jid = new JID(bareJid);
            owners.remove(jid);
            admins.remove(jid);
            outcasts.remove(jid);
            members.remove(jid);
            switch (affiliation) {
                case "owner": owners.add(jid); break;
                case "admin": admins.add(jid); break;
                case "outcast": outcasts.add(jid); break;
                case "member": members.put(jid, ""); break;
                default: break;
            }
            return this;
        }

        Room join(String fullJid, Role role) {
            return join(fullJid, role, new JID(fullJid).getNode());
        }

        Room join(String fullJid, Role role, String nickname) {
            final MUCOccupant occupant = mock(MUCOccupant.class);
            lenient().when(occupant.getNickname()).thenReturn(nickname);
            lenient().when(occupant.getUserAddress()).thenReturn(new JID(fullJid));
            lenient().when(occupant.getRole()).thenReturn(role);
            lenient().when(occupant.isRemoteFmuc()).thenReturn(false);
            occupants.add(occupant);
            return this;
        }
    }

    Room room(String name) {
        final Room room = new Room(name);
        roomCache.put(name, room.mock);
        return room;
    }
}
