package net.mucaffiliationnotify.cluster;

import static net.mucaffiliationnotify.cluster.SimulatedNode.adminItems;
import static net.mucaffiliationnotify.cluster.SimulatedNode.adminsList;
import static net.mucaffiliationnotify.cluster.Verona.BALTHASAR;
import static net.mucaffiliationnotify.cluster.Verona.COUNCIL_MODERATORS;
import static net.mucaffiliationnotify.cluster.Verona.COUNCIL_OTHERS;
import static net.mucaffiliationnotify.cluster.Verona.ESCALUS;
import static net.mucaffiliationnotify.cluster.Verona.PLAZA_OCCUPANTS;
import static net.mucaffiliationnotify.cluster.Verona.ROMEO;
import static net.mucaffiliationnotify.cluster.Verona.adminSet;
import static net.mucaffiliationnotify.cluster.Verona.adminsForm;
import static net.mucaffiliationnotify.cluster.Verona.item;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import net.mucaffiliationnotify.tracking.Announcement;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * (c) One request, one notification per recipient session in total, in a cluster of three real Hazelcast
 * members: the request is processed on the node its sender is connected to (A), whose MUC service changes a
 * copy of the room and syncs it only after routing the reply; the occupants' sessions are spread over A, B
 * and C, and those on B and C are reached through the cluster (an asynchronous task on their node, whose
 * interceptor sees the stanza as outgoing). Every eligible session gets exactly one copy, the requester gets
 * its copy before its reply, only A sends anything, and nothing is sent twice.
 */
public class ClusterNotificationTest {
    private ClusterHarness harness;
    private SimulatedNode a;
    private SimulatedNode b;
    private SimulatedNode c;

    @Before
    public void setUp() throws Exception {
        harness = new ClusterHarness();
        final List<SimulatedNode> nodes = harness.startNodes("A", "B", "C");
        a = nodes.get(0);
        b = nodes.get(1);
        c = nodes.get(2);
        harness.putRoom(a, Verona.council());
        harness.putRoom(b, Verona.plaza());
        Verona.connectOutsiders(harness);
    }

    @After
    public void tearDown() throws Exception {
        harness.close();
    }

    /**
     * The request was sent by ROMEO on A: each of {@code recipients} got {@code notification} exactly once
     * (ROMEO before its reply), nobody else got anything, only A sent, and the interceptors of B and C only
     * saw what they delivered, as outgoing.
     */
    private void assertAnnouncedOnceFromA(IQ request, String reply, String notification, List<String> recipients)
            throws Exception {
        harness.awaitRemoteDeliveries();
        final String all = harness.allReceived().toString();
        assertEquals(all, List.of(notification, "iq " + request.getID() + " " + reply), harness.receivedBy(ROMEO));
        for (String session : harness.allReceived().keySet()) {
            if (session.equals(ROMEO)) {
                continue;
            }
            final List<String> expected = recipients.contains(session) ? List.of(notification) : List.of();
            assertEquals(session + " in " + all, expected, harness.receivedBy(session));
        }
        assertEquals(all, recipients.size(), harness.notificationCount());

        // Only A answered: the reply (held by the plugin, so dropped by A's router), then the reply after the
        // notifications. A announced; each node routed the notifications of its own sessions (the others got
        // the announcement as one cluster task), and their interceptors followed nothing.
        assertEquals(List.of("iq " + request.getID() + " " + reply),
            a.rejected.stream().map(ClusterHarness::describe).toList());
        final List<String> sentByA = a.routed.stream().map(ClusterHarness::describe).toList();
        assertEquals("iq " + request.getID() + " " + reply, sentByA.get(sentByA.size() - 1));
        assertEquals(recipients.size(), a.notificationsAnnounced());
        int routed = 0;
        for (SimulatedNode node : List.of(a, b, c)) {
            node.assertRoutedOnlyToItsOwnSessions();
            routed += (int) node.routed.stream().filter(p -> ClusterHarness.describe(p).equals(notification)).count();
        }
        assertEquals(recipients.size(), routed);
        for (SimulatedNode other : List.of(b, c)) {
            assertEquals(other + " announced nothing", List.of(), other.announced);
            assertEquals(other + " dropped nothing", List.of(), other.rejected);
            assertTrue(other + " sent notifications only", other.routed.stream()
                .allMatch(p -> ClusterHarness.describe(p).equals(notification)));
        }
        assertTrue(harness.undeliverable().isEmpty());
        for (SimulatedNode node : List.of(a, b, c)) {
            node.assertIdle();
        }
    }

    /** @return how many stanzas sessions connected to the node received */
    private int deliveredOn(SimulatedNode node) {
        int count = 0;
        for (var entry : harness.allReceived().entrySet()) {
            if (harness.nodeOf(new JID(entry.getKey())) == node) {
                count += entry.getValue().size();
            }
        }
        return count;
    }

    @Test
    public void aGrantIsAnnouncedOnceToEveryModeratorSessionWhereverItIsConnected() throws Exception {
        final IQ grant = adminSet(ROMEO, "council", "grant1", item("member", "rosaline@localhost"));
        a.clientSendsIq(grant, adminItems(grant));

        assertAnnouncedOnceFromA(grant, "result", "notify rosaline@localhost=member", COUNCIL_MODERATORS);
        assertEquals("member", harness.room(c, "council").affiliation("rosaline@localhost"));
    }

    @Test
    public void aBanWithAReasonIsAnnouncedOnceToEveryOccupantSessionOfANonAnonymousRoom() throws Exception {
        final IQ ban = adminSet(ROMEO, "plaza", "ban1", item("outcast", "tybalt@localhost", "Hey calm down"));
        a.clientSendsIq(ban, adminItems(ban));

        assertAnnouncedOnceFromA(ban, "result", "notify tybalt@localhost=outcast 301 reason:Hey calm down",
            PLAZA_OCCUPANTS);
        assertEquals("outcast", harness.room(b, "plaza").affiliation("tybalt@localhost"));
    }

