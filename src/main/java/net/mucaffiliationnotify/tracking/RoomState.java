package net.mucaffiliationnotify.tracking;

import java.util.Collection;

import org.xmpp.packet.JID;

import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.rules.RoomSnapshot;

/** A live view of one room's affiliation lists and occupants, as the tracker reads them. */
public interface RoomState {
    /** @return the bare room JID */
    JID jid();

    /**
     * @param bareJid a bare JID
     * @return the affiliation the room's lists give that JID (owner, then admin, outcast, member; else none)
     */
    MucAffiliation affiliationOf(JID bareJid);

    /** @return the owners list as stored (bare JIDs, possibly group JIDs) */
    Collection<JID> owners();

    /** @return the admins list as stored */
    Collection<JID> admins();

    /**
     * @param bareJid a bare JID
     * @return whether a session of that JID is joined
     */
    boolean hasOccupant(JID bareJid);

    /** @return what the notification rules need of the room now */
    RoomSnapshot snapshot();
}
