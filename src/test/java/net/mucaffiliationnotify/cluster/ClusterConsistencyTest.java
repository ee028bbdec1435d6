package net.mucaffiliationnotify.cluster;

import static net.mucaffiliationnotify.cluster.SimulatedNode.adminItems;
import static net.mucaffiliationnotify.cluster.SimulatedNode.adminsList;
import static net.mucaffiliationnotify.cluster.SimulatedNode.roomKey;
import static net.mucaffiliationnotify.cluster.Verona.COUNCIL_MODERATORS;
import static net.mucaffiliationnotify.cluster.Verona.ESCALUS;
import static net.mucaffiliationnotify.cluster.Verona.ROMEO;
import static net.mucaffiliationnotify.cluster.Verona.adminSet;
import static net.mucaffiliationnotify.cluster.Verona.adminsForm;
import static net.mucaffiliationnotify.cluster.Verona.item;
import static net.mucaffiliationnotify.settings.Setting.NOTIFICATIONS;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.xmpp.packet.IQ;

import net.mucaffiliationnotify.settings.EffectiveSetting;
import net.mucaffiliationnotify.settings.JdbcRoomSettingsStore;
import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.settings.RoomKey;
import net.mucaffiliationnotify.settings.Setting;
import net.mucaffiliationnotify.settings.Source;

/**
 * Interleavings of two nodes that once broke clustering, each driven deterministically with latches and
 * each stating the behaviour the spec requires:
 *
 * <ul>
 * <li>Tracker: requests on one room processed on two nodes must share one ledger ({@code LedgerStore}
 * clustered), or a change is announced twice or a demotion missed; and the room a request is settled
 * against must be read inside the ledger's critical section, or a stale copy is announced after a newer
 * change.</li>
 * <li>Settings: a value read from the database on a cache miss must be cached under the cache's
 * cluster-wide lock, or a change made on another node in between is overwritten (stale value served
 * everywhere), and a room forgotten in between comes back.</li>
 * </ul>
 */
public class ClusterConsistencyTest {
    private static final RoomKey COUNCIL = roomKey("council");
    private static final RoomKey GARDEN = roomKey("garden");

    private ClusterHarness harness;
    private SimulatedNode a;
    private SimulatedNode b;
    private ExecutorService threads;

    @Before
    public void setUp() throws Exception {
        harness = new ClusterHarness();
        final List<SimulatedNode> nodes = harness.startNodes("A", "B", "C");
        a = nodes.get(0);
        b = nodes.get(1);
        harness.putRoom(a, Verona.council());
        Verona.connectOutsiders(harness);
        threads = Executors.newFixedThreadPool(2);
    }

