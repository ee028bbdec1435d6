package net.mucaffiliationnotify.tracking;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

import org.xmpp.packet.JID;

import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.rules.RoomSnapshot;
import net.mucaffiliationnotify.versioning.ListContext;

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

    /** @return what the notification rules need of the room now */
    RoomSnapshot snapshot();

    /**
     * @return the room's lists as XEP-0045 affiliation queries return them: bare JID (normalised string) to
     *     affiliation, group JIDs expanded to their members, with the precedence of {@link #affiliationOf};
     *     no {@code none} entries (XEP-0463's state, V2)
     */
    Map<String, MucAffiliation> affiliationState();

    /**
     * @param bareJid a bare JID
     * @return the affiliation Openfire grants that JID, which may differ from the lists: a service sysadmin
     *     counts as owner (who may see the lists, V4)
     */
    default MucAffiliation viewerAffiliation(JID bareJid) {
        return affiliationOf(bareJid);
    }

    /** @return whether the room is members-only (cheap: no occupant is read) */
    default boolean membersOnly() {
        return snapshot().membersOnly();
    }

    /** @return whether the room accepts registrations (jabber:iq:register) */
    default boolean registrationEnabled() {
        return true;
    }

    /**
     * @return who may read the room's lists now: its configuration and its service's sysadmins (XEP-0463
     *     judges an old version with what was true then, so the history records it)
     */
    default ListContext listContext() {
        final RoomSnapshot snapshot = snapshot();
        return new ListContext(snapshot.membersOnly(), snapshot.nonAnonymous(), Set.of());
    }

    /**
     * @param nickname a room nickname
     * @return the bare real JID of the occupant using it, or {@code null}
     */
    JID occupantByNickname(String nickname);
}
