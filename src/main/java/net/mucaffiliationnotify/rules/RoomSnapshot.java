package net.mucaffiliationnotify.rules;

import java.util.List;
import java.util.Objects;

import org.xmpp.packet.JID;

/**
 * What the notification rules need to know of a room at the moment a change is announced.
 *
 * @param roomJid the bare room JID (the notifications' sender)
 * @param membersOnly whether the room is members-only (status 321 on removal)
 * @param nonAnonymous whether anyone may discover real JIDs (Openfire: {@code canAnyoneDiscoverJID()});
 *                     otherwise only moderators may see them
 * @param occupants the room's joined sessions
 */
public record RoomSnapshot(JID roomJid, boolean membersOnly, boolean nonAnonymous, List<Occupant> occupants) {
    public RoomSnapshot {
        Objects.requireNonNull(roomJid, "roomJid");
        occupants = List.copyOf(occupants);
    }

    /**
     * @param bareJid a bare JID
     * @return whether any joined session of the room belongs to that bare JID
     */
    public boolean hasOccupant(JID bareJid) {
        for (Occupant occupant : occupants) {
            if (BareJids.same(occupant.realJid(), bareJid)) {
                return true;
            }
        }
        return false;
    }
}
