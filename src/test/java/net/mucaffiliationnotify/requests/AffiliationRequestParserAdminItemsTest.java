package net.mucaffiliationnotify.requests;

import static net.mucaffiliationnotify.requests.Stanzas.MUC_ADMIN;
import static net.mucaffiliationnotify.requests.Stanzas.ROMEO;
import static net.mucaffiliationnotify.requests.Stanzas.ROOM;
import static net.mucaffiliationnotify.requests.Stanzas.adminSet;
import static net.mucaffiliationnotify.requests.Stanzas.iq;
import static net.mucaffiliationnotify.requests.Stanzas.repeat;
import static net.mucaffiliationnotify.requests.Stanzas.strings;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import java.util.List;

import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * {@link AffiliationRequestParser#fromIq} for muc#admin {@code <item/>} requests (R10 first path, R9
 * multi-item requests, R4 reasons per target): targets named the way Openfire 5.1.1 applies them.
 */
public class AffiliationRequestParserAdminItemsTest {

    private static AffiliationRequest parse(String items) {
        return AffiliationRequestParser.fromIq(adminSet(items));
    }

    @Test
    public void singleMemberGrant() {
        final IQ iq = iq("<iq from='" + ROMEO + "' to='" + ROOM + "' id='member1' type='set'>"
            + "<query xmlns='" + MUC_ADMIN + "'><item affiliation='member' jid='user2@localhost'/></query></iq>");
        final AffiliationRequest request = AffiliationRequestParser.fromIq(iq);
        assertNotNull(request);
        assertSame(AffiliationRequest.Kind.ADMIN_ITEMS, request.kind());
        assertEquals(List.of("user2@localhost"), strings(request.targets()));
        assertNull(request.targets().get(0).getResource());
        assertEquals(new JID(ROMEO), request.requester());
        assertEquals(new JID(ROOM), request.addressee());
        assertEquals(new JID(ROOM), request.room());
        assertEquals("member1", request.stanzaId());
        assertNull(request.reasonFor(new JID("user2@localhost")));
        assertFalse(request.ownersListSent());
        assertFalse(request.adminsListSent());
        assertFalse(request.demotesUnnamed());
    }

    @Test
    public void everyAffiliationValueNamesATarget() {
        for (String affiliation : new String[] {"owner", "admin", "member", "none", "outcast"}) {
            final AffiliationRequest request = parse("<item affiliation='" + affiliation + "' jid='juliet@capulet.lit'/>");
            assertNotNull(affiliation, request);
            assertEquals(affiliation, List.of("juliet@capulet.lit"), strings(request.targets()));
        }
    }

    @Test
    public void stanzaIdMayBeAbsent() {
        final IQ iq = iq("<iq from='" + ROMEO + "' to='" + ROOM + "' type='set'>"
            + "<query xmlns='" + MUC_ADMIN + "'><item affiliation='member' jid='juliet@capulet.lit'/></query></iq>");
        final AffiliationRequest request = AffiliationRequestParser.fromIq(iq);
        assertNotNull(request);
        assertNull(request.stanzaId());
    }

    @Test
    public void multiItemTargetsInItemOrder() {
        final AffiliationRequest request = parse(
            "<item affiliation='outcast' jid='tybalt@capulet.lit'/>"
            + "<item affiliation='member' jid='juliet@capulet.lit'/>"
            + "<item affiliation='admin' jid='benvolio@montague.lit'/>");
        assertEquals(List.of("tybalt@capulet.lit", "juliet@capulet.lit", "benvolio@montague.lit"),
            strings(request.targets()));
    }

    @Test
    public void duplicateTargetsOnceAtTheirFirstPosition() {
        final AffiliationRequest request = parse(
            "<item affiliation='member' jid='juliet@capulet.lit'/>"
            + "<item affiliation='member' jid='tybalt@capulet.lit'/>"
            + "<item affiliation='admin' jid='Juliet@Capulet.LIT/balcony'/>"
            + "<item affiliation='outcast' jid='tybalt@capulet.lit'/>");
        assertEquals(List.of("juliet@capulet.lit", "tybalt@capulet.lit"), strings(request.targets()));
    }

    @Test
    public void targetsAreImmutable() {
        final AffiliationRequest request = parse("<item affiliation='member' jid='juliet@capulet.lit'/>");
        assertThrows(UnsupportedOperationException.class, () -> request.targets().add(new JID("x@y")));
    }

