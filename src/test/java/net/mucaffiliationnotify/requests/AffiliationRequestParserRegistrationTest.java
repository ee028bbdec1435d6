package net.mucaffiliationnotify.requests;

import static net.mucaffiliationnotify.requests.Stanzas.DATA_FORMS;
import static net.mucaffiliationnotify.requests.Stanzas.REGISTER;
import static net.mucaffiliationnotify.requests.Stanzas.ROMEO;
import static net.mucaffiliationnotify.requests.Stanzas.ROOM;
import static net.mucaffiliationnotify.requests.Stanzas.iq;
import static net.mucaffiliationnotify.requests.Stanzas.strings;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import java.util.List;

import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * {@link AffiliationRequestParser#fromIq} for in-band registration with a room (R10: {@code jabber:iq:register}
 * with a form makes the requester a member, {@code <remove/>} takes membership away): the target is the
 * requester's bare JID.
 */
public class AffiliationRequestParserRegistrationTest {
    private static final String FORM = "<x xmlns='" + DATA_FORMS + "' type='submit'>"
        + "<field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#register</value></field>"
        + "<field var='muc#register_roomnick'><value>thirdwitch</value></field></x>";

    private static IQ register(String from, String to, String type, String content) {
        return iq("<iq from='" + from + "' to='" + to + "' id='reg1' type='" + type + "'>"
            + "<query xmlns='" + REGISTER + "'>" + content + "</query></iq>");
    }

    @Test
    public void registrationFormTargetsTheRequester() {
        final AffiliationRequest request = AffiliationRequestParser.fromIq(register(ROMEO, ROOM, "set", FORM));
        assertNotNull(request);
        assertSame(AffiliationRequest.Kind.REGISTRATION, request.kind());
        assertEquals(List.of("romeo@montague.lit"), strings(request.targets()));
        assertEquals(new JID(ROMEO), request.requester());
        assertEquals(new JID(ROOM), request.addressee());
        assertEquals("reg1", request.stanzaId());
        assertNull(request.reasonFor(new JID("romeo@montague.lit")));
        assertFalse(request.demotesUnnamed());
    }

    @Test
    public void removeTargetsTheRequester() {
        final AffiliationRequest request = AffiliationRequestParser.fromIq(register(ROMEO, ROOM, "set", "<remove/>"));
        assertNotNull(request);
        assertSame(AffiliationRequest.Kind.REGISTRATION, request.kind());
        assertEquals(List.of("romeo@montague.lit"), strings(request.targets()));
    }

    @Test
    public void targetIsTheRequestersBareJidExactlyAsStamped() {
        // Openfire stamps 'from' with the session's (already normalised) address; Tinder does not re-prep 'from',
        // so the target must be the requester's own bare JID, whatever Openfire will store for it.
        final AffiliationRequest request = AffiliationRequestParser.fromIq(
            register("juliet@capulet.lit/Balcony", ROOM, "set", FORM));
        assertEquals(List.of("juliet@capulet.lit"), strings(request.targets()));
        assertNull(request.targets().get(0).getResource());
        assertEquals(request.requester().asBareJID(), request.targets().get(0));
        assertEquals("juliet@capulet.lit/Balcony", request.requester().toString());
    }

    @Test
    public void neitherFormNorRemoveIsNoRequest() {
        assertNull(AffiliationRequestParser.fromIq(register(ROMEO, ROOM, "set", "")));
        assertNull(AffiliationRequestParser.fromIq(register(ROMEO, ROOM, "set", "<username>romeo</username>")));
        assertNull(AffiliationRequestParser.fromIq(register(ROMEO, ROOM, "set", "<x xmlns='jabber:x:oob'/>")));
    }

    @Test
    public void addressedToAnOccupantIsNoRequest() {
        assertNull(AffiliationRequestParser.fromIq(register(ROMEO, ROOM + "/juliet", "set", FORM)));
        assertNull(AffiliationRequestParser.fromIq(register(ROMEO, ROOM + "/juliet", "set", "<remove/>")));
    }

    @Test
    public void addressedToTheServiceIsNoRequest() {
        assertNull(AffiliationRequestParser.fromIq(register(ROMEO, "conference.localhost", "set", FORM)));
    }

    @Test
    public void getIsNoRequest() {
        assertNull(AffiliationRequestParser.fromIq(register(ROMEO, ROOM, "get", "")));
        assertNull(AffiliationRequestParser.fromIq(register(ROMEO, ROOM, "get", FORM)));
    }

    @Test
    public void noFromIsNoRequest() {
        assertNull(AffiliationRequestParser.fromIq(iq("<iq to='" + ROOM + "' id='r' type='set'>"
            + "<query xmlns='" + REGISTER + "'><remove/></query></iq>")));
    }
}
