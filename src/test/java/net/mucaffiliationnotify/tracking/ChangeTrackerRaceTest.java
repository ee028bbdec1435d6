package net.mucaffiliationnotify.tracking;

import static net.mucaffiliationnotify.rules.MucAffiliation.admin;
import static net.mucaffiliationnotify.rules.MucAffiliation.member;
import static net.mucaffiliationnotify.rules.MucAffiliation.owner;
import static net.mucaffiliationnotify.tracking.Stanzas.admin;
import static net.mucaffiliationnotify.tracking.Stanzas.item;
import static net.mucaffiliationnotify.tracking.Stanzas.request;
import static net.mucaffiliationnotify.tracking.Stanzas.result;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * Requests racing on one room, as Openfire runs them: each request is captured on its own thread before
 * the room lock is taken; the change and the reply happen under the lock. Every change must be announced
 * exactly once, in the room's order, and nothing that did not change may be announced.
 */
public class ChangeTrackerRaceTest {
    private static final String ROOM = Stanzas.ROOM;

    private final RecordingSink sink = new RecordingSink();

    private ChangeTracker trackerFor(Map<JID, FakeRoom> rooms) {
        return Pipeline.tracker(rooms::get, sink, jid -> true, System::nanoTime,
            new TrackerLimits(10_000, Duration.ofSeconds(60)));
    }

    private static FakeRoom semiAnonymousRoom(String jid) {
        return new FakeRoom(jid).set("owner@localhost", owner).join("owner@localhost/desk", true);
    }

    /** Runs one request on its own thread: captured, then waits for {@code go}, then applied under the lock. */
    private static Thread runRequest(ChangeTracker tracker, ReentrantLock roomLock, IQ iq, CountDownLatch captured,
                                  CountDownLatch go, Runnable apply) {
        final Thread thread = new Thread(() -> {
            tracker.requestReceived(iq, request(iq));
            captured.countDown();
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            roomLock.lock();
            try {
                apply.run();
                tracker.replyRouted(result(iq));
            } finally {
                roomLock.unlock();
            }
            tracker.requestProcessed(iq);
        });
        thread.start();
        return thread;
    }

    @Test
    public void sameGrantRacedTwiceIsAnnouncedOnce() throws Exception {
        final FakeRoom room = semiAnonymousRoom(ROOM);
        final ChangeTracker tracker = trackerFor(Map.of(room.jid(), room));
        final ReentrantLock lock = new ReentrantLock();
        final CountDownLatch captured = new CountDownLatch(2);
        final CountDownLatch goFirst = new CountDownLatch(1);
        final CountDownLatch goSecond = new CountDownLatch(1);

        final Thread a = runRequest(tracker, lock, admin("a", item("member", "juliet@localhost")), captured, goFirst,
            () -> room.set("juliet@localhost", member));
        final Thread b = runRequest(tracker, lock, admin("b", item("member", "juliet@localhost")), captured, goSecond,
            () -> room.set("juliet@localhost", member));
        assertTrueWithin(captured);
        goFirst.countDown();
        a.join(10_000);
        goSecond.countDown();
        b.join(10_000);

        assertEquals(List.of("owner@localhost/desk:juliet@localhost=member"), sink.summary());
        assertEquals(0, tracker.pendingCount());
        assertEquals(0, tracker.heldCount());
    }

    @Test
    public void twoChangesOfOneJidRacedAreBothAnnouncedInLockOrder() throws Exception {
        final FakeRoom room = semiAnonymousRoom(ROOM);
        final ChangeTracker tracker = trackerFor(Map.of(room.jid(), room));
        final ReentrantLock lock = new ReentrantLock();
        final CountDownLatch captured = new CountDownLatch(2);
        final CountDownLatch goFirst = new CountDownLatch(1);
        final CountDownLatch goSecond = new CountDownLatch(1);

        // b was captured first but a takes the lock first.
        final Thread b = runRequest(tracker, lock, admin("b", item("admin", "juliet@localhost")), captured, goSecond,
            () -> room.set("juliet@localhost", admin));
        final Thread a = runRequest(tracker, lock, admin("a", item("member", "juliet@localhost")), captured, goFirst,
            () -> room.set("juliet@localhost", member));
        assertTrueWithin(captured);
        goFirst.countDown();
        a.join(10_000);
        goSecond.countDown();
        b.join(10_000);

        assertEquals(List.of("owner@localhost/desk:juliet@localhost=member", "owner@localhost/desk:juliet@localhost=admin"),
            sink.summary());
    }