    @Test
    public void aMultiItemRequestFailingOnItsSecondItemAnnouncesTheFirstBeforeTheError() throws Exception {
        final IQ multi = adminSet(ROMEO, "council", "multi1",
            item("member", "rosaline@localhost") + item("owner", "tybalt@localhost"));
        a.clientSendsIq(multi, adminItems(multi, "tybalt@localhost"));

        assertAnnouncedOnceFromA(multi, "error", "notify rosaline@localhost=member", COUNCIL_MODERATORS);
        assertEquals("member", harness.room(b, "council").affiliation("rosaline@localhost"));
        assertEquals("none", harness.room(b, "council").affiliation("tybalt@localhost"));
    }

    @Test
    public void aConfigurationFormDemotingAnAbsentAdminIsAnnouncedOnce() throws Exception {
        final IQ form = adminsForm(ROMEO, "council", "cfg1", "mercutio@localhost", "benvolio@localhost");
        a.clientSendsIq(form, adminsList("mercutio@localhost", "benvolio@localhost"));

        // Paris, not in the room, is demoted to member; Mercutio and Benvolio stay admins (no change).
        assertAnnouncedOnceFromA(form, "result", "notify paris@localhost=member", COUNCIL_MODERATORS);
        assertEquals("member", harness.room(c, "council").affiliation("paris@localhost"));
    }

    /**
     * Requests on one room from two nodes at once, racing through the cluster lock: ROMEO (on A) grants,
     * ESCALUS (on B) bans, round after round. Every change is announced once in total, by the node that
     * processed it, to every moderator session, and each requester gets its notification before its reply.
     */
    @Test
    public void requestsRacingThroughTheClusterLockFromTwoNodesAreEachAnnouncedOnce() throws Exception {
        final int rounds = 12;
        final ExecutorService threads = Executors.newFixedThreadPool(2);
        final List<String> expected = new ArrayList<>();
        try {
            for (int i = 0; i < rounds; i++) {
                final IQ grant = adminSet(ROMEO, "council", "grant" + i, item("member", "guest" + i + "a@localhost"));
                final IQ ban = adminSet(ESCALUS, "council", "ban" + i,
                    item("outcast", "guest" + i + "b@localhost", "round " + i));
                expected.add("notify guest" + i + "a@localhost=member");
                expected.add("notify guest" + i + "b@localhost=outcast 301 reason:round " + i);
                final CyclicBarrier start = new CyclicBarrier(2);
                final Future<?> onA = threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    a.clientSendsIq(grant, adminItems(grant));
                    return null;
                });
                final Future<?> onB = threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    b.clientSendsIq(ban, adminItems(ban));
                    return null;
                });
                onA.get(30, TimeUnit.SECONDS);
                onB.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        harness.awaitRemoteDeliveries();

        final String all = harness.allReceived().toString();
        for (String session : COUNCIL_MODERATORS) {
            ClusterHarness.assertSameMembers(expected, harness.notificationsTo(session));
        }
        for (String session : COUNCIL_OTHERS) {
            assertEquals(session, List.of(), harness.receivedBy(session));
        }
        assertEquals(List.of(), harness.receivedBy(BALTHASAR));
        assertEquals(all, expected.size() * COUNCIL_MODERATORS.size(), harness.notificationCount());
        for (int i = 0; i < rounds; i++) {
            assertBefore(ROMEO, "notify guest" + i + "a@localhost=member", "iq grant" + i + " result");
            assertBefore(ESCALUS, "notify guest" + i + "b@localhost=outcast 301 reason:round " + i, "iq ban" + i + " result");
        }
        // Each change was announced by the node that processed it; C processed nothing and announced nothing.
        for (Announcement sent : a.announced) {
            for (var n : sent.notifications()) {
                assertTrue(n.stanza().toXML(), ClusterHarness.describe(n.stanza()).matches("notify guest\\d+a@localhost=member"));
            }
        }
        for (Announcement sent : b.announced) {
            for (var n : sent.notifications()) {
                assertTrue(n.stanza().toXML(), ClusterHarness.describe(n.stanza()).matches("notify guest\\d+b@localhost=outcast .*"));
            }
        }
        assertEquals(List.of(), c.announced);
        for (SimulatedNode node : List.of(a, b, c)) {
            node.assertRoutedOnlyToItsOwnSessions();
        }
        // C only routed notifications to its own sessions: nothing incoming but those stanzas.
        assertTrue(c.incomingCalls().stream().allMatch(call -> call.packet() instanceof org.xmpp.packet.Message
            && ClusterHarness.describe(call.packet()).startsWith("notify ")));
        for (int i = 0; i < rounds; i++) {
            final RoomRecord council = harness.room(c, "council");
            assertEquals("member", council.affiliation("guest" + i + "a@localhost"));
            assertEquals("outcast", council.affiliation("guest" + i + "b@localhost"));
        }
        for (SimulatedNode node : List.of(a, b, c)) {
            node.assertIdle();
        }
    }

    private void assertBefore(String session, String first, String then) {
        final List<String> got = harness.receivedBy(session);
        final int i = got.indexOf(first);
        final int j = got.indexOf(then);
        assertTrue(session + " got " + first + " in " + got, i >= 0);
        assertTrue(session + " got " + then + " in " + got, j >= 0);
        assertTrue(session + ": " + first + " before " + then + " in " + got, i < j);
    }
}
