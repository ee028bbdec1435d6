package net.mucaffiliationnotify.versioning;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * What a joiner who asked for the affiliation list may receive (V4), following the rules Openfire applies to
 * XEP-0045 affiliation-list queries, so that the list never shows more than the four muc#admin queries
 * would:
 * <ul>
 * <li>owner and admin lists: anyone in a non-anonymous room, only owners in a semi-anonymous one;</li>
 * <li>member list: anyone in an open room, members, admins and owners in a members-only one;</li>
 * <li>outcast list: admins and owners only.</li>
 * </ul>
 * A joiner who may see the owner, admin and member lists gets them (with the outcasts only if allowed to
 * see those too): the room's membership, which clients need to know whom to encrypt to. A joiner who may
 * not gets the XEP's auth {@code forbidden} error. Someone whose join the room refuses (an outcast, a
 * non-member of a members-only room) gets nothing at all: an answer would tell a refused user about the
 * room. In a semi-anonymous room this leaves only owners, so real JIDs reach only a moderator.
 */
public enum ListAccess {
    /** Send every list, outcasts included. */
    LIST,
    /** Send the owner, admin and member lists; outcasts appear as {@code none}. */
    LIST_WITHOUT_OUTCASTS,
    /** Send the XEP's auth {@code forbidden} error message. */
    FORBIDDEN,
    /** Send nothing: the join is refused. */
    NOTHING;

    /**
     * @param joiner the joiner's affiliation as Openfire reports it (a service sysadmin counts as owner)
     * @param membersOnly whether the room is members-only
     * @param nonAnonymous whether anyone may discover real JIDs
     * @return what to answer
     */
    public static ListAccess decide(MucAffiliation joiner, boolean membersOnly, boolean nonAnonymous) {
        if (joiner == MucAffiliation.outcast || (membersOnly && joiner == MucAffiliation.none)) {
            return NOTHING;
        }
        final boolean owner = joiner == MucAffiliation.owner;
        // The member list is open to everyone the room admits: anyone in an open room, only affiliated users
        // in a members-only one. What remains to check is the owner and admin lists.
        if (!nonAnonymous && !owner) {
            return FORBIDDEN;
        }
        return owner || joiner == MucAffiliation.admin ? LIST : LIST_WITHOUT_OUTCASTS;
    }

    /**
     * @param a an access, or {@code null} for none known
     * @param b another
     * @return the one that shows more (constants are declared from most to least)
     */
    static ListAccess most(ListAccess a, ListAccess b) {
        return a == null || b.ordinal() < a.ordinal() ? b : a;
    }

    /** @return whether this answer carries a list */
    public boolean lists() {
        return this == LIST || this == LIST_WITHOUT_OUTCASTS;
    }

    /**
     * @param affiliation an affiliation in the room's state
     * @return how the joiner sees it: outcasts as {@code none} when the outcast list is hidden from them
     */
    public MucAffiliation view(MucAffiliation affiliation) {
        return this != LIST && affiliation == MucAffiliation.outcast ? MucAffiliation.none : affiliation;
    }
}
