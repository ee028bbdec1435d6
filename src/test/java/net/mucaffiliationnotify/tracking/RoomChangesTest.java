package net.mucaffiliationnotify.tracking;

import static net.mucaffiliationnotify.rules.MucAffiliation.member;
import static net.mucaffiliationnotify.rules.MucAffiliation.none;
import static net.mucaffiliationnotify.rules.MucAffiliation.owner;
import static net.mucaffiliationnotify.tracking.Stanzas.OWNER;
import static net.mucaffiliationnotify.tracking.Stanzas.ROOM;
import static net.mucaffiliationnotify.tracking.Stanzas.item;
import static net.mucaffiliationnotify.tracking.Stanzas.request;
import static net.mucaffiliationnotify.tracking.Stanzas.result;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.rules.Notification;

/**
 * One pipeline per room: every look at a room steps its one history, whatever XEP-0463's switch, and the
 * room's announcements leave in the history's order.
 */
public class RoomChangesTest {
    private final Map<JID, FakeRoom> rooms = new HashMap<>();
    private final RecordingSink sink = new RecordingSink();
    private final FakeRoom room = new FakeRoom(ROOM).nonAnonymous(true)
        .set("owner@localhost", owner)
        .join(OWNER, true, "Romeo");

    {
        rooms.put(room.jid(), room);
    }

    private static boolean versioned(Packet stanza) {
        return stanza.getElement().element("x").element("mav") != null;
    }

    private void settle(ChangeTracker tracker, IQ iq, Runnable apply) {
        assertTrue(tracker.requestReceived(iq, request(iq)));
        apply.run();
        tracker.replyRouted(result(iq));
        tracker.requestProcessed(iq);
    }

    /**
     * Issue 15: with XEP-0463 off, 1.3.0 never looked at a room outside requests, so a change made on the admin
     * console or through the REST API was never announced. The history is now always kept.
     */
    @Test
    public void changesMadeOutsideXmppAreAnnouncedWithVersioningOff() {
        final Pipeline pipeline = Pipeline.of(rooms::get, sink).build();
        assertFalse(pipeline.changes.isVersioned(room.jid()));
        assertEquals("a first look only starts the history", 0, pipeline.changes.sweep(List.of(room.jid())));
        room.set("tybalt@localhost", member);
        assertEquals(1, pipeline.changes.sweep(List.of(room.jid())));
        assertEquals(List.of(OWNER + ":tybalt@localhost=member"), sink.summary());
        assertFalse("no versions while XEP-0463 is off", versioned(sink.stanzas.get(0)));
        assertEquals("announced once", 0, pipeline.changes.sweep(List.of(room.jid())));
    }

    /**
     * 1.3.0 announced a group listed in a room as the group JID with XEP-0463 off (its ledger held the item's
     * JID) and as its members with it on (the history holds the lists as XEP-0045 queries return them). Both
     * now announce the members, which is what clients keep in their member lists.
     */
    @Test
    public void groupMembersAreAnnouncedTheSameWayWithVersioningOnOrOff() {
        final List<List<String>> told = new ArrayList<>();
        for (boolean on : new boolean[] {false, true}) {
            final Map<JID, FakeRoom> own = new HashMap<>();
            final FakeRoom groupRoom = new FakeRoom(ROOM).nonAnonymous(true).set("owner@localhost", owner)
                .join(OWNER, true, "Romeo");
            own.put(groupRoom.jid(), groupRoom);
            final RecordingSink out = new RecordingSink();
            final Pipeline pipeline = Pipeline.of(own::get, out).versionedOnly(jid -> on).build();
            final String group = "capulets@localhost";
            final IQ iq = Stanzas.admin("g" + on, item("member", group));
            settle(pipeline.tracker, iq,
                () -> groupRoom.group(group, member, "juliet@localhost", "tybalt@localhost"));
            told.add(out.summary());
        }
        assertEquals(List.of(OWNER + ":juliet@localhost=member", OWNER + ":tybalt@localhost=member"), told.get(0));
        assertEquals(told.get(0), told.get(1));
    }

