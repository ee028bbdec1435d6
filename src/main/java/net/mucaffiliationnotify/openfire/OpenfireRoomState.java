package net.mucaffiliationnotify.openfire;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jivesoftware.openfire.group.Group;
import org.jivesoftware.openfire.group.GroupManager;
import org.jivesoftware.openfire.group.GroupNotFoundException;
import org.jivesoftware.openfire.muc.Affiliation;
import org.jivesoftware.openfire.muc.MUCOccupant;
import org.jivesoftware.openfire.muc.MUCRoom;
import org.jivesoftware.openfire.muc.Role;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.requests.GroupJids;
import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.rules.Occupant;
import net.mucaffiliationnotify.rules.RoomSnapshot;
import net.mucaffiliationnotify.tracking.RoomState;
import net.mucaffiliationnotify.versioning.ListContext;

/**
 * Reads an Openfire {@link MUCRoom}'s lists and occupants. Affiliations come from the lists as stored,
 * with Openfire's precedence (owner, admin, outcast, member), so that a sysadmin Openfire treats as owner
 * is not announced as one and group JIDs are compared as the entries they are.
 */
final class OpenfireRoomState implements RoomState {
    private final MUCRoom room;

    OpenfireRoomState(MUCRoom room) {
        this.room = room;
    }

    @Override
    public JID jid() {
        return room.getJID();
    }

    @Override
    public MucAffiliation affiliationOf(JID bareJid) {
        if (room.getOwners().contains(bareJid)) {
            return MucAffiliation.owner;
        }
        if (room.getAdmins().contains(bareJid)) {
            return MucAffiliation.admin;
        }
        if (room.getOutcasts().contains(bareJid)) {
            return MucAffiliation.outcast;
        }
        if (room.getMembers().contains(bareJid)) {
            return MucAffiliation.member;
        }
        return MucAffiliation.none;
    }

    @Override
    public Collection<JID> owners() {
        return List.copyOf(room.getOwners());
    }

    @Override
    public Collection<JID> admins() {
        return List.copyOf(room.getAdmins());
    }

    @Override
    public RoomSnapshot snapshot() {
        final Collection<MUCOccupant> occupants = room.getOccupants();
        final List<Occupant> views = new ArrayList<>(occupants.size());
        for (MUCOccupant occupant : occupants) {
            final JID address = occupant.getUserAddress();
            if (address != null) {
                views.add(new Occupant(address, occupant.getRole() == Role.moderator, occupant.isRemoteFmuc()));
            }
        }
        return new RoomSnapshot(room.getJID().asBareJID(), room.isMembersOnly(), room.canAnyoneDiscoverJID(), views);
    }

    @Override
    public Map<String, MucAffiliation> affiliationState() {
        // Lowest precedence first, so that a JID on several lists ends with Openfire's answer for it.
        final Map<String, MucAffiliation> state = new HashMap<>();
        putAll(state, room.getMembers(), MucAffiliation.member);
        putAll(state, room.getOutcasts(), MucAffiliation.outcast);
        putAll(state, room.getAdmins(), MucAffiliation.admin);
        putAll(state, room.getOwners(), MucAffiliation.owner);
        return state;
    }

    /** Adds a list's JIDs, a group JID as its members, as Openfire's muc#admin queries list them. */
    private static void putAll(Map<String, MucAffiliation> state, Collection<JID> list, MucAffiliation affiliation) {
        for (JID jid : list) {
            if (GroupJids.isGroup(jid)) {
                try {
                    final Group group = GroupManager.getInstance().getGroup(jid);
                    for (JID member : group.getAll()) {
                        state.put(member.toBareJID(), affiliation);
                    }
                } catch (GroupNotFoundException e) {
                    // Openfire lists nothing for a group that no longer exists; neither do we.
                }
            } else {
                state.put(jid.toBareJID(), affiliation);
            }
        }
    }

    @Override
    public boolean membersOnly() {
        return room.isMembersOnly();
    }

    @Override
    public boolean registrationEnabled() {
        return room.isRegistrationEnabled();
    }

    @Override
    public ListContext listContext() {
        final Collection<JID> admins = room.getMUCService().getSysadmins();
        final Set<String> sysadmins = new HashSet<>(admins.size() * 2);
        for (JID admin : admins) {
            sysadmins.add(admin.toBareJID());
        }
        return new ListContext(room.isMembersOnly(), room.canAnyoneDiscoverJID(), sysadmins);
    }

    @Override
    public MucAffiliation viewerAffiliation(JID bareJid) {
        final Affiliation affiliation = room.getAffiliation(bareJid);
        return affiliation == null ? MucAffiliation.none : MucAffiliation.valueOf(affiliation.name());
    }

    @Override
    public JID occupantByNickname(String nickname) {
        for (MUCOccupant occupant : room.getOccupants()) {
            final JID address = occupant.getUserAddress();
            if (address != null && nickname.equalsIgnoreCase(occupant.getNickname())) {
                return address.asBareJID();
            }
        }
        return null;
    }
}
