package net.mucaffiliationnotify.tracking;

import static net.mucaffiliationnotify.rules.MucAffiliation.admin;
import static net.mucaffiliationnotify.rules.MucAffiliation.member;
import static net.mucaffiliationnotify.rules.MucAffiliation.none;
import static net.mucaffiliationnotify.rules.MucAffiliation.outcast;
import static net.mucaffiliationnotify.rules.MucAffiliation.owner;
import static net.mucaffiliationnotify.tracking.Stanzas.OWNER;
import static net.mucaffiliationnotify.tracking.Stanzas.ROOM;
import static net.mucaffiliationnotify.tracking.Stanzas.admin;
import static net.mucaffiliationnotify.tracking.Stanzas.error;
import static net.mucaffiliationnotify.tracking.Stanzas.item;
import static net.mucaffiliationnotify.tracking.Stanzas.request;
import static net.mucaffiliationnotify.tracking.Stanzas.result;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.dom4j.Element;
import org.junit.Before;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import net.mucaffiliationnotify.requests.AffiliationRequest;
import net.mucaffiliationnotify.requests.AffiliationRequestParser;

/**
 * The request life cycle Openfire 5.1.1 drives (request in, reply routed, request processed): R1 (target in
 * the room), R7 (announced at the reply), R9 (what changed, not what was asked), R10 (paths), R11 (no-ops),
 * R12 (switch) and the bounds of the bookkeeping.
 */
public class ChangeTrackerTest {
    private final Map<JID, FakeRoom> rooms = new HashMap<>();
    private final RecordingSink sink = new RecordingSink();
    private final AtomicLong clock = new AtomicLong();
    private boolean enabled = true;
    private FakeRoom room;
    private ChangeTracker tracker;

    @Before
    public void setUp() {
        room = new FakeRoom(ROOM).nonAnonymous(true)
            .set("owner@localhost", owner)
            .join(OWNER, true)
            .join("participant@localhost/phone", false);
        rooms.put(room.jid(), room);
        tracker = Pipeline.tracker(jid -> rooms.get(jid), sink, jid -> enabled, clock::get,
            new TrackerLimits(100, Duration.ofSeconds(60)));
    }

    /** What Openfire does: request in, handler applies, reply routed, request processed. */
    private void process(IQ request, Runnable apply, boolean succeed) {
        tracker.requestReceived(request, request(request));
        apply.run();
        tracker.replyRouted(succeed ? result(request) : error(request));
        tracker.requestProcessed(request);
    }

    @Test
    public void grantIsAnnouncedToEveryOccupantOfANonAnonymousRoomAtTheReply() {
        final IQ iq = admin("m1", item("member", "juliet@localhost"));
        tracker.requestReceived(iq, request(iq));
        room.set("juliet@localhost", member);
        assertEquals(0, sink.size());

        tracker.replyRouted(result(iq));

        assertEquals(List.of(
            "owner@localhost/desk:juliet@localhost=member",
            "participant@localhost/phone:juliet@localhost=member"), sink.summary());
        tracker.requestProcessed(iq);
        assertEquals(2, sink.size());
        assertEquals(0, tracker.pendingCount());
        assertEquals(0, tracker.heldCount());
    }

    @Test
    public void semiAnonymousRoomTellsModeratorsOnly() {
        room.nonAnonymous(false);
        final IQ iq = admin("m1", item("member", "juliet@localhost"));
        process(iq, () -> room.set("juliet@localhost", member), true);
        assertEquals(List.of("owner@localhost/desk:juliet@localhost=member"), sink.summary());
    }

    @Test
    public void rejectedRequestAnnouncesNothing() {
        final IQ iq = admin("m1", item("owner", "juliet@localhost"));
        process(iq, () -> { }, false);
        assertEquals(0, sink.size());
        assertEquals(0, tracker.pendingCount());
        assertEquals(0, tracker.heldCount());
    }

    @Test
    public void noOpAnnouncesNothing() {
        room.set("juliet@localhost", member);
        final IQ iq = admin("m1", item("member", "juliet@localhost"));
        process(iq, () -> room.set("juliet@localhost", member), true);
        assertEquals(0, sink.size());
    }

