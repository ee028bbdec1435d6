package net.mucaffiliationnotify.openfire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.jivesoftware.openfire.PacketRouter;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.muc.Role;
import org.jivesoftware.openfire.session.Session;
import org.junit.Before;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import net.mucaffiliationnotify.tracking.ChangeTracker;
import net.mucaffiliationnotify.tracking.Pipeline;
import net.mucaffiliationnotify.tracking.RoomSwitch;
import net.mucaffiliationnotify.tracking.TrackerLimits;

/**
 * The interceptor driven the way Openfire 5.1.1 drives it: the request enters (incoming, not processed), the
 * MUC service applies it and routes the reply (which passes the interceptors before delivery), our
 * notifications are routed from inside that call and pass the interceptors too, then the request passes
 * again as processed. What the requester's session sees is recorded in delivery order.
 */
public class AffiliationChangeInterceptorTest {
    private static final String OWNER = "romeo@localhost/desk";

    private final MockMuc muc = new MockMuc();
    private final PacketRouter router = mock(PacketRouter.class);
    private final Session session = mock(Session.class);
    private final List<Packet> delivered = new ArrayList<>();
    private final List<Packet> rejected = new ArrayList<>();
    private boolean clustered;
    private MockMuc.Room room;
    private ChangeTracker tracker;
    private AffiliationChangeInterceptor interceptor;

    @Before
    public void setUp() {
        room = muc.room("room");
        room.set("romeo@localhost", "owner").join(OWNER, Role.moderator).join("juliet@localhost/balcony", Role.participant);
        room.nonAnonymous = false;
        tracker = Pipeline.tracker(new OpenfireRoomDirectory(muc.manager, () -> clustered), Sinks.routing(router),
            RoomSwitch.ALWAYS_ON, System::nanoTime, TrackerLimits.DEFAULT);
        interceptor = new AffiliationChangeInterceptor(
            new MucServiceDomains(() -> java.util.Set.of(MockMuc.SERVICE)), tracker);
        doAnswer(call -> {
            route(call.getArgument(0));
            return null;
        }).when(router).route(any(Message.class));
        doAnswer(call -> {
            route(call.getArgument(0));
            return null;
        }).when(router).route(any(IQ.class));
        doAnswer(call -> {
            route(call.getArgument(0));
            return null;
        }).when(router).route(any(Packet.class));
    }

    /**
     * Openfire's routing of a server-generated stanza: interceptors, delivery, interceptors. A rejected
     * stanza without a session is dropped, as IQRouter does.
     */
    private void route(Packet packet) {
        try {
            interceptor.interceptPacket(packet, null, true, false);
        } catch (PacketRejectedException e) {
            rejected.add(packet);
            return;
        }
        delivered.add(packet);
        intercept(packet, null, true, true);
    }

    /** IQRouter.route for a client's request, with the MUC service's handling in between. */
    private void clientSends(Packet request, Consumer<Packet> service) {
        intercept(request, session, true, false);
        service.accept(request);
        intercept(request, session, true, true);
    }

    private void intercept(Packet packet, Session from, boolean incoming, boolean processed) {
        try {
            interceptor.interceptPacket(packet, from, incoming, processed);
        } catch (PacketRejectedException e) {
            throw new AssertionError("only replies may be held, not " + packet.toXML(), e);
        }
    }

    private static IQ iq(String xml) throws Exception {
        return new IQ(DocumentHelper.parseText(xml).getRootElement());
    }

    private static IQ adminSet(String id, String items) throws Exception {
        return iq("<iq type='set' id='" + id + "' from='" + OWNER + "' to='room@conference.localhost'>"
            + "<query xmlns='http://jabber.org/protocol/muc#admin'>" + items + "</query></iq>");
    }

    private static Element item(Packet message) {
        return message.getElement().element("x").element("item");
    }

