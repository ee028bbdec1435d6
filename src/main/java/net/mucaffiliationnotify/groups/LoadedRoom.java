package net.mucaffiliationnotify.groups;

import java.util.Collection;

import org.xmpp.packet.JID;

/**
 * A room loaded in memory, as {@link GroupChangeChecks} looks at it: its address, whether anyone is in it, and
 * its four affiliation lists as stored, group JIDs as the entries they are (not expanded into their users).
 */
public interface LoadedRoom {
    /** @return the room's bare JID */
    JID jid();

    /** @return whether the room has at least one occupant */
    boolean occupied();

    Collection<JID> owners();

    Collection<JID> admins();

    Collection<JID> members();

    Collection<JID> outcasts();

    /**
     * @param entries JIDs as lists hold them (group JIDs, resource included)
     * @return whether one of the four lists holds one of them
     */
    default boolean listsAnyOf(Collection<JID> entries) {
        for (Collection<JID> list : java.util.List.of(owners(), admins(), members(), outcasts())) {
            for (JID entry : entries) {
                if (list.contains(entry)) {
                    return true;
                }
            }
        }
        return false;
    }
}