    @Test
    public void reasonsPerTarget() {
        final AffiliationRequest request = parse(
            "<item affiliation='outcast' jid='tybalt@capulet.lit'><reason>Hey calm down</reason></item>"
            + "<item affiliation='member' jid='juliet@capulet.lit'/>"
            + "<item affiliation='none' jid='nurse@capulet.lit'><reason>  too chatty  </reason></item>");
        assertEquals("Hey calm down", request.reasonFor(new JID("tybalt@capulet.lit")));
        assertNull(request.reasonFor(new JID("juliet@capulet.lit")));
        assertEquals("too chatty", request.reasonFor(new JID("nurse@capulet.lit")));
        assertNull(request.reasonFor(new JID("romeo@montague.lit")));
    }

    @Test
    public void reasonIsLookedUpByNormalisedBareJid() {
        final AffiliationRequest request = parse(
            "<item affiliation='outcast' jid='Tybalt@Capulet.LIT/sword'><reason>why</reason></item>");
        assertEquals("why", request.reasonFor(new JID("tybalt@capulet.lit")));
    }

    @Test
    public void lastGivenReasonWins() {
        final AffiliationRequest request = parse(
            "<item affiliation='member' jid='tybalt@capulet.lit'><reason>first</reason></item>"
            + "<item affiliation='outcast' jid='tybalt@capulet.lit'><reason>second</reason></item>");
        assertEquals("second", request.reasonFor(new JID("tybalt@capulet.lit")));
    }

    @Test
    public void reasonGivenOnlyByALaterItemCounts() {
        final AffiliationRequest request = parse(
            "<item affiliation='member' jid='tybalt@capulet.lit'/>"
            + "<item affiliation='outcast' jid='tybalt@capulet.lit'><reason>late</reason></item>");
        assertEquals("late", request.reasonFor(new JID("tybalt@capulet.lit")));
    }

    @Test
    public void aLaterItemWithBlankReasonLeavesNoReason() {
        // The last item for a JID is the one whose affiliation stays; a blank reason is no reason.
        final AffiliationRequest request = parse(
            "<item affiliation='member' jid='tybalt@capulet.lit'><reason>first</reason></item>"
            + "<item affiliation='outcast' jid='tybalt@capulet.lit'><reason>   </reason></item>");
        assertNull(request.reasonFor(new JID("tybalt@capulet.lit")));
    }

    @Test
    public void blankOrEmptyReasonIsNoReason() {
        final AffiliationRequest request = parse(
            "<item affiliation='outcast' jid='a@localhost'><reason/></item>"
            + "<item affiliation='outcast' jid='b@localhost'><reason>   </reason></item>"
            + "<item affiliation='outcast' jid='c@localhost'><reason>\n\t</reason></item>");
        assertEquals(List.of("a@localhost", "b@localhost", "c@localhost"), strings(request.targets()));
        assertNull(request.reasonFor(new JID("a@localhost")));
        assertNull(request.reasonFor(new JID("b@localhost")));
        assertNull(request.reasonFor(new JID("c@localhost")));
    }

    @Test
    public void nickAttributeBesideJidIsIgnored() {
        final AffiliationRequest request = parse("<item affiliation='member' jid='juliet@capulet.lit' nick='jules'/>");
        assertEquals(List.of("juliet@capulet.lit"), strings(request.targets()));
    }

    @Test
    public void roleOnlyItemsAreSkipped() {
        final AffiliationRequest request = parse(
            "<item role='participant' jid='benvolio@montague.lit'/>"
            + "<item affiliation='member' jid='juliet@capulet.lit'/>"
            + "<item role='moderator' jid='friar@church.lit'/>");
        assertEquals(List.of("juliet@capulet.lit"), strings(request.targets()));
    }

    @Test
    public void onlyRoleItemsIsNoRequest() {
        assertNull(parse("<item role='visitor' jid='benvolio@montague.lit'/><item role='none' jid='x@localhost'/>"));
    }

    @Test
    public void unknownAffiliationValuesAreSkipped() {
        final AffiliationRequest request = parse(
            "<item affiliation='moderator' jid='a@localhost'/>"
            + "<item affiliation='Member' jid='b@localhost'/>"
            + "<item affiliation='' jid='c@localhost'/>"
            + "<item affiliation='outcast' jid='d@localhost'/>");
        assertEquals(List.of("d@localhost"), strings(request.targets()));
        assertNull(parse("<item affiliation='banned' jid='a@localhost'/>"));
    }