    @Test
    public void partiallyAppliedMultiItemRequestAnnouncesWhatWasAppliedBeforeTheError() {
        final IQ iq = admin("multi", item("member", "a@localhost") + item("outcast", "b@localhost")
            + item("owner", "c@localhost"));
        process(iq, () -> {
            room.set("a@localhost", member);
            room.set("b@localhost", outcast);
            // the third item throws in Openfire: nothing for c
        }, false);
        assertEquals(List.of(
            "owner@localhost/desk:a@localhost=member",
            "participant@localhost/phone:a@localhost=member",
            "owner@localhost/desk:b@localhost=outcast",
            "participant@localhost/phone:b@localhost=outcast"), sink.summary());
    }

    @Test
    public void multiItemChangesComeInItemOrder() {
        final IQ iq = admin("multi", item("admin", "z@localhost") + item("member", "a@localhost"));
        room.nonAnonymous(false);
        process(iq, () -> {
            room.set("a@localhost", member);
            room.set("z@localhost", admin);
        }, true);
        assertEquals(List.of("owner@localhost/desk:z@localhost=admin", "owner@localhost/desk:a@localhost=member"),
            sink.summary());
    }

    @Test
    public void banOfSomeoneInTheRoomIsLeftToOpenfiresPresenceEvenThoughTheyAreKickedOut() {
        room.join("tybalt@localhost/sword", false);
        final IQ iq = admin("ban", item("outcast", "tybalt@localhost"));
        process(iq, () -> room.set("tybalt@localhost", outcast).leave("tybalt@localhost"), true);
        assertEquals(0, sink.size());
    }

    @Test
    public void changeForATargetInTheRoomIsNotAnnounced() {
        room.join("juliet@localhost/balcony", false);
        final IQ iq = admin("m1", item("member", "juliet@localhost"));
        process(iq, () -> room.set("juliet@localhost", member), true);
        assertEquals(0, sink.size());
    }

    @Test
    public void banReasonTravelsWithTheNotification() {
        room.nonAnonymous(false);
        final IQ iq = admin("ban", "<item affiliation='outcast' jid='tybalt@localhost'><reason>Hey calm down</reason></item>");
        process(iq, () -> room.set("tybalt@localhost", outcast), true);
        assertEquals(1, sink.size());
        final Element x = sink.delivered.get(0).stanza().getChildElement("x", "http://jabber.org/protocol/muc#user");
        assertEquals("301", x.element("status").attributeValue("code"));
        assertEquals("Hey calm down", x.element("item").elementText("reason"));
    }

    @Test
    public void replyForAnotherIdRequesterOrRoomDoesNotSettle() {
        final IQ iq = admin("m1", item("member", "juliet@localhost"));
        tracker.requestReceived(iq, request(iq));
        room.set("juliet@localhost", member);

        final IQ otherId = result(iq);
        otherId.setID("m2");
        tracker.replyRouted(otherId);
        final IQ otherRequester = result(iq);
        otherRequester.setTo("mallory@localhost/x");
        tracker.replyRouted(otherRequester);
        final IQ otherRoom = result(iq);
        otherRoom.setFrom("other@conference.localhost");
        tracker.replyRouted(otherRoom);
        assertEquals(0, sink.size());

        tracker.replyRouted(result(iq));
        assertEquals(2, sink.size());
    }

    @Test
    public void replyOnAnotherThreadIsNotTakenForThisRequest() throws Exception {
        final IQ iq = admin("m1", item("member", "juliet@localhost"));
        tracker.requestReceived(iq, request(iq));
        room.set("juliet@localhost", member);
        final Thread other = new Thread(() -> tracker.replyRouted(result(iq)));
        other.start();
        other.join();
        assertEquals(0, sink.size());
        // Without a reply on its thread, the request is settled when its processing ends: late, not lost.
        tracker.requestProcessed(iq);
        assertEquals(2, sink.size());
        assertEquals(0, tracker.pendingCount());
    }

    @Test
    public void invitationIsSettledWhenProcessingEnds() {
        room.membersOnly(true);
        final Message invite = Stanzas.message("<message from='" + OWNER + "' to='" + ROOM + "'>"
            + "<x xmlns='http://jabber.org/protocol/muc#user'><invite to='rosaline@localhost'><reason>come</reason></invite></x></message>");
        tracker.requestReceived(invite, AffiliationRequestParser.fromMessage(invite));
        room.set("rosaline@localhost", member);
        tracker.requestProcessed(invite);
        assertEquals(List.of(
            "owner@localhost/desk:rosaline@localhost=member",
            "participant@localhost/phone:rosaline@localhost=member"), sink.summary());
        assertNull("the invitation's reason is for the invitee", sink.delivered.get(0).stanza()
            .getChildElement("x", "http://jabber.org/protocol/muc#user").element("item").element("reason"));
    }

