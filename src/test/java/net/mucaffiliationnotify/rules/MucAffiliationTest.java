package net.mucaffiliationnotify.rules;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import org.junit.Test;

/**
 * {@link MucAffiliation#fromAttribute(String)}: the XEP-0045 affiliation values (used by R3's
 * {@code item@affiliation} and by the request parser), which are case-sensitive.
 */
public class MucAffiliationTest {

    @Test
    public void parsesAllFiveXep0045Values() {
        assertSame(MucAffiliation.owner, MucAffiliation.fromAttribute("owner"));
        assertSame(MucAffiliation.admin, MucAffiliation.fromAttribute("admin"));
        assertSame(MucAffiliation.member, MucAffiliation.fromAttribute("member"));
        assertSame(MucAffiliation.outcast, MucAffiliation.fromAttribute("outcast"));
        assertSame(MucAffiliation.none, MucAffiliation.fromAttribute("none"));
    }

    @Test
    public void nameIsTheWireValueForEveryConstant() {
        assertEquals(5, MucAffiliation.values().length);
        for (MucAffiliation affiliation : MucAffiliation.values()) {
            assertSame(affiliation, MucAffiliation.fromAttribute(affiliation.name()));
        }
    }

    @Test
    public void nullIsNull() {
        assertNull(MucAffiliation.fromAttribute(null));
    }

    @Test
    public void unknownValuesAreNull() {
        assertNull(MucAffiliation.fromAttribute(""));
        assertNull(MucAffiliation.fromAttribute("moderator"));
        assertNull(MucAffiliation.fromAttribute("participant"));
        assertNull(MucAffiliation.fromAttribute("visitor"));
        assertNull(MucAffiliation.fromAttribute("banned"));
        assertNull(MucAffiliation.fromAttribute("members"));
    }

    @Test
    public void valuesAreCaseSensitive() {
        assertNull(MucAffiliation.fromAttribute("Member"));
        assertNull(MucAffiliation.fromAttribute("OWNER"));
        assertNull(MucAffiliation.fromAttribute("Outcast"));
        assertNull(MucAffiliation.fromAttribute("nonE"));
    }

    @Test
    public void surroundingWhitespaceIsNotAccepted() {
        assertNull(MucAffiliation.fromAttribute(" member"));
        assertNull(MucAffiliation.fromAttribute("member "));
    }
}