    @Test
    public void invalidJidsAreSkipped() {
        final AffiliationRequest request = parse(
            "<item affiliation='member' jid='a@b@c'/>"
            + "<item affiliation='member' jid=''/>"
            + "<item affiliation='member' jid='   '/>"
            + "<item affiliation='member' jid='@localhost'/>"
            + "<item affiliation='member' jid='juliet@'/>"
            + "<item affiliation='member' jid='bad user@localhost'/>"
            + "<item affiliation='member' jid='juliet@capulet.lit/'/>"
            + "<item affiliation='member' jid='nurse@capulet.lit'/>");
        assertEquals(List.of("nurse@capulet.lit"), strings(request.targets()));
    }

    @Test
    public void onlyInvalidJidsIsNoRequest() {
        assertNull(parse("<item affiliation='member' jid='a@b@c'/><item affiliation='member' jid=''/>"));
    }

    @Test
    public void upperCaseAndResourceAreNormalisedToTheBareJid() {
        final AffiliationRequest request = parse("<item affiliation='member' jid='Juliet@Capulet.LIT/Balcony'/>");
        final JID target = request.targets().get(0);
        assertEquals("juliet@capulet.lit", target.toString());
        assertEquals("juliet", target.getNode());
        assertEquals("capulet.lit", target.getDomain());
        assertNull(target.getResource());
    }

    @Test
    public void domainOnlyJidIsATarget() {
        final AffiliationRequest request = parse("<item affiliation='outcast' jid='evil.example'><reason>spam</reason></item>");
        assertEquals(List.of("evil.example"), strings(request.targets()));
        assertNull(request.targets().get(0).getNode());
        assertEquals("spam", request.reasonFor(new JID("evil.example")));
    }

    @Test
    public void firstItemWithoutJidMeansNickBasedItems() {
        // Openfire 5.1.1 decides from the first item whether all items name JIDs or nicknames.
        assertNull(parse("<item affiliation='member' nick='jules'/><item affiliation='member' jid='juliet@capulet.lit'/>"));
        assertNull(parse("<item role='moderator' nick='jules'/><item affiliation='member' jid='juliet@capulet.lit'/>"));
    }

    @Test
    public void firstItemWithoutJidOrNickIsNoRequest() {
        assertNull(parse("<item affiliation='member'/><item affiliation='member' jid='juliet@capulet.lit'/>"));
    }

    @Test
    public void laterItemWithoutJidIsSkipped() {
        final AffiliationRequest request = parse(
            "<item affiliation='member' jid='juliet@capulet.lit'/><item affiliation='member' nick='jules'/><item/>");
        assertEquals(List.of("juliet@capulet.lit"), strings(request.targets()));
    }

    @Test
    public void firstItemWithJidButNothingElseDoesNotThrow() {
        assertNull(parse("<item jid='juliet@capulet.lit'/>"));
        final AffiliationRequest request = parse("<item jid='juliet@capulet.lit'/><item affiliation='none' jid='tybalt@capulet.lit'/>");
        assertEquals(List.of("tybalt@capulet.lit"), strings(request.targets()));
    }

    @Test
    public void emptyQueryIsNoRequest() {
        assertNull(parse(""));
        assertNull(parse("<reason>no items</reason>"));
    }

    @Test
    public void requestToAnOccupantAddressIsStillHandled() {
        // Openfire 5.1.1 hands any muc#admin query to the admin handler, whether addressed to room or room/nick.
        final IQ iq = iq("<iq from='" + ROMEO + "' to='" + ROOM + "/juliet' id='a' type='set'>"
            + "<query xmlns='" + MUC_ADMIN + "'><item affiliation='member' jid='juliet@capulet.lit'/></query></iq>");
        final AffiliationRequest request = AffiliationRequestParser.fromIq(iq);
        assertNotNull(request);
        assertEquals(ROOM + "/juliet", request.addressee().toString());
        assertEquals(ROOM, request.room().toString());
    }

    // ---------------------------------------------------------------- not a request

    @Test
    public void getIsNoRequest() {
        assertNull(AffiliationRequestParser.fromIq(iq("<iq from='" + ROMEO + "' to='" + ROOM + "' id='a' type='get'>"
            + "<query xmlns='" + MUC_ADMIN + "'><item affiliation='member' jid='juliet@capulet.lit'/></query></iq>")));
    }

    @Test
    public void resultErrorAndMissingTypeAreNoRequest() {
        for (String type : new String[] {" type='result'", " type='error'", ""}) {
            assertNull(type, AffiliationRequestParser.fromIq(iq("<iq from='" + ROMEO + "' to='" + ROOM + "' id='a'" + type + ">"
                + "<query xmlns='" + MUC_ADMIN + "'><item affiliation='member' jid='juliet@capulet.lit'/></query></iq>")));
        }
    }