    @Test
    public void notificationReachesTheModeratorBeforeTheResult() throws Exception {
        final IQ request = adminSet("member1", "<item affiliation='member' jid='juliet2@localhost'/>");
        clientSends(request, r -> {
            room.set("juliet2@localhost", "member");
            route(IQ.createResultIQ((IQ) r));
        });

        assertEquals(2, delivered.size());
        final Packet notification = delivered.get(0);
        assertTrue(notification instanceof Message);
        assertEquals(new JID(OWNER), notification.getTo());
        assertEquals(new JID("room@conference.localhost"), notification.getFrom());
        assertNull("no type attribute", notification.getElement().attribute("type"));
        assertEquals("juliet2@localhost", item(notification).attributeValue("jid"));
        assertEquals("member", item(notification).attributeValue("affiliation"));
        assertEquals("member1", delivered.get(1).getID());
        assertEquals(0, tracker.pendingCount());
    }

    @Test
    public void errorReplyAfterPartialApplicationStillAnnouncesTheAppliedItemsFirst() throws Exception {
        final IQ request = adminSet("multi", "<item affiliation='member' jid='a@localhost'/>"
            + "<item affiliation='owner' jid='b@localhost'/>");
        clientSends(request, r -> {
            room.set("a@localhost", "member");
            final IQ error = IQ.createResultIQ((IQ) r);
            error.setType(IQ.Type.error);
            route(error);
        });
        assertEquals(2, delivered.size());
        assertEquals("a@localhost", item(delivered.get(0)).attributeValue("jid"));
        assertEquals(IQ.Type.error, ((IQ) delivered.get(1)).getType());
    }

    @Test
    public void invitationIsAnnouncedWhenItsProcessingEnds() throws Exception {
        room.membersOnly = true;
        final Message invite = new Message(DocumentHelper.parseText("<message from='" + OWNER
            + "' to='room@conference.localhost'><x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<invite to='rosaline@localhost'/></x></message>").getRootElement());
        clientSends(invite, r -> room.set("rosaline@localhost", "member"));
        assertEquals(1, delivered.size());
        assertEquals("rosaline@localhost", item(delivered.get(0)).attributeValue("jid"));
        assertEquals("member", item(delivered.get(0)).attributeValue("affiliation"));
    }

    /** Openfire's answer to a refused invitation: the invitation copied back as an error, from the room. */
    private static Message refused(Message invite) {
        final Message error = invite.createCopy();
        error.setFrom(invite.getTo());
        error.setTo(invite.getFrom());
        error.setType(Message.Type.error);
        return error;
    }

    private static Message invite(String... invitees) throws Exception {
        final StringBuilder x = new StringBuilder();
        for (String invitee : invitees) {
            x.append("<invite to='").append(invitee).append("'/>");
        }
        return new Message(DocumentHelper.parseText("<message id='invite2' from='" + OWNER
            + "' to='room@conference.localhost'><x xmlns='http://jabber.org/protocol/muc#user'>" + x
            + "</x></message>").getRootElement());
    }

    @Test
    public void partlyRefusedInvitationAnnouncesTheAppliedInviteBeforeTheError() throws Exception {
        room.membersOnly = true;
        final Message invite = invite("paris@localhost", "mercutio@localhost");
        clientSends(invite, r -> {
            room.set("paris@localhost", "member");
            route(refused((Message) r)); // the second invitee is refused: Forbidden
        });
        assertEquals(2, delivered.size());
        assertEquals("paris@localhost", item(delivered.get(0)).attributeValue("jid"));
        assertEquals(Message.Type.error, ((Message) delivered.get(1)).getType());
        assertEquals("invite2", delivered.get(1).getID());
    }

    @Test
    public void inAClusterARefusedInvitationsErrorIsHeldUntilTheNotificationIsOut() throws Exception {
        clustered = true;
        room.membersOnly = true;
        final Message invite = invite("paris@localhost", "mercutio@localhost");
        clientSends(invite, r -> {
            route(refused((Message) r));
            room.set("paris@localhost", "member"); // synced after the error was routed
        });
        assertEquals(1, rejected.size());
        assertEquals(2, delivered.size());
        assertEquals("paris@localhost", item(delivered.get(0)).attributeValue("jid"));
        assertEquals(Message.Type.error, ((Message) delivered.get(1)).getType());
    }