    @Test
    public void configurationFormAnnouncesNamedAndDemotedJids() {
        room.nonAnonymous(false).set("old-admin@localhost", admin);
        final IQ form = Stanzas.iq("<iq type='set' id='cfg' from='" + OWNER + "' to='" + ROOM + "'>"
            + "<query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'>"
            + "<field var='muc#roomconfig_roomadmins'><value>new-admin@localhost</value></field>"
            + "</x></query></iq>");
        process(form, () -> room.set("new-admin@localhost", admin).set("old-admin@localhost", member), true);
        assertEquals(List.of(
            "owner@localhost/desk:new-admin@localhost=admin",
            "owner@localhost/desk:old-admin@localhost=member"), sink.summary());
    }

    @Test
    public void switchedOffRoomIsNotFollowed() {
        enabled = false;
        final IQ iq = admin("m1", item("member", "juliet@localhost"));
        process(iq, () -> room.set("juliet@localhost", member), true);
        assertEquals(0, sink.size());
        assertEquals(0, tracker.pendingCount());
    }

    @Test
    public void switchTurnedOffWhileInFlightSendsNothing() {
        final IQ iq = admin("m1", item("member", "juliet@localhost"));
        process(iq, () -> {
            room.set("juliet@localhost", member);
            enabled = false;
        }, true);
        assertEquals(0, sink.size());
        assertEquals(0, tracker.heldCount());
    }

    @Test
    public void unknownOrUnloadedRoomIsNotFollowed() {
        final IQ iq = Stanzas.iq("<iq type='set' id='x' from='" + OWNER + "' to='ghost@conference.localhost'>"
            + "<query xmlns='http://jabber.org/protocol/muc#admin'>" + item("member", "a@localhost") + "</query></iq>");
        assertFalse(tracker.requestReceived(iq, request(iq)));
        assertEquals(0, tracker.pendingCount());
    }

    @Test
    public void roomDestroyedWhileInFlightAnnouncesNothing() {
        final IQ iq = admin("m1", item("member", "juliet@localhost"));
        tracker.requestReceived(iq, request(iq));
        room.set("juliet@localhost", member);
        rooms.remove(room.jid());
        tracker.forgetRoom(room.jid());
        tracker.replyRouted(result(iq));
        tracker.requestProcessed(iq);
        assertEquals(0, sink.size());
        assertEquals(0, tracker.pendingCount());
    }

    @Test
    public void requestsWhoseEndNeverComesAreBoundedAndExpire() {
        for (int i = 0; i < 100; i++) {
            final IQ iq = admin("lost" + i, item("member", "u" + i + "@localhost"));
            assertTrue(tracker.requestReceived(iq, request(iq)));
        }
        final IQ overflow = admin("overflow", item("member", "late@localhost"));
        assertFalse("full, and nothing is old enough to drop", tracker.requestReceived(overflow, request(overflow)));
        assertEquals(100, tracker.pendingCount());

        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        assertTrue("old ones are dropped to make room", tracker.requestReceived(overflow, request(overflow)));
        assertEquals(1, tracker.pendingCount());
        assertEquals("the dropped requests released their ledger entries", 1, tracker.heldCount());

        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        assertEquals(1, tracker.expireLost());
        assertEquals(0, tracker.pendingCount());
        assertEquals(0, tracker.heldCount());
        assertEquals("dropping announces nothing", 0, sink.size());
    }

    @Test
    public void clearForgetsEverything() {
        final IQ iq = admin("m1", item("member", "juliet@localhost"));
        tracker.requestReceived(iq, request(iq));
        tracker.clear();
        assertEquals(0, tracker.pendingCount());
        assertEquals(0, tracker.heldCount());
        room.set("juliet@localhost", member);
        tracker.replyRouted(result(iq));
        tracker.requestProcessed(iq);
        assertEquals(0, sink.size());
    }

    private ChangeTracker clusteredTracker() {
        return Pipeline.tracker(Directories.of(rooms, false), sink, jid -> enabled, clock::get, new TrackerLimits(100, Duration.ofSeconds(60)));
    }

