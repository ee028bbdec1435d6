package net.mucaffiliationnotify.requests;

import static net.mucaffiliationnotify.requests.AffiliationRequest.Kind.ADMIN_ITEMS;
import static net.mucaffiliationnotify.requests.AffiliationRequest.Kind.CONFIGURATION_FORM;
import static net.mucaffiliationnotify.requests.AffiliationRequest.Kind.INVITATION;
import static net.mucaffiliationnotify.requests.AffiliationRequest.Kind.REGISTRATION;
import static org.junit.Assert.assertEquals;

import java.util.Set;

import org.junit.Test;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * Which requests Openfire can accept, per kind × sender affiliation × members-only × registration, against
 * Openfire 5.1.1's handlers: IQAdminHandler (affiliation items need admin or owner), IQOwnerHandler (owner),
 * IQMUCRegisterHandler (registration enabled, sender not an outcast), MUCRoom.addMember via an invitation
 * (members-only room, inviter admin or owner).
 */
public class RequestAdmissionTest {
    @Test
    public void everyCombinationFollowsOpenfiresHandlers() {
        int checked = 0;
        for (AffiliationRequest.Kind kind : AffiliationRequest.Kind.values()) {
            for (MucAffiliation sender : MucAffiliation.values()) {
                for (boolean membersOnly : new boolean[] {false, true}) {
                    for (boolean registration : new boolean[] {false, true}) {
                        final boolean expected = switch (kind) {
                            case ADMIN_ITEMS -> Set.of(MucAffiliation.owner, MucAffiliation.admin).contains(sender);
                            case CONFIGURATION_FORM -> sender == MucAffiliation.owner;
                            case REGISTRATION -> registration && sender != MucAffiliation.outcast;
                            case INVITATION -> membersOnly
                                && Set.of(MucAffiliation.owner, MucAffiliation.admin).contains(sender);
                        };
                        assertEquals(kind + " from " + sender + (membersOnly ? ", members-only" : "")
                                + (registration ? ", registration on" : ""),
                            expected, RequestAdmission.mayChange(kind, sender, membersOnly, registration));
                        checked++;
                    }
                }
            }
        }
        assertEquals(4 * 5 * 2 * 2, checked);
    }

    @Test
    public void participantsMembersAndOutsidersChangeNothing() {
        for (MucAffiliation sender : new MucAffiliation[] {MucAffiliation.member, MucAffiliation.none,
            MucAffiliation.outcast}) {
            assertEquals(false, RequestAdmission.mayChange(ADMIN_ITEMS, sender, true, true));
            assertEquals(false, RequestAdmission.mayChange(CONFIGURATION_FORM, sender, true, true));
            assertEquals(false, RequestAdmission.mayChange(INVITATION, sender, true, true));
        }
        assertEquals(false, RequestAdmission.mayChange(CONFIGURATION_FORM, MucAffiliation.admin, true, true));
        assertEquals(true, RequestAdmission.mayChange(REGISTRATION, MucAffiliation.none, true, true));
    }
}
