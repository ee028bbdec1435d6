package net.mucaffiliationnotify.versioning;

import java.util.Set;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * What, besides a viewer's place in the lists, decides who may read a room's affiliation lists at one
 * moment: the room's configuration and the MUC service's sysadmins (whom Openfire treats as owners). A
 * viewer's role plays no part: Openfire's muc#admin affiliation-list queries look only at the affiliation.
 * Recorded in the room's history so that an old version is judged as the room was then (V4).
 *
 * @param membersOnly whether the room is members-only
 * @param nonAnonymous whether anyone may discover real JIDs
 * @param sysadmins the service's sysadmins, bare JIDs
 */
public record ListContext(boolean membersOnly, boolean nonAnonymous, Set<String> sysadmins) {
    public ListContext {
        sysadmins = Set.copyOf(sysadmins);
    }

    /**
     * @param bareJid the viewer's bare JID
     * @param listed the viewer's affiliation in the room's lists (groups expanded)
     * @return what the viewer may receive in this context
     */
    public ListAccess accessOf(String bareJid, MucAffiliation listed) {
        final MucAffiliation standing = sysadmins.contains(bareJid) ? MucAffiliation.owner : listed;
        return ListAccess.decide(standing, membersOnly, nonAnonymous);
    }
}