    @Test
    public void noQueryIsNoRequest() {
        assertNull(AffiliationRequestParser.fromIq(iq("<iq from='" + ROMEO + "' to='" + ROOM + "' id='a' type='set'/>")));
        assertNull(AffiliationRequestParser.fromIq(iq("<iq from='" + ROMEO + "' to='" + ROOM + "' id='a' type='set'>"
            + "<ping xmlns='urn:xmpp:ping'/></iq>")));
    }

    @Test
    public void otherNamespaceIsNoRequest() {
        for (String ns : new String[] {"jabber:iq:version", "http://jabber.org/protocol/muc#user",
            "http://jabber.org/protocol/muc", "http://jabber.org/protocol/muc#admin#extra"}) {
            assertNull(ns, AffiliationRequestParser.fromIq(iq("<iq from='" + ROMEO + "' to='" + ROOM + "' id='a' type='set'>"
                + "<query xmlns='" + ns + "'><item affiliation='member' jid='juliet@capulet.lit'/></query></iq>")));
        }
        assertNull(AffiliationRequestParser.fromIq(iq("<iq from='" + ROMEO + "' to='" + ROOM + "' id='a' type='set'>"
            + "<query><item affiliation='member' jid='juliet@capulet.lit'/></query></iq>")));
    }

    @Test
    public void noFromIsNoRequest() {
        assertNull(AffiliationRequestParser.fromIq(iq("<iq to='" + ROOM + "' id='a' type='set'>"
            + "<query xmlns='" + MUC_ADMIN + "'><item affiliation='member' jid='juliet@capulet.lit'/></query></iq>")));
    }

    @Test
    public void noToOrToWithoutNodeIsNoRequest() {
        assertNull(AffiliationRequestParser.fromIq(iq("<iq from='" + ROMEO + "' id='a' type='set'>"
            + "<query xmlns='" + MUC_ADMIN + "'><item affiliation='member' jid='juliet@capulet.lit'/></query></iq>")));
        assertNull(AffiliationRequestParser.fromIq(iq("<iq from='" + ROMEO + "' to='conference.localhost' id='a' type='set'>"
            + "<query xmlns='" + MUC_ADMIN + "'><item affiliation='member' jid='juliet@capulet.lit'/></query></iq>")));
        assertNull(AffiliationRequestParser.fromIq(iq("<iq from='" + ROMEO + "' to='conference.localhost/x' id='a' type='set'>"
            + "<query xmlns='" + MUC_ADMIN + "'><item affiliation='member' jid='juliet@capulet.lit'/></query></iq>")));
    }

    // ---------------------------------------------------------------- robustness

    @Test
    public void hugeJidsAreSkippedNotThrown() {
        final String hugeNode = repeat('a', 1024) + "@localhost";
        final String hugeDomain = "u@" + repeat('d', 1024);
        final String hugeResource = "u@localhost/" + repeat('r', 1024);
        final String veryLong = repeat('z', 1 << 16);
        final AffiliationRequest request = parse(
            "<item affiliation='member' jid='" + hugeNode + "'/>"
            + "<item affiliation='member' jid='" + hugeDomain + "'/>"
            + "<item affiliation='member' jid='" + hugeResource + "'/>"
            + "<item affiliation='member' jid='" + veryLong + "@localhost'/>"
            + "<item affiliation='member' jid='juliet@capulet.lit'/>");
        assertEquals(List.of("juliet@capulet.lit"), strings(request.targets()));
        assertNull(parse("<item affiliation='outcast' jid='" + hugeNode + "'/>"));
    }

    @Test
    public void longestValidNodeIsAccepted() {
        final String node = repeat('a', 1023);
        final AffiliationRequest request = parse("<item affiliation='member' jid='" + node + "@localhost'/>");
        assertEquals(List.of(node + "@localhost"), strings(request.targets()));
    }

    @Test
    public void manyItemsKeepOrderAndDuplicatesOnce() {
        final StringBuilder items = new StringBuilder();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 500; i++) {
                items.append("<item affiliation='member' jid='user").append(i).append("@localhost'/>");
            }
        }
        final AffiliationRequest request = parse(items.toString());
        assertEquals(500, request.targets().size());
        assertEquals("user0@localhost", request.targets().get(0).toString());
        assertEquals("user499@localhost", request.targets().get(499).toString());
    }
}
