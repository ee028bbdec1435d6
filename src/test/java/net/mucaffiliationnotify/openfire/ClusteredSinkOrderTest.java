package net.mucaffiliationnotify.openfire;

import static org.junit.Assert.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jivesoftware.openfire.PacketRouter;
import org.junit.After;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import net.mucaffiliationnotify.rules.AffiliationChange;
import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.rules.Notification;
import net.mucaffiliationnotify.statistics.LastAnnouncements;
import net.mucaffiliationnotify.statistics.PluginCounters;
import net.mucaffiliationnotify.tracking.Announcement;

/**
 * The clustered sink delivers a room's announcements to this node's sessions in the history's order, whatever
 * order they reach it in and on whichever threads: an announcement of this node's waits for an earlier one still
 * on its way from another node, and two threads releasing consecutive announcements never swap them.
 */
public class ClusteredSinkOrderTest {
    private static final JID ROOM = new JID("room@conference.localhost");
    private static final String OBSERVER = "observer@localhost/1";

    /** What the router delivered, by the target's item ("x=member" …), in order. */
    private final List<String> routed = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @After
    public void tearDown() {
        threads.shutdownNow();
    }

    private RoutingNotificationSink clusteredSink(PacketRouter router) {
        return new RoutingNotificationSink(router, new PluginCounters(Instant.EPOCH),
            new LastAnnouncements(new ConcurrentHashMap<>()), Clock.systemUTC(), () -> true, a -> { },
            jid -> true, System::nanoTime);
    }

    /** An announcement of one step, from position n and version vn to n+1 (unless given). */
    private static Announcement announcement(String since, String until, String jid, MucAffiliation affiliation) {
        final long from = Long.parseLong(since.substring(1));
        return announcement(from, since, from + 1, until, jid, affiliation);
    }

    private static Announcement announcement(long from, String since, long to, String until, String jid,
                                             MucAffiliation affiliation) {
        final Message message = new Message();
        message.setFrom(ROOM);
        message.setTo(OBSERVER);
        message.addChildElement("x", "http://jabber.org/protocol/muc#user").addElement("item")
            .addAttribute("jid", jid).addAttribute("affiliation", affiliation.name());
        return new Announcement(ROOM, from, since, to, until,
            List.of(new Notification(message, new AffiliationChange(new JID(jid), affiliation, null))));
    }

    private static String item(Packet packet) {
        final org.dom4j.Element item = packet.getElement().element("x").element("item");
        return item.attributeValue("jid") + "=" + item.attributeValue("affiliation");
    }

    /** A router that records what it routes, and runs a hook first. */
    private abstract class RecordingRouter implements PacketRouter {
        abstract void before(Packet packet) throws InterruptedException;

        @Override
        public void route(Packet packet) {
            try {
                before(packet);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            routed.add(item(packet));
        }

        @Override
        public void route(IQ packet) {
            route((Packet) packet);
        }

        @Override
        public void route(Message packet) {
            route((Packet) packet);
        }

        @Override
        public void route(Presence packet) {
            route((Packet) packet);
        }
    }

    /**
     * Node B announced v1..v2 under the room's lock and handed it to this node as a cluster task, which is still
     * in this node's executor queue when this node takes the lock and announces v2..v3: its own must wait for
     * B's, which is at most a moment away, instead of overtaking it.
     */
    @Test(timeout = 10_000)
    public void anOwnAnnouncementWaitsForTheEarlierOneStillOnItsWay() throws Exception {
        final RoutingNotificationSink sink = clusteredSink(new RecordingRouter() {
            @Override
            void before(Packet packet) {
            }
        });
        sink.announce(announcement("v0", "v1", "a@localhost", MucAffiliation.member));
        final Future<?> late = threads.submit(() -> {
            Thread.sleep(100);
            sink.receive(announcement("v1", "v2", "b@localhost", MucAffiliation.outcast));
            return null;
        });
        sink.announce(announcement("v2", "v3", "a@localhost", MucAffiliation.none));
        late.get(5, TimeUnit.SECONDS);
        sink.releaseOverdue();
        assertEquals(List.of("a@localhost=member", "b@localhost=outcast", "a@localhost=none"), routed);
        assertEquals(0, sink.waitingCount());
    }

    /**
     * Two executor threads each run one announcement's task, in chain order, one right after the other: the
     * second must not reach the session before the first, even when routing the first takes a while.
     */
    @Test(timeout = 10_000)
    public void twoThreadsReleasingConsecutiveAnnouncementsDeliverThemInOrder() throws Exception {
        final CountDownLatch firstRouting = new CountDownLatch(1);
        final CountDownLatch secondRouted = new CountDownLatch(1);
        final AtomicReference<Thread> second = new AtomicReference<>();
        final RoutingNotificationSink sink = clusteredSink(new RecordingRouter() {
            @Override
            void before(Packet packet) throws InterruptedException {
                if (item(packet).equals("b@localhost=outcast")) {
                    firstRouting.countDown();
                    // Slow routing (an interceptor, a busy connection): until the other thread has routed its
                    // announcement, or waits to.
                    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (secondRouted.getCount() > 0 && !waits(second.get()) && System.nanoTime() < deadline) {
                        Thread.sleep(1);
                    }
                } else if (item(packet).equals("c@localhost=admin")) {
                    secondRouted.countDown();
                }
            }
        });
        sink.announce(announcement("v0", "v1", "a@localhost", MucAffiliation.member));
        final Future<?> first = threads.submit(() ->
            sink.receive(announcement("v1", "v2", "b@localhost", MucAffiliation.outcast)));
        firstRouting.await(5, TimeUnit.SECONDS);
        final Future<?> then = threads.submit(() -> {
            second.set(Thread.currentThread());
            sink.receive(announcement("v2", "v3", "c@localhost", MucAffiliation.admin));
        });
        first.get(5, TimeUnit.SECONDS);
        then.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("a@localhost=member", "b@localhost=outcast", "c@localhost=admin"), routed);
    }

    /**
     * Versions come back when the lists do: g member (v0 to v1), none (back to v0), member again (v1). The third
     * arrives first from another node: it starts at v0, where this node stands, but at position 2, so it waits
     * for the second instead of taking the first one's place.
     */
    @Test(timeout = 10_000)
    public void aVersionThatCameBackIsToldApartByItsPosition() {
        final RoutingNotificationSink sink = clusteredSink(new RecordingRouter() {
            @Override
            void before(Packet packet) {
            }
        });
        sink.announce(announcement(0, "v0", 1, "v1", "g@localhost", MucAffiliation.member));
        sink.receive(announcement(2, "v0", 3, "v1", "g@localhost", MucAffiliation.member));
        assertEquals("the third waits", List.of("g@localhost=member"), routed);
        sink.receive(announcement(1, "v1", 2, "v0", "g@localhost", MucAffiliation.none));
        assertEquals(List.of("g@localhost=member", "g@localhost=none", "g@localhost=member"), routed);
        assertEquals(0, sink.waitingCount());
    }

    private static boolean waits(Thread thread) {
        if (thread == null) {
            return false;
        }
        final Thread.State state = thread.getState();
        return state == Thread.State.BLOCKED || state == Thread.State.WAITING;
    }
}
