package net.mucaffiliationnotify.versioning;

import static net.mucaffiliationnotify.versioning.Fixtures.NS_MAV;
import static net.mucaffiliationnotify.versioning.Fixtures.NS_MUC;
import static net.mucaffiliationnotify.versioning.Fixtures.NS_MUC_USER;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.Test;
import org.xmpp.packet.Presence;

/**
 * {@link Mav} (V3, V5, V6): a join is a presence with a muc x; its request is read from that x only
 * (bootstrap, with since, an empty since as bootstrap, and the XEP example's misspelt namespace),
 * {@code strip} removes every mav from that x and nothing else, and {@code stamp} writes mav as the first
 * child of a muc#user x, with since only when given.
 */
public class MavTest {
    private static final String V1 = "AAECAwQFBgcICQoLDA0ODw";
    private static final String V2 = "gAAAAAAAAAAAAAAAAAAAAA";

    private static Element parse(String xml) {
        try {
            return DocumentHelper.parseText(xml).getRootElement();
        } catch (DocumentException e) {
            throw new IllegalArgumentException(xml, e);
        }
    }

    private static Element join(String inside) {
        return parse("<presence xmlns='jabber:client' from='juliet@capulet.lit/balcony' "
            + "to='room@conference.example.org/Juliet'><x xmlns='" + NS_MUC + "'>" + inside + "</x></presence>");
    }

    @Test
    public void isJoinSeesTheMucX() {
        assertTrue(Mav.isJoin(join("")));
        assertTrue(Mav.isJoin(join("<mav xmlns='" + NS_MAV + "'/>")));
        assertFalse(Mav.isJoin(parse("<presence xmlns='jabber:client'><show>away</show></presence>")));
        assertFalse(Mav.isJoin(parse("<presence xmlns='jabber:client'><x xmlns='" + NS_MUC_USER + "'/></presence>")));
        assertFalse(Mav.isJoin(parse("<presence xmlns='jabber:client'><mav xmlns='" + NS_MAV + "'/></presence>")));
    }

    // --- request --------------------------------------------------------------------------------------

    @Test
    public void bootstrapRequest() {
        final Mav.Request request = Mav.request(join("<mav xmlns='" + NS_MAV + "'/>"));
        assertNotNull(request);
        assertNull(request.since());
        assertTrue(request.bootstrap());
    }

    @Test
    public void requestWithSince() {
        final Mav.Request request = Mav.request(join("<mav xmlns='" + NS_MAV + "' since='" + V1 + "'/>"));
        assertNotNull(request);
        assertEquals(V1, request.since());
        assertFalse(request.bootstrap());
    }

    @Test
    public void sinceIsPassedOnVerbatimEvenWhenItIsNoVersion() {
        // Whether the room knows it is the history's business; the reader does not judge.
        assertEquals("not a version", Mav.request(join("<mav xmlns='" + NS_MAV + "' since='not a version'/>"))
            .since());
    }

    @Test
    public void emptySinceIsABootstrapRequest() {
        final Mav.Request request = Mav.request(join("<mav xmlns='" + NS_MAV + "' since=''/>"));
        assertNotNull(request);
        assertNull(request.since());
        assertTrue(request.bootstrap());
    }

    @Test
    public void mavAmongOtherJoinChildrenIsFound() {
        final Mav.Request request = Mav.request(join("<password>secret</password>"
            + "<history maxstanzas='0'/><mav xmlns='" + NS_MAV + "' since='" + V2 + "'/>"));
        assertNotNull(request);
        assertEquals(V2, request.since());
    }

    @Test
    public void mavInTheMucNamespaceIsAccepted() {
        // The XEP's example writes xmlns wrongly, leaving mav in the muc namespace of its parent.
        final Mav.Request bootstrap = Mav.request(join("<mav/>"));
        assertNotNull(bootstrap);
        assertTrue(bootstrap.bootstrap());
        final Mav.Request since = Mav.request(join("<mav since='" + V1 + "'/>"));
        assertNotNull(since);
        assertEquals(V1, since.since());
    }

