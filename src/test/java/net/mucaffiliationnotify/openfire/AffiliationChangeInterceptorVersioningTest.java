package net.mucaffiliationnotify.openfire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.jivesoftware.openfire.PacketRouter;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.muc.Role;
import org.junit.Before;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import net.mucaffiliationnotify.tracking.AffiliationVersions;
import net.mucaffiliationnotify.tracking.ChangeTracker;
import net.mucaffiliationnotify.tracking.Pipeline;
import net.mucaffiliationnotify.tracking.TrackerLimits;
import net.mucaffiliationnotify.tracking.VersioningLimits;
import net.mucaffiliationnotify.versioning.VersionHasher;

/**
 * XEP-0463 through the interceptor, in the order Openfire routes stanzas, against the stand-in's rooms: the
 * disco#info feature (V1), a join's {@code <mav/>} removed before Openfire sees it (V3), the list routed
 * before the first presence reaches the joiner (V4), the switch (V8).
 */
public class AffiliationChangeInterceptorVersioningTest {
    private static final String MAV = "urn:xmpp:muc:affiliations:1";
    private static final String ROOM = "room@conference.localhost";
    private static final String JULIET = "juliet@localhost/balcony";

    private final MockMuc muc = new MockMuc();
    private final PacketRouter router = mock(PacketRouter.class);
    /** What reached the clients, in order. */
    private final List<Packet> delivered = new ArrayList<>();
    private boolean enabled = true;
    private MockMuc.Room room;
    private AffiliationChangeInterceptor interceptor;

    @Before
    public void setUp() {
        room = muc.room("room");
        room.set("romeo@localhost", "owner").set("juliet@localhost", "member").set("tybalt@localhost", "outcast")
            .join("romeo@localhost/desk", Role.moderator, "Romeo");
        room.nonAnonymous = true;
        room.membersOnly = true;
        final OpenfireRoomDirectory directory = new OpenfireRoomDirectory(muc.manager, () -> false);
        final RoutingNotificationSink sink = Sinks.routing(router);
        final Pipeline pipeline = Pipeline.of(directory, sink).versioned(jid -> enabled)
            .hasher(new VersionHasher("s".getBytes(StandardCharsets.UTF_8)))
            .versioningLimits(new VersioningLimits(16, 250, 100, Duration.ofSeconds(60))).build();
        final ChangeTracker tracker = pipeline.tracker;
        final AffiliationVersions versions = pipeline.versions;
        interceptor = new AffiliationChangeInterceptor(new MucServiceDomains(() -> Set.of(MockMuc.SERVICE)), tracker,
            versions);
        doAnswer(call -> {
            route(call.getArgument(0));
            return null;
        }).when(router).route(any(Packet.class));
        doAnswer(call -> {
            route(call.getArgument(0));
            return null;
        }).when(router).route(any(Message.class));
    }

    /** Openfire's routing of a stanza: interceptors (incoming, before processing), delivery. */
    private void route(Packet packet) {
        try {
            interceptor.interceptPacket(packet, null, true, false);
        } catch (PacketRejectedException e) {
            throw new AssertionError(e);
        }
        delivered.add(packet);
    }

    private static Packet parse(String xml) throws Exception {
        final Element root = DocumentHelper.parseText(xml).getRootElement();
        switch (root.getName()) {
            case "iq": return new IQ(root);
            case "presence": return new Presence(root);
            default: return new Message(root);
        }
    }

    private static boolean hasFeature(Packet iq) {
        for (Element feature : iq.getElement().element("query").elements("feature")) {
            if (MAV.equals(feature.attributeValue("var"))) {
                return true;
            }
        }
        return false;
    }

    private IQ discoResult(String from, String node) throws Exception {
        return (IQ) parse("<iq type='result' id='d1' from='" + from + "' to='" + JULIET + "'>"
            + "<query xmlns='http://jabber.org/protocol/disco#info'" + (node == null ? "" : " node='" + node + "'") + ">"
            + "<identity category='conference' type='text'/><feature var='http://jabber.org/protocol/muc'/></query></iq>");
    }

    @Test
    public void roomsDiscoInfoListsTheFeatureWhileVersioningIsOn() throws Exception {
        final IQ result = discoResult(ROOM, null);
        route(result);
        assertTrue(hasFeature(result));
        route(result); // a second pass adds no second feature
        assertEquals(1, result.getElement().element("query").elements("feature").stream()
            .filter(f -> MAV.equals(f.attributeValue("var"))).count());

        final IQ service = discoResult("conference.localhost", null);
        final IQ nodeQuery = discoResult(ROOM, "x-roomuser-item");
        final IQ occupant = discoResult(ROOM + "/Romeo", null);
        route(service);
        route(nodeQuery);
        route(occupant);
        assertFalse(hasFeature(service));
        assertFalse(hasFeature(nodeQuery));
        assertFalse(hasFeature(occupant));

        enabled = false;
        final IQ off = discoResult(ROOM, null);
        route(off);
        assertFalse(hasFeature(off));
    }

