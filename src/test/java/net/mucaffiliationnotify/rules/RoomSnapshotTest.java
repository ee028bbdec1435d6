package net.mucaffiliationnotify.rules;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.xmpp.packet.JID;

/** {@link RoomSnapshot}: its occupant list is a fixed copy, and {@code hasOccupant} is R1's bare-JID test. */
public class RoomSnapshotTest {
    private static final JID ROOM = new JID("room@conference.localhost");

    @Test
    public void occupantsAreCopiedAndImmutable() {
        final List<Occupant> source = new ArrayList<>();
        source.add(new Occupant(new JID("romeo@montague.lit/orchard"), true, false));
        final RoomSnapshot room = new RoomSnapshot(ROOM, false, false, source);
        source.add(new Occupant(new JID("juliet@capulet.lit/balcony"), false, false));
        assertEquals(1, room.occupants().size());
        assertFalse(room.hasOccupant(new JID("juliet@capulet.lit")));
        assertThrows(UnsupportedOperationException.class,
            () -> room.occupants().add(new Occupant(new JID("nurse@capulet.lit/x"), false, false)));
    }

    @Test
    public void rejectsNulls() {
        assertThrows(NullPointerException.class, () -> new RoomSnapshot(null, false, false, List.of()));
        assertThrows(NullPointerException.class, () -> new RoomSnapshot(ROOM, false, false, null));
        assertThrows(NullPointerException.class, () -> new Occupant(null, false, false));
    }

    @Test
    public void hasOccupantComparesBareJids() {
        final RoomSnapshot room = new RoomSnapshot(ROOM, false, false, List.of(
            new Occupant(new JID("Juliet@Capulet.LIT/Balcony"), false, false),
            new Occupant(new JID("nurse@capulet.lit/romeo"), true, false)));
        assertTrue(room.hasOccupant(new JID("juliet@capulet.lit")));
        assertFalse(room.hasOccupant(new JID("romeo@capulet.lit")));
        assertFalse(room.hasOccupant(new JID("romeo@montague.lit")));
        assertFalse(room.hasOccupant(new JID("capulet.lit")));
    }

    @Test
    public void emptyRoomHasNoOccupant() {
        assertFalse(new RoomSnapshot(ROOM, true, true, List.of()).hasOccupant(new JID("juliet@capulet.lit")));
    }
}