    @Test
    public void requestBuiltWithTinderIsRead() {
        final Presence presence = new Presence();
        presence.addChildElement("x", NS_MUC).addElement(QName.get("mav", NS_MAV)).addAttribute("since", V1);
        assertEquals(V1, Mav.request(presence.getElement()).since());
    }

    @Test
    public void noMucXMeansNoRequest() {
        assertNull(Mav.request(parse("<presence xmlns='jabber:client'/>")));
        assertNull(Mav.request(parse("<presence xmlns='jabber:client'><show>away</show></presence>")));
    }

    @Test
    public void mucXWithoutMavMeansNoRequest() {
        assertNull(Mav.request(join("")));
        assertNull(Mav.request(join("<password>secret</password><history maxstanzas='0'/>")));
    }

    @Test
    public void mavOutsideTheMucXMeansNoRequest() {
        assertNull(Mav.request(parse("<presence xmlns='jabber:client'><mav xmlns='" + NS_MAV + "'/></presence>")));
        assertNull(Mav.request(parse("<presence xmlns='jabber:client'><x xmlns='" + NS_MUC + "'/>"
            + "<mav xmlns='" + NS_MAV + "' since='" + V1 + "'/></presence>")));
        assertNull(Mav.request(parse("<presence xmlns='jabber:client'><x xmlns='" + NS_MUC_USER + "'>"
            + "<mav xmlns='" + NS_MAV + "'/></x></presence>")));
        assertNull(Mav.request(parse("<presence xmlns='jabber:client'><x xmlns='jabber:x:other'>"
            + "<mav xmlns='" + NS_MAV + "'/></x></presence>")));
    }

    @Test
    public void mavNestedDeeperInTheMucXMeansNoRequest() {
        assertNull(Mav.request(join("<history><mav xmlns='" + NS_MAV + "'/></history>")));
    }

    @Test
    public void mavInAnotherNamespaceMeansNoRequest() {
        assertNull(Mav.request(join("<mav xmlns='urn:xmpp:muc:affiliations:0'/>")));
        assertNull(Mav.request(join("<mav xmlns='urn:xmpp:mav:0'/>")));
        assertNull(Mav.request(join("<versions xmlns='" + NS_MAV + "'/>")));
    }

    // --- strip ----------------------------------------------------------------------------------------

    @Test
    public void stripRemovesEveryMavFromTheMucXAndNothingElse() {
        final Element presence = join("<password>secret</password><mav xmlns='" + NS_MAV + "' since='" + V1 + "'/>"
            + "<history maxstanzas='5'/><mav/><mav xmlns='" + NS_MAV + "'/>");
        presence.addElement("status").setText("here");
        Mav.strip(presence);
        final Element x = presence.element(QName.get("x", NS_MUC));
        assertNotNull(x);
        assertEquals(List.of("password", "history"), x.elements().stream().map(Element::getName).toList());
        assertEquals("secret", x.elementText("password"));
        assertEquals("5", x.element("history").attributeValue("maxstanzas"));
        assertEquals(2, presence.elements().size());
        assertEquals("here", presence.elementText("status"));
        assertNull(Mav.request(presence));
        assertFalse(presence.asXML().contains("mav"));
    }

    @Test
    public void stripKeepsAnEmptyMucX() {
        final Element presence = join("<mav xmlns='" + NS_MAV + "'/>");
        Mav.strip(presence);
        final Element x = presence.element(QName.get("x", NS_MUC));
        assertNotNull("the x says 'I join a MUC'; it must stay", x);
        assertTrue(x.elements().isEmpty());
    }

    @Test
    public void stripLeavesMavOutsideTheMucXAlone() {
        final Element presence = parse("<presence xmlns='jabber:client'><x xmlns='" + NS_MUC_USER + "'>"
            + "<mav xmlns='" + NS_MAV + "' until='" + V1 + "'/></x><x xmlns='" + NS_MUC + "'/></presence>");
        final String before = presence.asXML();
        Mav.strip(presence);
        assertEquals(before, presence.asXML());
    }

