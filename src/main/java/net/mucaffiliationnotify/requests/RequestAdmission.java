package net.mucaffiliationnotify.requests;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * Whether Openfire can accept a request of some kind from its sender, decided before the request is
 * parsed, from what is cheap to read: a request Openfire will refuse, however large and whoever sends it,
 * costs the plugin nothing more than this decision. Openfire 5.0–5.2's rules:
 * <ul>
 * <li>muc#admin affiliation items: owners and admins (IQAdminHandler; a participant, even a moderator,
 *     may change roles only);</li>
 * <li>the muc#owner configuration form: owners (IQOwnerHandler);</li>
 * <li>registration: anyone but an outcast, in a room that allows it (IQMUCRegisterHandler);</li>
 * <li>invitations: they make the invitee a member only in a members-only room, and only when an owner or
 *     admin sends them (MultiUserChatServiceImpl, MUCRoom.addMember).</li>
 * </ul>
 * A service sysadmin counts as an owner, as Openfire's {@code MUCRoom.getAffiliation} reports.
 */
public final class RequestAdmission {
    private RequestAdmission() {
    }

    /**
     * @param kind the request's kind
     * @param sender the sender's affiliation as Openfire reports it (groups and sysadmins included)
     * @param membersOnly whether the room is members-only
     * @param registrationEnabled whether the room accepts registrations
     * @return whether Openfire can apply a change of this request
     */
    public static boolean mayChange(AffiliationRequest.Kind kind, MucAffiliation sender, boolean membersOnly,
                                    boolean registrationEnabled) {
        final boolean ownerOrAdmin = sender == MucAffiliation.owner || sender == MucAffiliation.admin;
        return switch (kind) {
            case ADMIN_ITEMS -> ownerOrAdmin;
            case CONFIGURATION_FORM -> sender == MucAffiliation.owner;
            case REGISTRATION -> registrationEnabled && sender != MucAffiliation.outcast;
            case INVITATION -> membersOnly && ownerOrAdmin;
        };
    }
}