    @After
    public void tearDown() throws Exception {
        if (threads != null) {
            threads.shutdownNow();
        }
        if (harness != null) {
            harness.close();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("the other node never got there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void awaitAtMost(CountDownLatch latch, int seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SimulatedNode.Hooks onReceived(Runnable action) {
        return new SimulatedNode.Hooks() {
            @Override
            void received() {
                action.run();
            }
        };
    }

    /** No session got the same notification twice. */
    private void assertNoSessionNotifiedTwice() {
        for (String session : COUNCIL_MODERATORS) {
            final List<String> got = harness.notificationsTo(session);
            assertEquals(session + " got " + got, new LinkedHashSet<>(got).size(), got.size());
        }
    }

    /**
     * Two admins grant the same membership at the same time, one connected to A, one to B: both requests are
     * noted before either takes the room lock. The change happened once and must be announced once (as the
     * single-node tracker does: ChangeTrackerRaceTest.sameGrantRacedTwiceIsAnnouncedOnce).
     * Now: announced by A and again by B (each node's ledger saw "none" at capture).
     */
    @Test
    public void theSameGrantSentToTwoNodesAtOnceIsAnnouncedOnce() throws Exception {
        final IQ onA = adminSet(ROMEO, "council", "same-a", item("member", "rosaline@localhost"));
        final IQ onB = adminSet(ESCALUS, "council", "same-b", item("member", "rosaline@localhost"));
        final CountDownLatch bothNoted = new CountDownLatch(2);
        final CountDownLatch aDone = new CountDownLatch(1);
        final Future<?> fa = threads.submit(() -> {
            a.clientSendsIq(onA, adminItems(onA), onReceived(() -> {
                bothNoted.countDown();
                await(bothNoted);
            }));
            aDone.countDown();
        });
        final Future<?> fb = threads.submit(() -> b.clientSendsIq(onB, adminItems(onB), onReceived(() -> {
            bothNoted.countDown();
            await(bothNoted);
            await(aDone);
        })));
        fa.get(30, TimeUnit.SECONDS);
        fb.get(30, TimeUnit.SECONDS);
        harness.awaitRemoteDeliveries();

        for (String session : COUNCIL_MODERATORS) {
            assertEquals(session + " in " + harness.allReceived(), List.of("notify rosaline@localhost=member"),
                harness.notificationsTo(session));
        }
    }

    /**
     * A makes Rosaline a member; right after A released the room lock and before A's request has ended, B
     * makes her an admin. Each change may be announced, or the first coalesced into the second, but nothing
     * twice. Now: A, settling after B's sync, announces "admin" as its own change, and B announces it too.
     */
    @Test
    public void twoChangesOfOneJidOnTwoNodesAreNeverAnnouncedTwice() throws Exception {
        final IQ onA = adminSet(ROMEO, "council", "seq-a", item("member", "rosaline@localhost"));
        final IQ onB = adminSet(ESCALUS, "council", "seq-b", item("admin", "rosaline@localhost"));
        final CountDownLatch aUnlocked = new CountDownLatch(1);
        final CountDownLatch bDone = new CountDownLatch(1);
        final Future<?> fa = threads.submit(() -> a.clientSendsIq(onA, adminItems(onA), new SimulatedNode.Hooks() {
            @Override
            void unlocked() {
                aUnlocked.countDown();
                await(bDone);
            }
        }));
        final Future<?> fb = threads.submit(() -> {
            b.clientSendsIq(onB, adminItems(onB), onReceived(() -> await(aUnlocked)));
            bDone.countDown();
        });
        fa.get(30, TimeUnit.SECONDS);
        fb.get(30, TimeUnit.SECONDS);
        harness.awaitRemoteDeliveries();

        assertEquals("admin", harness.room(a, "council").affiliation("rosaline@localhost"));
        assertNoSessionNotifiedTwice();
        for (String session : COUNCIL_MODERATORS) {
            assertTrue(session, harness.notificationsTo(session).contains("notify rosaline@localhost=admin"));
        }
    }

    /**
     * The owner's configuration form (on A, admins list without Rosaline) is noted; then B makes Rosaline an
     * admin and announces it; then A applies the form, which demotes her to member. The demotion must be
     * announced (single node: ChangeTrackerRaceTest.formCapturedBeforeAConcurrentGrantStillAnnouncesTheDemotionItCauses).
     * Now: A's ledger never heard of Rosaline, so nothing is announced and occupants believe she is an admin.
     */
    @Test
    public void aFormDemotingAnAdminGrantedOnAnotherNodeAnnouncesTheDemotion() throws Exception {
        final IQ form = adminsForm(ROMEO, "council", "form-a", "mercutio@localhost", "benvolio@localhost",
            "paris@localhost");
        final IQ grant = adminSet(ESCALUS, "council", "grant-b", item("admin", "rosaline@localhost"));
        final CountDownLatch formNoted = new CountDownLatch(1);
        final CountDownLatch bDone = new CountDownLatch(1);
        final Future<?> fa = threads.submit(() -> a.clientSendsIq(form,
            adminsList("mercutio@localhost", "benvolio@localhost", "paris@localhost"), onReceived(() -> {
                formNoted.countDown();
                await(bDone);
            })));
        final Future<?> fb = threads.submit(() -> {
            b.clientSendsIq(grant, adminItems(grant), onReceived(() -> await(formNoted)));
            bDone.countDown();
        });
        fa.get(30, TimeUnit.SECONDS);
        fb.get(30, TimeUnit.SECONDS);
        harness.awaitRemoteDeliveries();

        assertEquals("member", harness.room(a, "council").affiliation("rosaline@localhost"));
        for (String session : COUNCIL_MODERATORS) {
            ClusterHarness.assertSameMembers(List.of("notify rosaline@localhost=admin", "notify rosaline@localhost=member"),
                harness.notificationsTo(session));
        }
        final List<String> romeo = harness.receivedBy(ROMEO);
        assertTrue(romeo.toString(), romeo.indexOf("notify rosaline@localhost=member") < romeo.indexOf("iq form-a result"));
    }

    /**
     * B misses the council in the cache and reads the database (off); before B caches what it read, A switches
     * the room on (database, then cache). The cluster must serve "on". Now: B's late put overwrites A's value,
     * and every node serves "off" until the entry expires (6 hours by default) although the database says on.
     */
    @Test
    public void aValueReadJustBeforeAChangeOnAnotherNodeDoesNotOverwriteIt() throws Exception {
        // Stored before this cluster started: no node has it cached.
        new JdbcRoomSettingsStore(harness.database.connections(), Setting.NOTIFICATIONS).save(COUNCIL, Mode.OFF);
        raceWithARead(COUNCIL, () -> a.settings.of(NOTIFICATIONS).setRoomMode(COUNCIL, Mode.ON));

        for (SimulatedNode node : harness.runningNodes()) {
            assertEquals(node.toString(), new EffectiveSetting(true, Source.ROOM), node.settings.of(NOTIFICATIONS).effective(COUNCIL));
        }
    }

    /** A write of A's, started while B is between its database read and its caching of what it read. */
    @FunctionalInterface
    private interface Write {
        void run() throws Exception;
    }

    /**
     * B reads the room's value (a cache miss) and stops after its database read; A's write starts; B goes on
     * once A's write is over, or after 2 s if A's write waits for B (a fixed implementation may serialise them).
     */
    private void raceWithARead(RoomKey key, Write write) throws Exception {
        final CountDownLatch bRead = new CountDownLatch(1);
        final CountDownLatch aWrote = new CountDownLatch(1);
        b.store.afterLoad = k -> {
            bRead.countDown();
            awaitAtMost(aWrote, 2);
        };
        final Future<Mode> read = threads.submit(() -> b.settings.of(NOTIFICATIONS).roomMode(key));
        await(bRead);
        final Future<?> written = threads.submit(() -> {
            write.run();
            aWrote.countDown();
            return null;
        });
        read.get(30, TimeUnit.SECONDS);
        written.get(30, TimeUnit.SECONDS);
        b.store.afterLoad = k -> { };
    }

    /**
     * B misses the garden in the cache and reads the database (off); before B caches it, A forgets the room (it
     * was destroyed). The room must stay forgotten. Now: B's late put brings "off" back, for the destroyed room
     * and for any room created later under its name.
     */
    @Test
    public void aRoomForgottenWhileAnotherNodeReadsItStaysForgotten() throws Exception {
        new JdbcRoomSettingsStore(harness.database.connections(), Setting.NOTIFICATIONS).save(GARDEN, Mode.OFF);
        raceWithARead(GARDEN, () -> a.settings.forgetRoom(GARDEN));

        for (SimulatedNode node : harness.runningNodes()) {
            assertEquals(node.toString(), new EffectiveSetting(true, Source.GLOBAL), node.settings.of(NOTIFICATIONS).effective(GARDEN));
        }
    }

    /**
     * Two requests on one node (A) racing on one JID: the first (member) has synced and, settling, has read
     * its copy of the room; before it compares that copy with the ledger, the second (admin) is applied,
     * synced and announced. The first must not then announce its stale copy: the last word occupants get
     * must be the room's truth (admin). Now: "member" is announced after "admin", because in a cluster the
     * copy is read before the ledger's critical section (a live room on a single node cannot be stale).
     */
    @Test
    public void aStaleCopyOfTheRoomIsNeverAnnouncedAfterANewerChange() throws Exception {
        final String capulet = "capulet@localhost/hall";
        harness.connect(a, capulet);
        final IQ first = adminSet(ROMEO, "council", "first", item("member", "rosaline@localhost"));
        final IQ second = adminSet(capulet, "council", "second", item("admin", "rosaline@localhost"));
        final CountDownLatch firstReadItsCopy = new CountDownLatch(1);
        final CountDownLatch secondDone = new CountDownLatch(1);
        final Future<?> f1 = threads.submit(() -> a.clientSendsIq(first, adminItems(first), new SimulatedNode.Hooks() {
            @Override
            void unlocked() {
                a.afterRoomRead.put(Thread.currentThread(), () -> {
                    firstReadItsCopy.countDown();
                    // Bounded: a fixed tracker may read the room inside its critical section, which the
                    // second request then waits for.
                    awaitAtMost(secondDone, 2);
                });
            }
        }));
        final Future<?> f2 = threads.submit(() -> {
            a.clientSendsIq(second, adminItems(second), onReceived(() -> await(firstReadItsCopy)));
            secondDone.countDown();
        });
        f1.get(30, TimeUnit.SECONDS);
        f2.get(30, TimeUnit.SECONDS);
        harness.awaitRemoteDeliveries();

        assertEquals("admin", harness.room(a, "council").affiliation("rosaline@localhost"));
        // ROMEO is connected to A, which announced both: what ROMEO got is in announcement order.
        final List<String> romeo = harness.notificationsTo(ROMEO);
        assertEquals(romeo.toString(), "notify rosaline@localhost=admin", romeo.get(romeo.size() - 1));
        assertNoSessionNotifiedTwice();
    }
    /**
     * On one node (A), a request is noted from a copy of the room read before the ledger's critical section:
     * it reads the room (Rosaline: none), then, before it enters her in the ledger, another request makes her a
     * member and is announced and forgotten. The first (the same grant, a no-op now) must announce nothing.
     * Now: its ledger entry starts from its stale copy ("none") and "member" is announced a second time (a live
     * room on a single node would have been read inside the critical section).
     */
    @Test
    public void aRequestNotedFromAStaleCopyDoesNotAnnounceAgain() throws Exception {
        final String capulet = "capulet@localhost/hall";
        harness.connect(a, capulet);
        final IQ late = adminSet(ROMEO, "council", "late", item("member", "rosaline@localhost"));
        final IQ early = adminSet(capulet, "council", "early", item("member", "rosaline@localhost"));
        final CountDownLatch lateReadItsCopy = new CountDownLatch(1);
        final CountDownLatch earlyDone = new CountDownLatch(1);
        final Future<?> f1 = threads.submit(() -> {
            a.afterRoomRead.put(Thread.currentThread(), () -> {
                lateReadItsCopy.countDown();
                await(earlyDone);
            });
            a.clientSendsIq(late, adminItems(late));
        });
        final Future<?> f2 = threads.submit(() -> {
            await(lateReadItsCopy);
            a.clientSendsIq(early, adminItems(early));
            earlyDone.countDown();
        });
        f1.get(30, TimeUnit.SECONDS);
        f2.get(30, TimeUnit.SECONDS);
        harness.awaitRemoteDeliveries();

        for (String session : COUNCIL_MODERATORS) {
            assertEquals(session + " in " + harness.allReceived(), List.of("notify rosaline@localhost=member"),
                harness.notificationsTo(session));
        }
    }
}