    @Test
    public void stripWithoutMucXChangesNothing() {
        final Element presence = parse("<presence xmlns='jabber:client'><show>away</show></presence>");
        final String before = presence.asXML();
        Mav.strip(presence);
        assertEquals(before, presence.asXML());
    }

    // --- stamp and present ----------------------------------------------------------------------------

    private static Element userX(String inside) {
        return parse("<presence xmlns='jabber:client'><x xmlns='" + NS_MUC_USER + "'>" + inside + "</x></presence>")
            .element(QName.get("x", NS_MUC_USER));
    }

    @Test
    public void stampPutsMavFirstWithSinceAndUntil() {
        final Element x = userX("<item affiliation='member' role='participant'/><status code='110'/>");
        assertFalse(Mav.present(x));
        final Element mav = Mav.stamp(x, V1, V2);
        final List<Element> children = x.elements();
        assertEquals(3, children.size());
        assertSame(mav, children.get(0));
        assertEquals(QName.get("mav", NS_MAV), mav.getQName());
        assertEquals(V1, mav.attributeValue("since"));
        assertEquals(V2, mav.attributeValue("until"));
        assertEquals(2, mav.attributeCount());
        assertEquals("item", children.get(1).getName());
        assertEquals("status", children.get(2).getName());
        assertTrue(Mav.present(x));
    }

    @Test
    public void stampWithoutSinceWritesOnlyUntil() {
        final Element x = userX("<item affiliation='owner' role='moderator'/>");
        final Element mav = Mav.stamp(x, null, V2);
        assertNull(mav.attribute("since"));
        assertEquals(V2, mav.attributeValue("until"));
        assertEquals(1, mav.attributeCount());
        assertSame(mav, x.elements().get(0));
    }

    @Test
    public void stampIntoAnEmptyX() {
        final Element x = userX("");
        final Element mav = Mav.stamp(x, V1, V2);
        assertEquals(List.of(mav), x.elements());
        assertTrue(Mav.present(x));
    }

    @Test
    public void stampIsFirstAmongElementsOfAPrettyPrintedX() {
        final Element x = userX("\n  <item affiliation='member'/>\n  <status code='110'/>\n");
        final Element mav = Mav.stamp(x, null, V1);
        assertSame(mav, x.elements().get(0));
        assertEquals(3, x.elements().size());
    }

    @Test
    public void stampedMavSerialisesInItsOwnNamespace() throws DocumentException {
        final Element x = userX("<item affiliation='member'/>");
        Mav.stamp(x, V1, V2);
        final Element reread = DocumentHelper.parseText(x.getDocument().asXML()).getRootElement()
            .element(QName.get("x", NS_MUC_USER));
        final Element mav = reread.elements().get(0);
        assertEquals(QName.get("mav", NS_MAV), mav.getQName());
        assertEquals(V1, mav.attributeValue("since"));
        assertEquals(V2, mav.attributeValue("until"));
        assertEquals(NS_MUC_USER, reread.elements().get(1).getNamespaceURI());
    }

    @Test
    public void presentOnlySeesMavInTheXepNamespace() {
        assertFalse(Mav.present(userX("")));
        assertFalse(Mav.present(userX("<mav/>")));
        assertFalse(Mav.present(userX("<mav xmlns='urn:xmpp:muc:affiliations:0'/>")));
        assertTrue(Mav.present(userX("<item/><mav xmlns='" + NS_MAV + "' until='" + V1 + "'/>")));
    }

    @Test
    public void constantsAreTheXepNamespaces() {
        assertEquals("urn:xmpp:muc:affiliations:1", Mav.NAMESPACE);
        assertEquals("http://jabber.org/protocol/muc", Mav.MUC);
        assertEquals("http://jabber.org/protocol/muc#user", Mav.MUC_USER);
    }
}