    @Test
    public void clusteredAdminReplyIsHeldAndDeliveredAfterTheNotifications() {
        final ChangeTracker clustered = clusteredTracker();
        final IQ iq = admin("m1", item("member", "juliet@localhost"));
        clustered.requestReceived(iq, request(iq));
        final IQ reply = result(iq);
        assertTrue("held", clustered.replyRouted(reply));
        assertFalse("a second look at the same reply does not hold it twice", clustered.replyRouted(reply));
        room.set("juliet@localhost", member); // synced into the cache after the reply
        clustered.requestProcessed(iq);
        assertEquals(3, sink.stanzas.size());
        assertEquals(reply, sink.stanzas.get(2));
        assertEquals(0, clustered.pendingCount());
    }

    /**
     * The housekeeping thread expires a request while its packet thread is deciding to hold the reply
     * (issue 12): the reply must still reach the requester, either through Openfire (not held) or from the
     * tracker. In 1.2.0 the expiry could read "no held reply" just before the packet thread held it: the
     * interceptor then stopped the reply and nobody delivered it.
     */
    @Test
    public void aReplyHeldWhileItsRequestExpiresIsStillDelivered() throws Exception {
        final ChangeTracker[] clustered = new ChangeTracker[1];
        final RoomDirectory expiringMidway = new RoomDirectory() {
            @Override
            public RoomState find(JID jid) {
                return rooms.get(jid);
            }

            /** Asked between the packet thread's look at the request and its holding the reply. */
            @Override
            public boolean readsLiveRooms() {
                final Thread housekeeping = new Thread(() -> clustered[0].expireLost());
                housekeeping.start();
                try {
                    housekeeping.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
        };
        clustered[0] = Pipeline.tracker(expiringMidway, sink, jid -> enabled, clock::get,
            new TrackerLimits(100, Duration.ofSeconds(60)));
        final IQ iq = admin("m1", item("member", "juliet@localhost"));
        clustered[0].requestReceived(iq, request(iq));
        room.set("juliet@localhost", member);
        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        final IQ reply = result(iq);

        final boolean held = clustered[0].replyRouted(reply);

        assertTrue("held by the tracker, or left to Openfire: either way it is delivered",
            !held || sink.stanzas.contains(reply));
        assertEquals(0, clustered[0].pendingCount());
    }

    @Test
    public void heldReplyOfALostRequestIsDeliveredWhenItExpires() {
        final ChangeTracker clustered = clusteredTracker();
        final IQ iq = admin("m1", item("member", "juliet@localhost"));
        clustered.requestReceived(iq, request(iq));
        assertTrue(clustered.replyRouted(result(iq)));
        room.set("juliet@localhost", member);
        assertEquals(0, clustered.expireLost());
        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        assertEquals(1, clustered.expireLost());
        assertEquals("notifications, then the reply", 3, sink.stanzas.size());
        assertTrue(sink.stanzas.get(2) instanceof IQ);
        assertEquals(0, clustered.pendingCount());
        assertEquals(0, clustered.heldCount());
    }

    @Test
    public void unloadingDeliversHeldRepliesAndDropsTheRest() {
        final ChangeTracker clustered = clusteredTracker();
        final IQ held = admin("held", item("member", "juliet@localhost"));
        clustered.requestReceived(held, request(held));
        assertTrue(clustered.replyRouted(result(held)));
        final IQ waiting = admin("waiting", item("member", "rosaline@localhost"));
        clustered.requestReceived(waiting, request(waiting));
        clustered.clear();
        assertEquals(1, sink.stanzas.size());
        assertEquals("held", sink.stanzas.get(0).getID());
        assertEquals(0, clustered.pendingCount());
    }

    @Test
    public void unbanAndRevokeInAMembersOnlyRoomCarryTheirStatusCodes() {
        room.nonAnonymous(false).membersOnly(true).set("t@localhost", outcast).set("m@localhost", member);
        final IQ iq = admin("x", item("none", "t@localhost") + item("none", "m@localhost"));
        process(iq, () -> room.set("t@localhost", none).set("m@localhost", none), true);
        assertEquals(2, sink.size());
        final Element first = sink.delivered.get(0).stanza().getChildElement("x", "http://jabber.org/protocol/muc#user");
        final Element second = sink.delivered.get(1).stanza().getChildElement("x", "http://jabber.org/protocol/muc#user");
        assertEquals("321", first.element("status").attributeValue("code"));
        assertEquals("321", second.element("status").attributeValue("code"));
    }

    // --- issue 11: a request Openfire refuses costs nothing; a followed request is bounded ----------------

    private static IQ adminFrom(String from, String id, int items) {
        final StringBuilder xml = new StringBuilder();
        for (int i = 0; i < items; i++) {
            xml.append(item("member", "u" + i + "@localhost"));
        }
        return Stanzas.iq("<iq type='set' id='" + id + "' from='" + from + "' to='" + ROOM + "'>"
            + "<query xmlns='http://jabber.org/protocol/muc#admin'>" + xml + "</query></iq>");
    }

    /**
     * An outsider, a participant and a member each send 20,000 items: Openfire will refuse them all, and the
     * plugin reads nothing of the room's size (no list, no occupant, no state), holds nothing, follows
     * nothing. (1.1.0 followed each of them, reading the whole room first.)
     */
    @Test
    public void requestsOpenfireRefusesReadNothingOfTheRoom() {
        room.set("member@localhost", member).join("member@localhost/pad", false);
        for (String sender : List.of("outsider@elsewhere.example/x", "participant@localhost/phone",
            "member@localhost/pad")) {
            final IQ iq = adminFrom(sender, "flood", 20_000);
            final AffiliationRequest request = request(iq);
            final int reads = room.roomSizedReads.get();
            assertFalse(sender, tracker.mayFollow(room.jid(), iq.getFrom(), request.kind()));
            assertFalse(sender, tracker.requestReceived(iq, request));
            assertEquals(sender, reads, room.roomSizedReads.get());
            assertEquals(0, tracker.pendingCount());
            assertEquals(0, tracker.heldCount());
        }
        // The owner's configuration form is the owner's alone; an admin's is refused too.
        room.set("admin@localhost", admin);
        final IQ form = Stanzas.iq("<iq type='set' id='f' from='admin@localhost/x' to='" + ROOM + "'>"
            + "<query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'>"
            + "<field var='muc#roomconfig_roomowners'><value>admin@localhost</value></field></x></query></iq>");
        assertFalse(tracker.requestReceived(form, request(form)));
        assertTrue(tracker.mayFollow(room.jid(), new JID(OWNER), request(form).kind()));
        assertEquals(0, sink.size());
    }

    /** A sysadmin of the service counts as an owner, as in Openfire. */
    @Test
    public void sysadminsRequestsAreFollowed() {
        room.sysadmin("root@localhost", true);
        final IQ iq = adminFrom("root@localhost/console", "s1", 1);
        assertTrue(tracker.requestReceived(iq, request(iq)));
        room.set("u0@localhost", member);
        tracker.replyRouted(result(iq));
        tracker.requestProcessed(iq);
        assertEquals(2, sink.size());
    }

    /**
     * At most maxTargets JIDs of one request are followed (held, announced first, with the request's reason);
     * the rest still reach the room's history when the request settles, and are announced after them.
     */
    @Test
    public void aRequestIsFollowedForAtMostItsBoundOfJids() {
        tracker = Pipeline.tracker(jid -> rooms.get(jid), sink, jid -> enabled, clock::get,
            new TrackerLimits(100, Duration.ofSeconds(60), 10));
        final IQ iq = adminFrom(OWNER, "many", 25);
        final AffiliationRequest request = AffiliationRequestParser.fromIq(iq, tracker.maxTargets());
        assertEquals(10, request.targets().size());
        assertTrue(tracker.requestReceived(iq, request));
        for (int i = 0; i < 25; i++) {
            room.set("u" + i + "@localhost", member);
        }
        tracker.replyRouted(result(iq));
        tracker.requestProcessed(iq);
        assertEquals("25 JIDs, told to both occupants", 50, sink.size());
        final List<String> told = sink.summary();
        for (int i = 1; i < 10; i++) {
            assertTrue("the followed JIDs first, in request order: " + told,
                told.indexOf("owner@localhost/desk:u" + (i - 1) + "@localhost=member")
                    < told.indexOf("owner@localhost/desk:u" + i + "@localhost=member"));
        }
        assertTrue(told.toString(), told.indexOf("owner@localhost/desk:u9@localhost=member")
            < told.indexOf("owner@localhost/desk:u10@localhost=member"));
    }
}
