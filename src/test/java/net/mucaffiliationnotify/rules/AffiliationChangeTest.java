package net.mucaffiliationnotify.rules;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import org.junit.Test;
import org.xmpp.packet.JID;

/**
 * {@link AffiliationChange}: affiliations are held by bare JIDs (R3: the item's jid is bare), and a blank
 * reason counts as no reason (R4).
 */
public class AffiliationChangeTest {

    @Test
    public void acceptsBareJid() {
        final AffiliationChange change = new AffiliationChange(new JID("juliet@capulet.lit"), MucAffiliation.member, null);
        assertEquals(new JID("juliet@capulet.lit"), change.jid());
        assertSame(MucAffiliation.member, change.affiliation());
        assertNull(change.reason());
    }

    @Test
    public void acceptsDomainOnlyJid() {
        final AffiliationChange change = new AffiliationChange(new JID("evil.example"), MucAffiliation.outcast, null);
        assertEquals("evil.example", change.jid().toString());
    }

    @Test
    public void rejectsFullJid() {
        assertThrows(IllegalArgumentException.class,
            () -> new AffiliationChange(new JID("juliet@capulet.lit/balcony"), MucAffiliation.member, null));
    }

    @Test
    public void rejectsDomainJidWithResource() {
        assertThrows(IllegalArgumentException.class,
            () -> new AffiliationChange(new JID("evil.example/bot"), MucAffiliation.outcast, null));
    }

    @Test
    public void rejectsNullJidAndNullAffiliation() {
        assertThrows(NullPointerException.class, () -> new AffiliationChange(null, MucAffiliation.member, null));
        assertThrows(NullPointerException.class, () -> new AffiliationChange(new JID("juliet@capulet.lit"), null, null));
    }

    @Test
    public void blankReasonBecomesNull() {
        final JID juliet = new JID("juliet@capulet.lit");
        assertNull(new AffiliationChange(juliet, MucAffiliation.outcast, "").reason());
        assertNull(new AffiliationChange(juliet, MucAffiliation.outcast, " ").reason());
        assertNull(new AffiliationChange(juliet, MucAffiliation.outcast, " \t\r\n ").reason());
    }

    @Test
    public void nonBlankReasonIsKept() {
        final AffiliationChange change =
            new AffiliationChange(new JID("tybalt@localhost"), MucAffiliation.outcast, "Hey calm down");
        assertEquals("Hey calm down", change.reason());
    }
}
