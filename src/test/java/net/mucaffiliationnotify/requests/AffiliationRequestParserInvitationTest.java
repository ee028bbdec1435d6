package net.mucaffiliationnotify.requests;

import static net.mucaffiliationnotify.requests.Stanzas.MUC_USER;
import static net.mucaffiliationnotify.requests.Stanzas.ROMEO;
import static net.mucaffiliationnotify.requests.Stanzas.ROOM;
import static net.mucaffiliationnotify.requests.Stanzas.message;
import static net.mucaffiliationnotify.requests.Stanzas.repeat;
import static net.mucaffiliationnotify.requests.Stanzas.strings;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import java.util.List;

import org.junit.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * {@link AffiliationRequestParser#fromMessage} for mediated invitations (R10: in a members-only room
 * Openfire makes each invitee a member): invitees named bare, in order, each once; the invitation's reason
 * is for the invitee and is never recorded (R4).
 */
public class AffiliationRequestParserInvitationTest {

    private static Message invitation(String attributes, String xContent) {
        return message("<message from='" + ROMEO + "' to='" + ROOM + "' id='inv1'" + attributes + ">"
            + "<x xmlns='" + MUC_USER + "'>" + xContent + "</x></message>");
    }

    private static AffiliationRequest parse(String xContent) {
        return AffiliationRequestParser.fromMessage(invitation("", xContent));
    }

    @Test
    public void singleInvite() {
        final AffiliationRequest request = parse("<invite to='Juliet@Capulet.LIT/balcony'><reason>Hey Hecate</reason></invite>");
        assertNotNull(request);
        assertSame(AffiliationRequest.Kind.INVITATION, request.kind());
        assertEquals(List.of("juliet@capulet.lit"), strings(request.targets()));
        assertNull(request.targets().get(0).getResource());
        assertNull("the invitation reason is not announced", request.reasonFor(new JID("juliet@capulet.lit")));
        assertEquals(new JID(ROMEO), request.requester());
        assertEquals(new JID(ROOM), request.addressee());
        assertEquals(new JID(ROOM), request.room());
        assertEquals("inv1", request.stanzaId());
        assertFalse(request.demotesUnnamed());
    }

    @Test
    public void severalInvitesInOrderEachOnce() {
        final AffiliationRequest request = parse(
            "<invite to='juliet@capulet.lit'/>"
            + "<invite to='nurse@capulet.lit'><reason>come</reason></invite>"
            + "<invite to='juliet@capulet.lit/phone'/>"
            + "<invite to='benvolio@montague.lit'/>");
        assertEquals(List.of("juliet@capulet.lit", "nurse@capulet.lit", "benvolio@montague.lit"), strings(request.targets()));
        for (JID target : request.targets()) {
            assertNull(request.reasonFor(target));
        }
    }

    @Test
    public void explicitNormalTypeIsAnInvitation() {
        final AffiliationRequest request = AffiliationRequestParser.fromMessage(
            invitation(" type='normal'", "<invite to='juliet@capulet.lit'/>"));
        assertNotNull(request);
        assertEquals(List.of("juliet@capulet.lit"), strings(request.targets()));
    }

    @Test
    public void groupchatAndErrorAreNoInvitation() {
        assertNull(AffiliationRequestParser.fromMessage(invitation(" type='groupchat'", "<invite to='juliet@capulet.lit'/>")));
        assertNull(AffiliationRequestParser.fromMessage(invitation(" type='error'", "<invite to='juliet@capulet.lit'/>")));
    }

    @Test
    public void addressedToAnOccupantIsNoInvitation() {
        assertNull(AffiliationRequestParser.fromMessage(message("<message from='" + ROMEO + "' to='" + ROOM + "/juliet'>"
            + "<x xmlns='" + MUC_USER + "'><invite to='juliet@capulet.lit'/></x></message>")));
    }

    @Test
    public void addressedToTheServiceIsNoInvitation() {
        assertNull(AffiliationRequestParser.fromMessage(message("<message from='" + ROMEO + "' to='conference.localhost'>"
            + "<x xmlns='" + MUC_USER + "'><invite to='juliet@capulet.lit'/></x></message>")));
    }

    @Test
    public void noFromOrNoToIsNoInvitation() {
        assertNull(AffiliationRequestParser.fromMessage(message("<message to='" + ROOM + "'>"
            + "<x xmlns='" + MUC_USER + "'><invite to='juliet@capulet.lit'/></x></message>")));
        assertNull(AffiliationRequestParser.fromMessage(message("<message from='" + ROMEO + "'>"
            + "<x xmlns='" + MUC_USER + "'><invite to='juliet@capulet.lit'/></x></message>")));
    }

    @Test
    public void xWithoutInviteIsNoInvitation() {
        assertNull(parse(""));
        assertNull(parse("<item affiliation='member' jid='juliet@capulet.lit'/>"));
    }

    @Test
    public void noMucUserXIsNoInvitation() {
        assertNull(AffiliationRequestParser.fromMessage(message("<message from='" + ROMEO + "' to='" + ROOM + "'>"
            + "<body>hello</body></message>")));
        assertNull(AffiliationRequestParser.fromMessage(message("<message from='" + ROMEO + "' to='" + ROOM + "'>"
            + "<x xmlns='http://jabber.org/protocol/muc'><invite to='juliet@capulet.lit'/></x></message>")));
        assertNull(AffiliationRequestParser.fromMessage(message("<message from='" + ROMEO + "' to='" + ROOM + "'>"
            + "<x xmlns='jabber:x:conference' jid='" + ROOM + "'/></message>")));
    }

    @Test
    public void invitesWithoutOrWithInvalidToAreSkipped() {
        final AffiliationRequest request = parse(
            "<invite/>"
            + "<invite to=''/>"
            + "<invite to='a@b@c'/>"
            + "<invite to='" + repeat('a', 1024) + "@localhost'/>"
            + "<invite to='juliet@capulet.lit'/>");
        assertEquals(List.of("juliet@capulet.lit"), strings(request.targets()));
    }

    @Test
    public void noValidInviteeIsNoInvitation() {
        assertNull(parse("<invite><reason>who?</reason></invite><invite to='@x'/>"));
    }

    @Test
    public void declineOnlyIsNoInvitation() {
        assertNull(parse("<decline to='romeo@montague.lit'><reason>Sorry</reason></decline>"));
    }

    @Test
    public void declineBesideInviteDoesNotAddTargets() {
        final AffiliationRequest request = parse(
            "<decline to='benvolio@montague.lit'/><invite to='juliet@capulet.lit'/>");
        assertEquals(List.of("juliet@capulet.lit"), strings(request.targets()));
    }

    @Test
    public void domainOnlyInvitee() {
        assertEquals(List.of("evil.example"), strings(parse("<invite to='evil.example'/>").targets()));
    }
}