    @Test
    public void registrationIsAnnounced() throws Exception {
        final IQ register = iq("<iq type='set' id='reg' from='rosaline@localhost/home' to='room@conference.localhost'>"
            + "<query xmlns='jabber:iq:register'><x xmlns='jabber:x:data' type='submit'>"
            + "<field var='muc#register_roomnick'><value>Rosaline</value></field></x></query></iq>");
        clientSends(register, r -> {
            room.set("rosaline@localhost", "member");
            route(IQ.createResultIQ((IQ) r));
        });
        assertEquals(2, delivered.size());
        assertEquals(new JID(OWNER), delivered.get(0).getTo());
        assertEquals("rosaline@localhost", item(delivered.get(0)).attributeValue("jid"));
        assertEquals(new JID("rosaline@localhost/home"), delivered.get(1).getTo());
    }

    @Test
    public void unrelatedTrafficLeavesNoTraceAndIsNeverParsed() throws Exception {
        final Message groupchat = new Message();
        groupchat.setType(Message.Type.groupchat);
        groupchat.setFrom(OWNER);
        groupchat.setTo("room@conference.localhost");
        groupchat.addChildElement("x", "http://jabber.org/protocol/muc#user").addElement("invite").addAttribute("to", "x@localhost");
        final Presence presence = new Presence();
        presence.setTo("room@conference.localhost/Romeo");
        final IQ get = iq("<iq type='get' id='g' from='" + OWNER + "' to='room@conference.localhost'>"
            + "<query xmlns='http://jabber.org/protocol/muc#admin'><item affiliation='member'/></query></iq>");
        final IQ otherDomain = iq("<iq type='set' id='p' from='" + OWNER + "' to='pubsub.localhost'>"
            + "<query xmlns='http://jabber.org/protocol/muc#admin'><item affiliation='member' jid='a@localhost'/></query></iq>");
        final IQ outgoing = adminSet("out", "<item affiliation='member' jid='a@localhost'/>");

        for (Packet packet : List.of(groupchat, presence, get, otherDomain)) {
            intercept(packet, session, true, false);
            intercept(packet, session, true, true);
        }
        intercept(outgoing, session, false, false);
        assertFalse(tracker.hasPending());
        assertEquals(0, tracker.heldCount());
    }

    @Test
    public void neverThrowsEvenWhenOpenfireDoes() throws Exception {
        when(muc.manager.getMultiUserChatService(any(JID.class))).thenThrow(new IllegalStateException("boom"));
        final IQ request = adminSet("m", "<item affiliation='member' jid='a@localhost'/>");
        intercept(request, session, true, false);
        intercept(IQ.createResultIQ(request), null, true, false);
        intercept(request, session, true, true);
        assertFalse(tracker.hasPending());
    }

    @Test
    public void inAClusterTheReplyIsHeldUntilTheChangedRoomIsSyncedThenFollowsTheNotification() throws Exception {
        clustered = true;
        final IQ request = adminSet("member1", "<item affiliation='member' jid='juliet2@localhost'/>");
        clientSends(request, r -> {
            // The handler changes its own copy of the room and routes the reply under the room lock...
            route(IQ.createResultIQ((IQ) r));
            assertEquals("the reply waits: the cache still shows the old room", 0, delivered.size());
            // ...and only then puts the changed room back into the clustered cache.
            room.set("juliet2@localhost", "member");
        });

        assertEquals(1, rejected.size());
        assertEquals(2, delivered.size());
        assertEquals("juliet2@localhost", item(delivered.get(0)).attributeValue("jid"));
        assertEquals(new JID(OWNER), delivered.get(0).getTo());
        assertEquals("member1", delivered.get(1).getID());
        assertEquals(IQ.Type.result, ((IQ) delivered.get(1)).getType());
        assertEquals(0, tracker.pendingCount());
    }