    @Test
    public void joinsListComesBeforeItsFirstPresenceAndTheMavNeverReachesOpenfire() throws Exception {
        final Presence join = (Presence) parse("<presence from='" + JULIET + "' to='" + ROOM + "/Juliet'>"
            + "<x xmlns='http://jabber.org/protocol/muc'><mav xmlns='" + MAV + "'/></x></presence>");
        route(join);
        assertNull("stripped before Openfire handles the join",
            join.getElement().element(QName.get("x", "http://jabber.org/protocol/muc")).element(QName.get("mav", MAV)));

        // Openfire accepts: Romeo's presence to Juliet, then her self-presence
        room.join(JULIET, Role.participant, "Juliet");
        delivered.clear();
        route(parse("<presence from='" + ROOM + "/Romeo' to='" + JULIET + "'>"
            + "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='owner' role='moderator'/></x></presence>"));
        final Presence self = (Presence) parse("<presence from='" + ROOM + "/Juliet' to='" + JULIET + "'>"
            + "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' role='participant'/>"
            + "<status code='110'/></x></presence>");
        route(self);

        assertEquals(3, delivered.size());
        assertTrue("the list first", delivered.get(0) instanceof Message);
        final Element x = delivered.get(0).getElement().element(QName.get("x", "http://jabber.org/protocol/muc#user"));
        final Element mav = x.element(QName.get("mav", MAV));
        assertNotNull(mav);
        final List<String> items = new ArrayList<>();
        for (Element item : x.elements("item")) {
            items.add(item.attributeValue("jid") + "=" + item.attributeValue("affiliation"));
        }
        // A member of a private room sees owners, admins and members, not the outcasts
        assertEquals(List.of("juliet@localhost=member", "romeo@localhost=owner"), items);
        assertTrue(delivered.get(1) instanceof Presence);
        final Element selfMav = self.getElement().element(QName.get("x", "http://jabber.org/protocol/muc#user"))
            .element(QName.get("mav", MAV));
        assertEquals(mav.attributeValue("until"), selfMav.attributeValue("until"));
    }

    @Test
    public void switchedOffTheJoinReachesOpenfireUntouched() throws Exception {
        enabled = false;
        final Presence join = (Presence) parse("<presence from='" + JULIET + "' to='" + ROOM + "/Juliet'>"
            + "<x xmlns='http://jabber.org/protocol/muc'><mav xmlns='" + MAV + "' since='abc'/></x></presence>");
        final String before = join.toXML();
        route(join);
        room.join(JULIET, Role.participant, "Juliet");
        route(parse("<presence from='" + ROOM + "/Romeo' to='" + JULIET + "'>"
            + "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='owner' role='moderator'/></x></presence>"));
        assertEquals(before, join.toXML());
        assertEquals("nothing but the stanzas routed here", 2, delivered.size());
    }

    /**
     * Juliet owns a semi-anonymous room through an Openfire group: Openfire treats her as an owner, so she
     * reads every list then and now and gets the diff of a version she holds, not forbidden (issue 11).
     */
    @Test
    public void anOwnerThroughAGroupGetsTheDiff() throws Exception {
        final JID capulets = new JID("cdgn0tbcclq76===@localhost/95b2a835dd8afa78fce2043d8dad72b3");
        final org.jivesoftware.openfire.group.Group group = mock(org.jivesoftware.openfire.group.Group.class);
        when(group.getAll()).thenReturn(List.of(new JID("juliet@localhost")));
        final org.jivesoftware.openfire.group.GroupManager groups = mock(org.jivesoftware.openfire.group.GroupManager.class);
        when(groups.getGroup(capulets)).thenReturn(group);
        try (org.mockito.MockedStatic<org.jivesoftware.openfire.group.GroupManager> manager =
                 org.mockito.Mockito.mockStatic(org.jivesoftware.openfire.group.GroupManager.class)) {
            manager.when(org.jivesoftware.openfire.group.GroupManager::getInstance).thenReturn(groups);
            room.nonAnonymous = false;
            room.membersOnly = false;
            room.set("juliet@localhost", "none");
            room.owners.add(capulets);
            // MUCRoom.getAffiliation counts a group's users as what the group is.
            when(room.mock.getAffiliation(new JID("juliet@localhost"))).thenReturn(org.jivesoftware.openfire.muc.Affiliation.owner);

            final String v1 = join("Juliet", null);
            assertTrue(delivered.get(0).toXML(), delivered.get(0).getElement().element(QName.get("error", "jabber:client")) == null
                && ((Message) delivered.get(0)).getType() != Message.Type.error);
            room.occupants.clear();
            room.set("mercutio@localhost", "member");
            join("Juliet2", v1);
            final Message answer = (Message) delivered.get(0);
            assertTrue(answer.toXML(), answer.getType() != Message.Type.error);
            final Element mav = answer.getElement().element(QName.get("x", "http://jabber.org/protocol/muc#user"))
                .element(QName.get("mav", MAV));
            assertEquals(answer.toXML(), v1, mav.attributeValue("since"));
            assertTrue(answer.toXML(), answer.toXML().contains("mercutio@localhost"));
        }
    }

    /** Juliet joins (with {@code since} when given) and Openfire accepts; returns her self-presence's version. */
    private String join(String nick, String since) throws Exception {
        route(parse("<presence from='" + JULIET + "' to='" + ROOM + "/" + nick + "'><x xmlns='http://jabber.org/protocol/muc'>"
            + "<mav xmlns='" + MAV + "'" + (since == null ? "" : " since='" + since + "'") + "/></x></presence>"));
        room.join(JULIET, Role.moderator, nick);
        delivered.clear();
        route(parse("<presence from='" + ROOM + "/Romeo' to='" + JULIET + "'>"
            + "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='owner' role='moderator'/></x></presence>"));
        final Presence self = (Presence) parse("<presence from='" + ROOM + "/" + nick + "' to='" + JULIET + "'>"
            + "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='owner' role='moderator'/>"
            + "<status code='110'/></x></presence>");
        route(self);
        return self.getElement().element(QName.get("x", "http://jabber.org/protocol/muc#user"))
            .element(QName.get("mav", MAV)).attributeValue("until");
    }
}
