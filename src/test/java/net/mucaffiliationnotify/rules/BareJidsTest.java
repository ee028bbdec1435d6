package net.mucaffiliationnotify.rules;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.xmpp.packet.JID;

/** {@link BareJids#same(JID, JID)}: the bare-JID comparison behind R1 (is the target in the room?). */
public class BareJidsTest {

    private static boolean same(String a, String b) {
        return BareJids.same(new JID(a), new JID(b));
    }

    @Test
    public void fullAndBareOfTheSameUserAreTheSame() {
        assertTrue(same("juliet@capulet.lit/balcony", "juliet@capulet.lit"));
        assertTrue(same("juliet@capulet.lit", "juliet@capulet.lit/balcony"));
        assertTrue(same("juliet@capulet.lit/balcony", "juliet@capulet.lit/chamber"));
        assertTrue(same("juliet@capulet.lit", "juliet@capulet.lit"));
    }

    @Test
    public void comparisonIsOnNormalisedJids() {
        assertTrue(same("Juliet@Capulet.LIT/Balcony", "juliet@capulet.lit"));
    }

    @Test
    public void differentNodeOrDomainDiffers() {
        assertFalse(same("juliet@capulet.lit/balcony", "romeo@capulet.lit"));
        assertFalse(same("juliet@capulet.lit/balcony", "juliet@montague.lit"));
    }

    @Test
    public void resourceNamedLikeTheNodeDoesNotMatch() {
        assertFalse(same("nurse@capulet.lit/juliet", "juliet@capulet.lit"));
        assertFalse(same("capulet.lit/juliet", "juliet@capulet.lit"));
    }

    @Test
    public void domainOnlyJidMatchesOnlyDomainOnlyJids() {
        assertTrue(same("evil.example/bot", "evil.example"));
        assertTrue(same("evil.example", "evil.example"));
        assertFalse(same("someone@evil.example/x", "evil.example"));
        assertFalse(same("evil.example", "someone@evil.example"));
    }
}
