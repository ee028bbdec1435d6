package net.mucaffiliationnotify.requests;

import static net.mucaffiliationnotify.requests.Stanzas.DATA_FORMS;
import static net.mucaffiliationnotify.requests.Stanzas.MUC_OWNER;
import static net.mucaffiliationnotify.requests.Stanzas.ROMEO;
import static net.mucaffiliationnotify.requests.Stanzas.ROOM;
import static net.mucaffiliationnotify.requests.Stanzas.iq;
import static net.mucaffiliationnotify.requests.Stanzas.repeat;
import static net.mucaffiliationnotify.requests.Stanzas.strings;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * {@link AffiliationRequestParser#fromIq} for the owner's muc#owner configuration form (R10): the
 * {@code muc#roomconfig_roomowners} / {@code muc#roomconfig_roomadmins} lists name the targets, and sending a
 * list demotes whoever it leaves out.
 */
public class AffiliationRequestParserConfigurationFormTest {
    private static final String FORM_TYPE =
        "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/muc#roomconfig</value></field>";

    private static IQ ownerSet(String queryContent) {
        return iq("<iq from='" + ROMEO + "' to='" + ROOM + "' id='config1' type='set'>"
            + "<query xmlns='" + MUC_OWNER + "'>" + queryContent + "</query></iq>");
    }

    private static AffiliationRequest submit(String fields) {
        return AffiliationRequestParser.fromIq(ownerSet("<x xmlns='" + DATA_FORMS + "' type='submit'>" + FORM_TYPE + fields + "</x>"));
    }

    private static String field(String var, String... values) {
        final StringBuilder sb = new StringBuilder("<field var='").append(var).append("'>");
        for (String value : values) {
            sb.append("<value>").append(value).append("</value>");
        }
        return sb.append("</field>").toString();
    }

    @Test
    public void ownersAndAdminsLists() {
        final AffiliationRequest request = submit(
            field("muc#roomconfig_roomname", "Verona")
            + field("muc#roomconfig_roomowners", " Romeo@Montague.LIT ", "juliet@capulet.lit/balcony")
            + field("muc#roomconfig_roomadmins", "nurse@capulet.lit", "", "   "));
        assertNotNull(request);
        assertSame(AffiliationRequest.Kind.CONFIGURATION_FORM, request.kind());
        assertEquals(List.of("romeo@montague.lit", "juliet@capulet.lit", "nurse@capulet.lit"), strings(request.targets()));
        for (JID target : request.targets()) {
            assertNull(target.getResource());
            assertNull(request.reasonFor(target));
        }
        assertTrue(request.ownersListSent());
        assertTrue(request.adminsListSent());
        assertTrue(request.demotesUnnamed());
        assertEquals(new JID(ROMEO), request.requester());
        assertEquals(new JID(ROOM), request.addressee());
        assertEquals("config1", request.stanzaId());
    }

    @Test
    public void targetsFollowFieldOrder() {
        final AffiliationRequest request = submit(
            field("muc#roomconfig_roomadmins", "nurse@capulet.lit")
            + field("muc#roomconfig_roomowners", "romeo@montague.lit"));
        assertEquals(List.of("nurse@capulet.lit", "romeo@montague.lit"), strings(request.targets()));
    }

    @Test
    public void ownersListOnly() {
        final AffiliationRequest request = submit(field("muc#roomconfig_roomowners", "romeo@montague.lit"));
        assertEquals(List.of("romeo@montague.lit"), strings(request.targets()));
        assertTrue(request.ownersListSent());
        assertFalse(request.adminsListSent());
        assertTrue(request.demotesUnnamed());
    }

    @Test
    public void adminsListOnly() {
        final AffiliationRequest request = submit(field("muc#roomconfig_roomadmins", "nurse@capulet.lit"));
        assertEquals(List.of("nurse@capulet.lit"), strings(request.targets()));
        assertFalse(request.ownersListSent());
        assertTrue(request.adminsListSent());
        assertTrue(request.demotesUnnamed());
    }

    @Test
    public void jidInBothListsOnce() {
        final AffiliationRequest request = submit(
            field("muc#roomconfig_roomowners", "romeo@montague.lit", "juliet@capulet.lit")
            + field("muc#roomconfig_roomadmins", "Juliet@capulet.lit", "romeo@montague.lit/x", "nurse@capulet.lit"));
        assertEquals(List.of("romeo@montague.lit", "juliet@capulet.lit", "nurse@capulet.lit"), strings(request.targets()));
    }

    @Test
    public void invalidAndHugeValuesAreSkipped() {
        final AffiliationRequest request = submit(field("muc#roomconfig_roomowners",
            "a@b@c", "@localhost", repeat('a', 1024) + "@localhost", "evil.example", "romeo@montague.lit"));
        assertEquals(List.of("evil.example", "romeo@montague.lit"), strings(request.targets()));
        assertTrue(request.ownersListSent());
    }

    @Test
    public void ownersFieldWithoutValuesIsStillARequest() {
        // Openfire answers conflict (the room would lose all owners); the tracker then sees no change.
        final AffiliationRequest request = submit("<field var='muc#roomconfig_roomowners' type='jid-multi'/>");
        assertNotNull(request);
        assertTrue(request.targets().isEmpty());
        assertTrue(request.ownersListSent());
        assertFalse(request.adminsListSent());
        assertTrue(request.demotesUnnamed());
    }

    @Test
    public void adminsFieldWithOnlyBlankValuesIsARequestWithoutTargets() {
        final AffiliationRequest request = submit(field("muc#roomconfig_roomadmins", "", "  "));
        assertNotNull(request);
        assertTrue(request.targets().isEmpty());
        assertTrue(request.adminsListSent());
    }

    @Test
    public void formWithoutTheListsIsNoRequest() {
        assertNull(submit(""));
        assertNull(submit(field("muc#roomconfig_roomname", "Verona") + field("muc#roomconfig_membersonly", "1")));
        assertNull(submit(field("muc#roomconfig_roomowner", "romeo@montague.lit")));
        assertNull(submit(field("MUC#ROOMCONFIG_ROOMOWNERS", "romeo@montague.lit")));
    }

    @Test
    public void fieldWithoutVarIsIgnored() {
        assertNull(submit("<field><value>romeo@montague.lit</value></field>"));
    }

    @Test
    public void formTypeOtherThanSubmitIsNoRequest() {
        final String lists = field("muc#roomconfig_roomowners", "romeo@montague.lit");
        for (String type : new String[] {" type='cancel'", " type='form'", " type='result'", ""}) {
            assertNull(type, AffiliationRequestParser.fromIq(ownerSet("<x xmlns='" + DATA_FORMS + "'" + type + ">" + FORM_TYPE + lists + "</x>")));
        }
    }

    @Test
    public void formInAnotherNamespaceIsNoRequest() {
        assertNull(AffiliationRequestParser.fromIq(ownerSet("<x xmlns='jabber:x:oob' type='submit'>"
            + field("muc#roomconfig_roomowners", "romeo@montague.lit") + "</x>")));
    }

    @Test
    public void configurationFormRequestIsNoRequest() {
        assertNull(AffiliationRequestParser.fromIq(ownerSet("")));
        assertNull(AffiliationRequestParser.fromIq(iq("<iq from='" + ROMEO + "' to='" + ROOM + "' id='c' type='get'>"
            + "<query xmlns='" + MUC_OWNER + "'/></iq>")));
    }

    @Test
    public void getWithAFormIsNoRequest() {
        assertNull(AffiliationRequestParser.fromIq(iq("<iq from='" + ROMEO + "' to='" + ROOM + "' id='c' type='get'>"
            + "<query xmlns='" + MUC_OWNER + "'><x xmlns='" + DATA_FORMS + "' type='submit'>"
            + field("muc#roomconfig_roomowners", "romeo@montague.lit") + "</x></query></iq>")));
    }

    @Test
    public void destroyIsNoRequest() {
        assertNull(AffiliationRequestParser.fromIq(ownerSet(
            "<destroy jid='other@conference.localhost'><reason>bye</reason></destroy>")));
    }

    @Test
    public void legacyOwnerItemsAreNoRequest() {
        // Openfire 5.1.1's owner handler answers bad-request to muc#owner items.
        assertNull(AffiliationRequestParser.fromIq(ownerSet("<item affiliation='owner' jid='juliet@capulet.lit'/>")));
    }

    @Test
    public void noFromOrRoomlessToIsNoRequest() {
        final String form = "<query xmlns='" + MUC_OWNER + "'><x xmlns='" + DATA_FORMS + "' type='submit'>"
            + field("muc#roomconfig_roomowners", "romeo@montague.lit") + "</x></query>";
        assertNull(AffiliationRequestParser.fromIq(iq("<iq to='" + ROOM + "' id='c' type='set'>" + form + "</iq>")));
        assertNull(AffiliationRequestParser.fromIq(iq("<iq from='" + ROMEO + "' to='conference.localhost' id='c' type='set'>" + form + "</iq>")));
    }
}
