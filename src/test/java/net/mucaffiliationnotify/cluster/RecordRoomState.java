package net.mucaffiliationnotify.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.xmpp.packet.JID;

import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.rules.Occupant;
import net.mucaffiliationnotify.rules.RoomSnapshot;
import net.mucaffiliationnotify.tracking.RoomState;

/** The tracker's view of one copy of a room read from the clustered room cache. */
final class RecordRoomState implements RoomState {
    private final RoomRecord room;

    RecordRoomState(RoomRecord room) {
        this.room = room;
    }

    @Override
    public JID jid() {
        return room.jid();
    }

    @Override
    public MucAffiliation affiliationOf(JID bareJid) {
        return MucAffiliation.fromAttribute(room.affiliation(bareJid.toBareJID()));
    }

    @Override
    public Collection<JID> owners() {
        return listed("owner");
    }

    @Override
    public Collection<JID> admins() {
        return listed("admin");
    }

    private List<JID> listed(String affiliation) {
        final List<JID> result = new ArrayList<>();
        for (Map.Entry<String, String> entry : room.affiliations.entrySet()) {
            if (entry.getValue().equals(affiliation)) {
                result.add(new JID(entry.getKey()));
            }
        }
        return result;
    }

    @Override
    public Map<String, MucAffiliation> affiliationState() {
        final Map<String, MucAffiliation> state = new java.util.HashMap<>();
        room.affiliations.forEach((jid, affiliation) -> state.put(jid, MucAffiliation.fromAttribute(affiliation)));
        return state;
    }

    @Override
    public JID occupantByNickname(String nickname) {
        return null;
    }

    @Override
    public RoomSnapshot snapshot() {
        final List<Occupant> occupants = new ArrayList<>();
        room.occupantRoles.forEach((full, role) -> occupants.add(new Occupant(new JID(full), "moderator".equals(role), false)));
        return new RoomSnapshot(room.jid(), room.membersOnly, room.nonAnonymous, occupants);
    }
}
