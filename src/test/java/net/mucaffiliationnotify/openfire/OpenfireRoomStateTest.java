package net.mucaffiliationnotify.openfire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.jivesoftware.openfire.muc.MUCOccupant;
import org.jivesoftware.openfire.muc.Role;
import org.junit.Test;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.rules.RoomSnapshot;
import net.mucaffiliationnotify.tracking.RoomState;

/** Reading Openfire's room: list precedence, occupancy by bare JID, the snapshot the rules get. */
public class OpenfireRoomStateTest {
    private final MockMuc muc = new MockMuc();
    private final MockMuc.Room room = muc.room("room");
    private final RoomState state = new OpenfireRoomDirectory(muc.manager, () -> false).find(new JID("room@conference.localhost"));

    @Test
    public void affiliationFollowsOpenfiresPrecedence() {
        room.owners.add(new JID("both@localhost"));
        room.members.put(new JID("both@localhost"), "");
        room.outcasts.add(new JID("banned@localhost"));
        room.members.put(new JID("banned@localhost"), "");
        room.admins.add(new JID("adm@localhost"));
        room.members.put(new JID("m@localhost"), "nick");

        assertEquals(MucAffiliation.owner, state.affiliationOf(new JID("both@localhost")));
        assertEquals(MucAffiliation.outcast, state.affiliationOf(new JID("banned@localhost")));
        assertEquals(MucAffiliation.admin, state.affiliationOf(new JID("adm@localhost")));
        assertEquals(MucAffiliation.member, state.affiliationOf(new JID("m@localhost")));
        assertEquals(MucAffiliation.none, state.affiliationOf(new JID("nobody@localhost")));
    }

    @Test
    public void occupancyIsByBareJid() {
        room.join("juliet@localhost/balcony", Role.participant);
        assertTrue(state.snapshot().hasOccupant(new JID("juliet@localhost")));
        assertFalse(state.snapshot().hasOccupant(new JID("juliet@otherhost")));
        assertFalse(state.snapshot().hasOccupant(new JID("romeo@localhost")));
    }

    @Test
    public void snapshotMapsRolesFlagsAndSkipsOccupantsWithoutAddress() {
        room.membersOnly = true;
        room.nonAnonymous = false;
        room.join("mod@localhost/a", Role.moderator).join("visitor@localhost/b", Role.visitor);
        final MUCOccupant federated = mock(MUCOccupant.class);
        when(federated.getUserAddress()).thenReturn(new JID("far@remote.example/x"));
        when(federated.getRole()).thenReturn(Role.moderator);
        when(federated.isRemoteFmuc()).thenReturn(true);
        room.occupants.add(federated);
        final MUCOccupant broken = mock(MUCOccupant.class);
        lenient().when(broken.getUserAddress()).thenReturn(null);
        room.occupants.add(broken);

        final RoomSnapshot snapshot = state.snapshot();
        assertEquals(new JID("room@conference.localhost"), snapshot.roomJid());
        assertTrue(snapshot.membersOnly());
        assertFalse(snapshot.nonAnonymous());
        assertEquals(3, snapshot.occupants().size());
        assertTrue(snapshot.occupants().get(0).moderator());
        assertFalse(snapshot.occupants().get(1).moderator());
        assertTrue(snapshot.occupants().get(2).federated());
    }

    @Test
    public void unknownServiceOrUnloadedRoomIsNotFound() {
        final OpenfireRoomDirectory directory = new OpenfireRoomDirectory(muc.manager, () -> false);
        assertNull(directory.find(new JID("room@chat.elsewhere")));
        assertNull(directory.find(new JID("unloaded@conference.localhost")));
        assertNull(directory.find(new JID("conference.localhost")));
    }
}