    @Test
    public void formCapturedBeforeAConcurrentGrantStillAnnouncesTheDemotionItCauses() throws Exception {
        final FakeRoom room = semiAnonymousRoom(ROOM);
        final ChangeTracker tracker = trackerFor(Map.of(room.jid(), room));
        final ReentrantLock lock = new ReentrantLock();
        final CountDownLatch captured = new CountDownLatch(2);
        final CountDownLatch goGrant = new CountDownLatch(1);
        final CountDownLatch goForm = new CountDownLatch(1);

        final IQ form = Stanzas.iq("<iq type='set' id='cfg' from='owner@localhost/desk' to='" + ROOM + "'>"
            + "<query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'>"
            + "<field var='muc#roomconfig_roomadmins'/></x></query></iq>");
        // The form (an empty admins list) is captured while K is not an admin yet...
        final Thread formThread = runRequest(tracker, lock, form, captured, goForm, () -> {
            for (JID jid : new ArrayList<>(room.admins())) {
                room.set(jid.toString(), member); // Openfire demotes admins left out of the list to member
            }
        });
        final Thread grant = runRequest(tracker, lock, admin("grant", item("admin", "k@localhost")), captured, goGrant,
            () -> room.set("k@localhost", admin));
        assertTrueWithin(captured);
        // ...then K is made admin, then the form demotes K.
        goGrant.countDown();
        grant.join(10_000);
        goForm.countDown();
        formThread.join(10_000);

        assertEquals(List.of("owner@localhost/desk:k@localhost=admin", "owner@localhost/desk:k@localhost=member"),
            sink.summary());
        assertEquals(0, tracker.heldCount());
    }

    /**
     * Many threads, many rooms, random changes and failures, replies routed under the room lock: the
     * announcements of each room are exactly its real changes, in order.
     */
    @Test
    public void everyChangeIsAnnouncedOnceInPerRoomOrderUnderLoad() throws Exception {
        final int threads = 8;
        final int requestsPerThread = 1_500;
        final String[] jids = {"a@localhost", "b@localhost", "c@localhost", "d@localhost", "e@localhost"};
        final MucAffiliation[] values = {MucAffiliation.admin, member, MucAffiliation.outcast, MucAffiliation.none};

        final Map<JID, FakeRoom> rooms = new HashMap<>();
        final Map<JID, ReentrantLock> locks = new HashMap<>();
        final Map<JID, List<String>> truth = new HashMap<>();
        for (int r = 0; r < 4; r++) {
            final FakeRoom room = semiAnonymousRoom("room" + r + "@conference.localhost");
            rooms.put(room.jid(), room);
            locks.put(room.jid(), new ReentrantLock());
            truth.put(room.jid(), new ArrayList<>());
        }
        final List<JID> roomJids = new ArrayList<>(rooms.keySet());
        final ChangeTracker tracker = trackerFor(rooms);

        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        final CountDownLatch start = new CountDownLatch(1);
        final List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final int seed = t;
            futures.add(pool.submit(() -> {
                final Random random = new Random(seed);
                start.await();
                for (int i = 0; i < requestsPerThread; i++) {
                    final JID roomJid = roomJids.get(random.nextInt(roomJids.size()));
                    final FakeRoom room = rooms.get(roomJid);
                    final String target = jids[random.nextInt(jids.length)];
                    final MucAffiliation value = values[random.nextInt(values.length)];
                    final boolean fails = random.nextInt(5) == 0;
                    final IQ iq = Stanzas.iq("<iq type='set' id='t" + seed + "-" + i + "' from='owner@localhost/desk' to='"
                        + roomJid + "'><query xmlns='http://jabber.org/protocol/muc#admin'>" + item(value.name(), target)
                        + "</query></iq>");
                    tracker.requestReceived(iq, request(iq));
                    final ReentrantLock lock = locks.get(roomJid);
                    lock.lock();
                    try {
                        if (!fails) {
                            final MucAffiliation before = room.affiliationOf(new JID(target));
                            room.set(target, value);
                            if (before != value) {
                                truth.get(roomJid).add("owner@localhost/desk:" + target + "=" + value);
                            }
                        }
                        tracker.replyRouted(fails ? Stanzas.error(iq) : result(iq));
                    } finally {
                        lock.unlock();
                    }
                    tracker.requestProcessed(iq);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        final Map<JID, List<String>> announced = new HashMap<>();
        roomJids.forEach(jid -> announced.put(jid, new ArrayList<>()));
        synchronized (sink) {
            sink.delivered.forEach(n -> announced.get(n.stanza().getFrom()).add(summary(n)));
        }
        int changes = 0;
        for (JID roomJid : roomJids) {
            assertEquals("announcements of " + roomJid, truth.get(roomJid), announced.get(roomJid));
            changes += truth.get(roomJid).size();
        }
        assertFalse("the load produced changes", changes == 0);
        assertEquals(0, tracker.pendingCount());
        assertEquals(0, tracker.heldCount());
        System.out.println("ChangeTrackerRaceTest: " + threads * requestsPerThread + " requests, " + changes
            + " changes, each announced once in per-room order");
    }

    private static String summary(net.mucaffiliationnotify.rules.Notification n) {
        final org.dom4j.Element item = n.stanza().getChildElement("x", "http://jabber.org/protocol/muc#user").element("item");
        return n.stanza().getTo() + ":" + item.attributeValue("jid") + "=" + item.attributeValue("affiliation");
    }

    private static void assertTrueWithin(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("threads did not reach the expected point");
        }
    }
}