    /**
     * Issue 12: 1.3.0 computed a room's steps under its lock but delivered them after releasing it, so a look
     * that stepped the history next could deliver first: occupants saw "X member, then X none" reversed. Now
     * a room's notifications are handed over before its lock is released.
     */
    @Test
    public void aRoomsAnnouncementsLeaveInTheOrderOfItsHistory() throws Exception {
        final ReentrantLock roomLock = new ReentrantLock();
        final CountDownLatch delivering = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> order = new ArrayList<>();
        final NotificationSink slowFirst = new NotificationSink() {
            private boolean first = true;

            @Override
            public void deliver(List<Notification> notifications) {
                final boolean wait;
                synchronized (this) {
                    wait = first;
                    first = false;
                }
                if (wait) {
                    delivering.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                synchronized (order) {
                    for (Notification n : notifications) {
                        final var x = n.stanza().getElement().element("x").element("item");
                        order.add(x.attributeValue("jid") + "=" + x.attributeValue("affiliation"));
                    }
                }
            }

            @Override
            public void deliverHeldReply(Packet reply) {
            }
        };
        final Pipeline pipeline = Pipeline.of(rooms::get, slowFirst).locks(jid -> roomLock).build();
        pipeline.changes.observe(room.jid(), null);

        final IQ iq = Stanzas.admin("a", item("member", "juliet@localhost"));
        final Thread requester = new Thread(() -> settle(pipeline.tracker, iq,
            () -> room.set("juliet@localhost", member)));
        requester.start();
        assertTrue(delivering.await(10, TimeUnit.SECONDS));
        // Juliet's membership is stepped and being delivered; the admin console now removes it again.
        room.set("juliet@localhost", none);
        final Thread sweep = new Thread(() -> pipeline.changes.observe(room.jid(), null));
        sweep.start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!roomLock.hasQueuedThread(sweep) && sweep.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertTrue("the sweep waits for the room's delivery in progress", roomLock.hasQueuedThread(sweep));
        release.countDown();
        requester.join(10_000);
        sweep.join(10_000);
        assertEquals(List.of("juliet@localhost=member", "juliet@localhost=none"), order);
    }

    /** A request dropped unanswered releases what it held: the room's next look announces its change. */
    @Test
    public void aDroppedRequestsChangeGoesToTheNextLook() {
        final java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
        final Pipeline pipeline = Pipeline.of(rooms::get, sink).clock(clock::get).build();
        final IQ iq = Stanzas.admin("d", item("member", "juliet@localhost"));
        assertTrue(pipeline.tracker.requestReceived(iq, request(iq)));
        room.set("juliet@localhost", member);
        assertEquals("held by the request in flight", 0, pipeline.changes.sweep(List.of(room.jid())));
        clock.addAndGet(java.time.Duration.ofMinutes(2).toNanos());
        assertEquals(1, pipeline.tracker.expireLost());
        assertEquals(0, pipeline.changes.heldCount());
        assertEquals(1, pipeline.changes.sweep(List.of(room.jid())));
        assertEquals(List.of(OWNER + ":juliet@localhost=member"), sink.summary());
        assertNull(sink.delivered.get(0).stanza().getElement().element("x").element("item").element("reason"));
    }

    // --- issue 15: the affected user (XEP-0045 status 101) ------------------------------------------------

    private static List<String> codes(Packet stanza) {
        final List<String> codes = new ArrayList<>();
        for (org.dom4j.Element status : stanza.getElement().element("x").elements("status")) {
            codes.add(status.attributeValue("code"));
        }
        return codes;
    }

    @Test
    public void aUserNotInTheRoomIsToldOfItsNewAffiliationOnceWithStatus101() {
        final Pipeline pipeline = Pipeline.of(rooms::get, sink)
            .tellsAffected(jid -> true, (jid, change) -> "You are now " + change.affiliation()).build();
        final IQ iq = Stanzas.admin("m", item("outcast", "tybalt@localhost"));
        settle(pipeline.tracker, iq, () -> room.set("tybalt@localhost", MucAffiliation.outcast));
        assertEquals(List.of(OWNER + ":tybalt@localhost=outcast"), sink.summary());
        assertEquals(1, sink.notices.size());
        final org.xmpp.packet.Message notice = sink.notices.get(0).stanza();
        assertEquals(new JID("tybalt@localhost"), notice.getTo());
        assertEquals(new JID(ROOM), notice.getFrom());
        assertEquals(org.xmpp.packet.Message.Type.normal, notice.getType());
        assertEquals(List.of("101", "301"), codes(notice));
        assertEquals("You are now outcast", notice.getBody());

        // The same from the admin console, found by the sweep: told as well.
        room.set("tybalt@localhost", none);
        assertEquals(1, pipeline.changes.sweep(List.of(room.jid())));
        assertEquals(2, sink.notices.size());
        assertEquals(List.of("101"), codes(sink.notices.get(1).stanza()));
    }

    @Test
    public void nobodyIsToldWhenTheSettingIsOffOrTheUserIsInTheRoom() {
        final boolean[] on = {false};
        final Pipeline pipeline = Pipeline.of(rooms::get, sink).tellsAffected(jid -> on[0], (jid, c) -> null).build();
        settle(pipeline.tracker, Stanzas.admin("a", item("member", "juliet@localhost")),
            () -> room.set("juliet@localhost", member));
        assertEquals("off: nobody", 0, sink.notices.size());

        on[0] = true;
        room.join("juliet@localhost/balcony", false, "Juliet");
        settle(pipeline.tracker, Stanzas.admin("b", item("admin", "juliet@localhost")),
            () -> room.set("juliet@localhost", MucAffiliation.admin));
        assertEquals("in the room: Openfire's presence tells her", 0, sink.notices.size());

        settle(pipeline.tracker, Stanzas.admin("c", item("admin", "juliet@localhost")), () -> { });
        assertEquals("a request that changes nothing tells nobody", 0, sink.notices.size());
    }

    @Test
    public void theMembersOfAGroupAreToldOneByOneNeverTheGroup() {
        final Pipeline pipeline = Pipeline.of(rooms::get, sink).tellsAffected(jid -> true, (jid, c) -> null).build();
        settle(pipeline.tracker, Stanzas.admin("g", item("member", "capulets@localhost")),
            () -> room.group("capulets@localhost", member, "juliet@localhost", "tybalt@localhost"));
        final List<JID> told = new ArrayList<>();
        sink.notices.forEach(n -> told.add(n.stanza().getTo()));
        assertEquals(List.of(new JID("juliet@localhost"), new JID("tybalt@localhost")), told);
    }
}
