package net.mucaffiliationnotify.versioning;

import static net.mucaffiliationnotify.rules.MucAffiliation.admin;
import static net.mucaffiliationnotify.rules.MucAffiliation.member;
import static net.mucaffiliationnotify.rules.MucAffiliation.none;
import static net.mucaffiliationnotify.rules.MucAffiliation.outcast;
import static net.mucaffiliationnotify.rules.MucAffiliation.owner;
import static net.mucaffiliationnotify.versioning.ListAccess.FORBIDDEN;
import static net.mucaffiliationnotify.versioning.ListAccess.LIST;
import static net.mucaffiliationnotify.versioning.ListAccess.LIST_WITHOUT_OUTCASTS;
import static net.mucaffiliationnotify.versioning.ListAccess.NOTHING;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.Test;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * {@link ListAccess} (V4): the full decision matrix — five affiliations × members-only × non-anonymous —
 * against a table written from Openfire's rules for muc#admin list queries (outcasts and refused non-members
 * get nothing; in a semi-anonymous room only owners get lists; owners and admins see outcasts, members and
 * others do not), plus how each answer shows an affiliation and which answers carry a list.
 */
public class ListAccessTest {
    /** affiliation, membersOnly, nonAnonymous, expected answer. */
    private static final Object[][] TABLE = {
        // open, semi-anonymous: only owners may see the owner/admin lists.
        {owner, false, false, LIST},
        {admin, false, false, FORBIDDEN},
        {member, false, false, FORBIDDEN},
        {none, false, false, FORBIDDEN},
        {outcast, false, false, NOTHING},
        // open, non-anonymous: everyone admitted sees owner, admin and member lists.
        {owner, false, true, LIST},
        {admin, false, true, LIST},
        {member, false, true, LIST_WITHOUT_OUTCASTS},
        {none, false, true, LIST_WITHOUT_OUTCASTS},
        {outcast, false, true, NOTHING},
        // members-only, semi-anonymous: non-members are refused; of the rest only owners get lists.
        {owner, true, false, LIST},
        {admin, true, false, FORBIDDEN},
        {member, true, false, FORBIDDEN},
        {none, true, false, NOTHING},
        {outcast, true, false, NOTHING},
        // members-only, non-anonymous: the private room clients encrypt in.
        {owner, true, true, LIST},
        {admin, true, true, LIST},
        {member, true, true, LIST_WITHOUT_OUTCASTS},
        {none, true, true, NOTHING},
        {outcast, true, true, NOTHING},
    };

    @Test
    public void decideFollowsTheTableForAllTwentyCases() {
        final Set<String> covered = new HashSet<>();
        for (Object[] row : TABLE) {
            final MucAffiliation joiner = (MucAffiliation) row[0];
            final boolean membersOnly = (Boolean) row[1];
            final boolean nonAnonymous = (Boolean) row[2];
            assertEquals(joiner + " membersOnly=" + membersOnly + " nonAnonymous=" + nonAnonymous, row[3],
                ListAccess.decide(joiner, membersOnly, nonAnonymous));
            covered.add(joiner + "/" + membersOnly + "/" + nonAnonymous);
        }
        assertEquals("every combination once", 20, covered.size());
    }

    @Test
    public void outcastsNeverGetAnAnswer() {
        for (boolean membersOnly : new boolean[] {false, true}) {
            for (boolean nonAnonymous : new boolean[] {false, true}) {
                assertEquals(NOTHING, ListAccess.decide(outcast, membersOnly, nonAnonymous));
            }
        }
    }

    @Test
    public void ownersAlwaysGetEveryListUnlessRefused() {
        for (boolean membersOnly : new boolean[] {false, true}) {
            for (boolean nonAnonymous : new boolean[] {false, true}) {
                assertEquals(LIST, ListAccess.decide(owner, membersOnly, nonAnonymous));
            }
        }
    }

    @Test
    public void nobodyButOwnersAndAdminsSeesOutcasts() {
        for (MucAffiliation joiner : MucAffiliation.values()) {
            for (boolean membersOnly : new boolean[] {false, true}) {
                for (boolean nonAnonymous : new boolean[] {false, true}) {
                    final ListAccess access = ListAccess.decide(joiner, membersOnly, nonAnonymous);
                    if (joiner != owner && joiner != admin) {
                        assertEquals(none, access.view(outcast));
                    }
                }
            }
        }
    }

    @Test
    public void listShowsEveryAffiliationAsItIs() {
        for (MucAffiliation affiliation : MucAffiliation.values()) {
            assertEquals(affiliation, LIST.view(affiliation));
        }
    }

    @Test
    public void otherAnswersShowOutcastsAsNoneAndTheRestAsTheyAre() {
        for (ListAccess access : new ListAccess[] {LIST_WITHOUT_OUTCASTS, FORBIDDEN, NOTHING}) {
            assertEquals(access.name(), none, access.view(outcast));
            assertEquals(access.name(), owner, access.view(owner));
            assertEquals(access.name(), admin, access.view(admin));
            assertEquals(access.name(), member, access.view(member));
            assertEquals(access.name(), none, access.view(none));
        }
    }

    @Test
    public void onlyTheTwoListAnswersCarryAList() {
        assertTrue(LIST.lists());
        assertTrue(LIST_WITHOUT_OUTCASTS.lists());
        assertFalse(FORBIDDEN.lists());
        assertFalse(NOTHING.lists());
        assertEquals(4, ListAccess.values().length);
    }
}
