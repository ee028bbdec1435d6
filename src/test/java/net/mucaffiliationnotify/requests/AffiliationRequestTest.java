package net.mucaffiliationnotify.requests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.xmpp.packet.JID;

/**
 * {@link AffiliationRequest}: the value the parser hands to the tracker (R9/R10): the bare room, fixed
 * copies of targets and reasons, and whether a form's full lists demote JIDs it does not name.
 */
public class AffiliationRequestTest {
    private static final JID ROMEO = new JID("romeo@montague.lit/orchard");
    private static final JID JULIET = new JID("juliet@capulet.lit");

    private static AffiliationRequest request(JID addressee, boolean owners, boolean admins) {
        return new AffiliationRequest(AffiliationRequest.Kind.CONFIGURATION_FORM, ROMEO, addressee, "id1",
            List.of(JULIET), Map.of(), owners, admins);
    }

    @Test
    public void roomIsTheBareAddressee() {
        final AffiliationRequest request = request(new JID("room@conference.localhost/nick"), false, false);
        assertEquals("room@conference.localhost/nick", request.addressee().toString());
        assertEquals("room@conference.localhost", request.room().toString());
    }

    @Test
    public void demotesUnnamedWhenEitherListWasSent() {
        final JID room = new JID("room@conference.localhost");
        assertFalse(request(room, false, false).demotesUnnamed());
        assertTrue(request(room, true, false).demotesUnnamed());
        assertTrue(request(room, false, true).demotesUnnamed());
        assertTrue(request(room, true, true).demotesUnnamed());
    }

    @Test
    public void targetsAndReasonsAreCopied() {
        final List<JID> targets = new ArrayList<>(List.of(JULIET));
        final Map<JID, String> reasons = new HashMap<>(Map.of(JULIET, "why"));
        final AffiliationRequest request = new AffiliationRequest(AffiliationRequest.Kind.ADMIN_ITEMS, ROMEO,
            new JID("room@conference.localhost"), null, targets, reasons, false, false);
        targets.add(new JID("tybalt@capulet.lit"));
        reasons.put(JULIET, "changed");
        assertEquals(List.of(JULIET), request.targets());
        assertEquals("why", request.reasonFor(JULIET));
        assertNull(request.reasonFor(new JID("tybalt@capulet.lit")));
        assertNull(request.stanzaId());
    }

    @Test
    public void requiresKindRequesterAndAddressee() {
        final JID room = new JID("room@conference.localhost");
        assertThrows(NullPointerException.class,
            () -> new AffiliationRequest(null, ROMEO, room, null, List.of(), Map.of(), false, false));
        assertThrows(NullPointerException.class,
            () -> new AffiliationRequest(AffiliationRequest.Kind.INVITATION, null, room, null, List.of(), Map.of(), false, false));
        assertThrows(NullPointerException.class,
            () -> new AffiliationRequest(AffiliationRequest.Kind.INVITATION, ROMEO, null, null, List.of(), Map.of(), false, false));
    }
}