    @Test
    public void inAClusterARejectedRequestsErrorIsDeliveredAloneAndRegistrationIsNotHeld() throws Exception {
        clustered = true;
        final IQ request = adminSet("bad", "<item affiliation='owner' jid='a@localhost'/>");
        clientSends(request, r -> {
            final IQ error = IQ.createResultIQ((IQ) r);
            error.setType(IQ.Type.error);
            route(error);
        });
        assertEquals(1, delivered.size());
        assertEquals(IQ.Type.error, ((IQ) delivered.get(0)).getType());

        // Openfire routes a registration's reply after syncing the room: no need to hold it.
        delivered.clear();
        rejected.clear();
        final IQ register = iq("<iq type='set' id='reg' from='rosaline@localhost/home' to='room@conference.localhost'>"
            + "<query xmlns='jabber:iq:register'><remove/></query></iq>");
        room.set("rosaline@localhost", "member");
        clientSends(register, r -> {
            room.set("rosaline@localhost", "none");
            route(IQ.createResultIQ((IQ) r));
        });
        assertEquals(0, rejected.size());
        // Rosaline became a member outside any request followed, then the request removed her again. Without
        // XEP-0463 versions to keep in order, what changed outside is stepped when the request settles: the room's
        // history never held her, and holds nothing for her now, so nobody is told anything (the net result, as
        // the sweep announces changes made outside XMPP); only the result goes out.
        assertEquals(1, delivered.size());
        assertEquals(IQ.Type.result, ((IQ) delivered.get(0)).getType());
    }

    @Test
    public void lostRequestsAreBoundedByTheTrackerLimits() throws Exception {
        final ChangeTracker small = Pipeline.tracker(new OpenfireRoomDirectory(muc.manager, () -> false),
            Sinks.routing(router), RoomSwitch.ALWAYS_ON, System::nanoTime,
            new TrackerLimits(50, Duration.ofMinutes(1)));
        final AffiliationChangeInterceptor bounded = new AffiliationChangeInterceptor(
            new MucServiceDomains(() -> java.util.Set.of(MockMuc.SERVICE)), small);
        for (int i = 0; i < 1_000; i++) {
            bounded.interceptPacket(adminSet("lost" + i, "<item affiliation='member' jid='u" + i + "@localhost'/>"),
                session, true, false);
        }
        assertEquals(50, small.pendingCount());
    }

    /**
     * Issue 11: a participant and an outsider flood the room with 20,000-item muc#admin sets and invitations.
     * Openfire refuses them; the interceptor reads the sender's affiliation and two room flags, and nothing
     * proportional to the room or the request: no list, no occupant, nothing followed.
     */
    @Test
    public void floodsOfRequestsOpenfireRefusesReadNoListAndNoOccupant() throws Exception {
        room.membersOnly = true;
        final StringBuilder items = new StringBuilder();
        final StringBuilder invites = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            items.append("<item affiliation='member' jid='u").append(i).append("@localhost'/>");
            invites.append("<invite to='u").append(i).append("@localhost'/>");
        }
        org.mockito.Mockito.clearInvocations(room.mock);
        for (String from : List.of("juliet@localhost/balcony", "stranger@elsewhere.example/x")) {
            final IQ flood = iq("<iq type='set' id='f' from='" + from + "' to='room@" + MockMuc.SERVICE + "'>"
                + "<query xmlns='http://jabber.org/protocol/muc#admin'>" + items + "</query></iq>");
            clientSends(flood, request -> { });
            final Message invitation = new Message(DocumentHelper.parseText("<message from='" + from
                + "' to='room@" + MockMuc.SERVICE + "'><x xmlns='http://jabber.org/protocol/muc#user'>" + invites
                + "</x></message>").getRootElement());
            clientSends(invitation, request -> { });
            assertEquals(0, tracker.pendingCount());
            assertEquals(0, tracker.heldCount());
        }
        org.mockito.Mockito.verify(room.mock, org.mockito.Mockito.never()).getOccupants();
        org.mockito.Mockito.verify(room.mock, org.mockito.Mockito.never()).getMembers();
        org.mockito.Mockito.verify(room.mock, org.mockito.Mockito.never()).getOwners();
        org.mockito.Mockito.verify(room.mock, org.mockito.Mockito.never()).getAdmins();
        org.mockito.Mockito.verify(room.mock, org.mockito.Mockito.never()).getOutcasts();
        assertTrue(delivered.isEmpty());
    }
}
