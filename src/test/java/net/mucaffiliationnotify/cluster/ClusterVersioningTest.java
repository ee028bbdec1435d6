package net.mucaffiliationnotify.cluster;

import static net.mucaffiliationnotify.cluster.SimulatedNode.adminItems;
import static net.mucaffiliationnotify.cluster.Verona.BALTHASAR;
import static net.mucaffiliationnotify.cluster.Verona.COUNCIL_MODERATORS;
import static net.mucaffiliationnotify.cluster.Verona.ESCALUS;
import static net.mucaffiliationnotify.cluster.Verona.FRIAR;
import static net.mucaffiliationnotify.cluster.Verona.JULIET;
import static net.mucaffiliationnotify.cluster.Verona.MERCUTIO_LAPTOP;
import static net.mucaffiliationnotify.cluster.Verona.NURSE;
import static net.mucaffiliationnotify.cluster.Verona.PLAZA_OCCUPANTS;
import static net.mucaffiliationnotify.cluster.Verona.ROMEO;
import static net.mucaffiliationnotify.cluster.Verona.ROSALINE;
import static net.mucaffiliationnotify.cluster.Verona.adminSet;
import static net.mucaffiliationnotify.cluster.Verona.item;
import static net.mucaffiliationnotify.cluster.Verona.roomJid;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import com.hazelcast.core.HazelcastInstance;

import net.mucaffiliationnotify.tracking.AffiliationVersions;
import net.mucaffiliationnotify.tracking.RoomChanges;
import net.mucaffiliationnotify.tracking.SweepLeadership;

/**
 * XEP-0463 "MUC Affiliations Versioning" in a cluster of real Hazelcast members, each node's plugin wired as
 * {@code MucAffiliationNotifyPlugin.initializePlugin} wires it (histories in the clustered cache, one secret for
 * all nodes). It proves:
 *
 * <ul>
 * <li>V2: versions are derived from state. Every node stamps the same {@code until} on the self-presence (V5)
 * for the same room state; after a change made through a request on one node the others stamp the new
 * version; nodes of a cluster restarted from scratch (empty history cache), each computing on its own, give
 * the very same version for the same state, and the earlier version again when the earlier state returns.</li>
 * <li>V4: the history is the cluster's: a change made through node A is sent as a diff to a join on node B
 * that holds the version from before it, before any presence; a bootstrap join on node C gets the full list;
 * a join holding the current version gets nothing.</li>
 * <li>V7: a change made outside XMPP (the room changed in the clustered cache directly, as the admin console
 * does) is announced once in the whole cluster, with since/until, however many nodes sweep, sequentially
 * or at once; and the periodic {@code VersionSweep} announces only on the senior member, the next oldest
 * taking over when the senior leaves, the history surviving it.</li>
 * <li>V7 with requests in flight: a change a request in flight on another node made is explained by that
 * request, and is announced by it, with its reason (R4), not by a sweep or another node's request.</li>
 * </ul>
 *
 * <p>Deterministic: sweeps are called directly, VersionSweep gets a clock of the test's, and the interleavings
 * with a request in flight are ordered with latches, never with sleeps.</p>
 */
public class ClusterVersioningTest {
    private static final String MAV = "urn:xmpp:muc:affiliations:1";
    private static final String MUC_USER = "http://jabber.org/protocol/muc#user";
    private static final JID PLAZA = roomJid("plaza");
    private static final JID COUNCIL = roomJid("council");
    // Sessions in no room at first, connected to the node each test says.
    private static final String CAPULET = "capulet@localhost/hall";
    private static final String PARIS = "paris@localhost/carriage";
    private static final String TYBALT = "tybalt@localhost/sword";
    private static final String ABRAM = "abram@localhost/gate";

    private ClusterHarness harness;
    private ExecutorService threads;

    @Before
    public void setUp() throws Exception {
        harness = new ClusterHarness();
        threads = Executors.newFixedThreadPool(3);
    }

    @After
    public void tearDown() throws Exception {
        threads.shutdownNow();
        harness.close();
    }

    // ---------------------------------------------------------------- V2, V5: one version for one state

    @Test
    public void everyNodeStampsTheSameVersionForTheSameStateEvenAfterTheWholeClusterRestarts() throws Exception {
        final List<SimulatedNode> nodes = harness.startNodes("A", "B", "C");
        final SimulatedNode a = nodes.get(0);
        final SimulatedNode b = nodes.get(1);
        final SimulatedNode c = nodes.get(2);
        harness.putRoom(a, Verona.plaza());
        harness.connect(a, CAPULET);
        harness.connect(b, PARIS);
        harness.connect(c, ROSALINE);
        harness.connect(b, TYBALT);
        harness.connect(c, ABRAM);

        // Each node stamps the self-presence of a join it processes; B and C compute it on their own (the
        // history dropped before each stamps), and give A's version.
        final String v0 = stampedBy(a, CAPULET, "plaza");
        assertNotNull(v0);
        forgetHistories(b);
        assertEquals("B", v0, stampedBy(b, PARIS, "plaza"));
        forgetHistories(c);
        assertEquals("C", v0, stampedBy(c, ROSALINE, "plaza"));

        // A change through a request on A: announced with since/until; B stamps the new version from the
        // cluster's history, and C computes the same from the state alone.
        final IQ grant = adminSet(ROMEO, "plaza", "grant1", item("member", "benvolio@localhost"));
        a.clientSendsIq(grant, adminItems(grant));
        harness.awaitRemoteDeliveries();
        final Element announced = mavOf(only(notifications(JULIET)));
        assertEquals(v0, announced.attributeValue("since"));
        final String v1 = announced.attributeValue("until");
        assertNotEquals(v0, v1);
        assertEquals("B", v1, stampedBy(b, TYBALT, "plaza"));
        forgetHistories(c);
        assertEquals("C", v1, stampedBy(c, ABRAM, "plaza"));
        final Map<String, String> affiliations = new LinkedHashMap<>(harness.room(c, "plaza").affiliations);
        assertEquals("member", affiliations.get("benvolio@localhost"));

        // The whole cluster goes down; new members start with empty caches and Openfire loads the room again
        // from its database (same affiliations, nobody in it yet).
        harness.terminateAll();
        final List<SimulatedNode> after = harness.startNodes("A2", "B2", "C2");
        assertEquals(0, ClusterHarness.historyMap(after.get(0).member()).size());
        final RoomRecord reloaded = new RoomRecord("plaza");
        reloaded.nonAnonymous = true;
        reloaded.affiliations.putAll(affiliations);
        harness.putRoom(after.get(0), reloaded);

        // Each node computes the version on its own: the history is dropped before each one stamps.
        for (SimulatedNode node : after) {
            forgetHistories(node);
            final String joiner = "watcher-" + node.name.toLowerCase() + "@localhost/r";
            harness.connect(node, joiner);
            assertEquals(node + " computes the version of the same state", v1, stampedBy(node, joiner, "plaza"));
        }

        // Not a counter: the earlier state gives the earlier version back. (A self-presence carries the version
        // last announced; the console's change is announced by the next sweep, here B2's.)
        harness.clearReceived();
        after.get(1).changedOutsideXmpp("plaza", room -> room.set("benvolio@localhost", "none"));
        assertEquals(1, after.get(1).changes.sweep(List.of(PLAZA)));
        harness.awaitRemoteDeliveries();
        final Element reverted = mavOf(only(notifications("watcher-a2@localhost/r")));
        assertEquals(v1, reverted.attributeValue("since"));
        assertEquals(v0, reverted.attributeValue("until"));
        harness.connect(after.get(2), "watcher-again@localhost/r");
        assertEquals(v0, stampedBy(after.get(2), "watcher-again@localhost/r", "plaza"));
    }

    // ---------------------------------------------------------------- V4: one history for the cluster

    @Test
    public void aJoinOnAnotherNodeGetsTheChangeMadeThroughNodeAAsADiffBeforeAnyPresence() throws Exception {
        final List<SimulatedNode> nodes = harness.startNodes("A", "B", "C");
        final SimulatedNode a = nodes.get(0);
        final SimulatedNode b = nodes.get(1);
        final SimulatedNode c = nodes.get(2);
        harness.putRoom(a, Verona.plaza().set("tybalt@localhost", "outcast"));
        harness.connect(a, CAPULET);
        harness.connect(b, PARIS);
        harness.connect(c, ROSALINE);
        harness.connect(c, ABRAM);
        harness.connect(c, TYBALT);
        final String before = stampedBy(a, CAPULET, "plaza");

        final IQ grant = adminSet(ROMEO, "plaza", "grant1", item("member", "benvolio@localhost"));
        a.clientSendsIq(grant, adminItems(grant));
        harness.awaitRemoteDeliveries();
        final String current = mavOf(only(notifications(NURSE))).attributeValue("until");
        assertNotEquals(before, current);

        // A join on B holding the version from before the change: exactly that change, then the presences.
        final Presence join = b.clientJoins(PARIS, "plaza", "participant",
            "<mav xmlns='" + MAV + "' since='" + before + "'/>");
        harness.awaitRemoteDeliveries();
        assertNull("the mav element reaches nobody else (V3)", join.getElement()
            .element(QName.get("x", "http://jabber.org/protocol/muc")).element(QName.get("mav", MAV)));
        final List<Packet> paris = harness.packetsReceivedBy(PARIS);
        final Message diff = (Message) paris.get(0);
        assertEquals(new JID("plaza", ClusterHarness.SERVICE_DOMAIN, null), diff.getFrom());
        assertEquals(before, mavOf(diff).attributeValue("since"));
        assertEquals(current, mavOf(diff).attributeValue("until"));
        assertEquals(List.of("benvolio@localhost=member"), items(diff));
        assertOnlyPresencesAfterTheAnswer(paris, 1);
        assertEquals(current, mavOf(selfPresence(paris)).attributeValue("until"));

        // A bootstrap join on C: the full list, no since (a participant does not see the outcast list).
        c.clientJoins(ROSALINE, "plaza", "participant", "<mav xmlns='" + MAV + "'/>");
        harness.awaitRemoteDeliveries();
        final List<Packet> rosaline = harness.packetsReceivedBy(ROSALINE);
        final Message full = (Message) rosaline.get(0);
        assertNull(mavOf(full).attributeValue("since"));
        assertEquals(current, mavOf(full).attributeValue("until"));
        assertEquals(Set.of("romeo@localhost=owner", "juliet@localhost=member", "benvolio@localhost=member"),
            Set.copyOf(items(full)));
        assertOnlyPresencesAfterTheAnswer(rosaline, 1);
        assertEquals(current, mavOf(selfPresence(rosaline)).attributeValue("until"));

        // A join on C holding the current version: no message, only the version on its self-presence.
        c.clientJoins(ABRAM, "plaza", "participant", "<mav xmlns='" + MAV + "' since='" + current + "'/>");
        harness.awaitRemoteDeliveries();
        final List<Packet> abram = harness.packetsReceivedBy(ABRAM);
        assertOnlyPresencesAfterTheAnswer(abram, 0);
        assertEquals(current, mavOf(selfPresence(abram)).attributeValue("until"));
        // The outcast's bootstrap join on C is refused: the error presence only, no list.
        c.clientJoins(TYBALT, "plaza", "participant", "<mav xmlns='" + MAV + "'/>");
        harness.awaitRemoteDeliveries();
        final List<Packet> tybalt = harness.packetsReceivedBy(TYBALT);
        assertEquals(tybalt.toString(), 1, tybalt.size());
        assertEquals(Presence.Type.error, ((Presence) tybalt.get(0)).getType());
        for (SimulatedNode node : nodes) {
            assertEquals(node + " waits for no join", 0, node.versions.pendingJoins());
            node.assertIdle();
        }
    }

    // ---------------------------------------------------------------- V7: changes made outside XMPP

    @Test
    public void aChangeMadeOutsideXmppIsAnnouncedOnceHoweverManyNodesSweep() throws Exception {
        final List<SimulatedNode> nodes = harness.startNodes("A", "B", "C");
        final SimulatedNode a = nodes.get(0);
        final SimulatedNode b = nodes.get(1);
        final SimulatedNode c = nodes.get(2);
        harness.putRoom(a, Verona.plaza());
        harness.connect(c, ABRAM);
        final String before = stampedBy(c, ABRAM, "plaza");
        harness.awaitRemoteDeliveries();
        harness.clearReceived();
        final List<String> recipients = new ArrayList<>(PLAZA_OCCUPANTS);
        recipients.add(ABRAM);

        // The admin console bans Tybalt through C; every node sweeps, one after the other.
        c.changedOutsideXmpp("plaza", room -> room.set("tybalt@localhost", "outcast"));
        int announced = 0;
        for (SimulatedNode node : nodes) {
            announced += node.changes.sweep(List.of(PLAZA));
        }
        harness.awaitRemoteDeliveries();
        assertEquals("steps announced in the cluster", 1, announced);
        final String afterBan = assertAnnouncedOnce(recipients, "notify tybalt@localhost=outcast 301", before);
        assertEquals("A swept first", recipients.size(), notificationsRoutedBy(a));
        assertEquals(0, notificationsRoutedBy(b) + notificationsRoutedBy(c));

        // The console lifts the ban through A; the three nodes sweep at the same instant.
        harness.clearReceived();
        a.changedOutsideXmpp("plaza", room -> room.set("tybalt@localhost", "none"));
        final CyclicBarrier start = new CyclicBarrier(nodes.size());
        final List<Future<Integer>> sweeps = new ArrayList<>();
        for (SimulatedNode node : nodes) {
            sweeps.add(threads.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return node.changes.sweep(List.of(PLAZA));
            }));
        }
        announced = 0;
        for (Future<Integer> sweep : sweeps) {
            announced += sweep.get(30, TimeUnit.SECONDS);
        }
        harness.awaitRemoteDeliveries();
        assertEquals("steps announced in the cluster", 1, announced);
        assertAnnouncedOnce(recipients, "notify tybalt@localhost=none", afterBan);
        assertTrue(harness.undeliverable().isEmpty());
    }

    /** The plugin's sweep leadership for a node: the lock of its histories cache, clustered while its member runs. */
    private static SweepLeadership leadership(SimulatedNode node) {
        return new SweepLeadership(node.historyCache::getLock, () -> {
            final HazelcastInstance member = node.member();
            return member != null && member.getLifecycleService().isRunning();
        });
    }

    @Test
    public void exactlyOneNodeSweepsAndAnotherTakesOverWhenItLeaves() throws Exception {
        final SimulatedNode a = harness.startNode("A");
        final SimulatedNode b = harness.startNode("B");
        final SimulatedNode c = harness.startNode("C");
        harness.putRoom(a, Verona.plaza());
        final AtomicLong clock = new AtomicLong(1_000_000_000L);
        final Map<SimulatedNode, SweepLeadership> leads = new LinkedHashMap<>();
        final Map<SimulatedNode, Runnable> sweeps = new LinkedHashMap<>();
        // Ticked A first: A takes the lead; B and C, ticked after, must not sweep.
        for (SimulatedNode node : List.of(a, b, c)) {
            leads.put(node, leadership(node));
            sweeps.put(node, versionSweep(node, () -> occupiedRooms(node), () -> 10, leads.get(node),
                clock::get));
        }

        // First tick everywhere: the leader starts the plaza's history; nothing to announce yet.
        sweeps.values().forEach(Runnable::run);
        assertTrue(leads.get(a).getAsBoolean());
        assertFalse(leads.get(b).getAsBoolean());
        assertFalse(leads.get(c).getAsBoolean());
        assertEquals(1, ClusterHarness.historyMap(c.member()).size());
        final String before = versionOf(c, "plaza");
        assertEquals(0, harness.notificationCount());

        // A change through the console on C; ticks before the interval has passed check nothing.
        c.changedOutsideXmpp("plaza", room -> room.set("tybalt@localhost", "member"));
        clock.addAndGet(TimeUnit.SECONDS.toNanos(9));
        sweeps.values().forEach(Runnable::run);
        harness.awaitRemoteDeliveries();
        assertEquals(0, harness.notificationCount());

        // The interval has passed: one tick on every node, and only the leader (A) announces.
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        sweeps.values().forEach(Runnable::run);
        harness.awaitRemoteDeliveries();
        final String afterGrant = assertAnnouncedOnce(PLAZA_OCCUPANTS, "notify tybalt@localhost=member", before);
        assertEquals(PLAZA_OCCUPANTS.size(), notificationsRoutedBy(a));
        assertEquals(0, notificationsRoutedBy(b));
        assertEquals(0, notificationsRoutedBy(c));

        // The leader leaves (Hazelcast releases its lock); the nodes left remove its occupants from the room.
        a.leaveCluster(true);
        harness.awaitClusterSize(2);
        sweeps.remove(a);
        b.changedOutsideXmpp("plaza", room -> {
            room.occupantNodes.entrySet().removeIf(occupant -> occupant.getValue().equals("A"));
            room.occupantRoles.keySet().retainAll(room.occupantNodes.keySet());
        });
        harness.clearReceived();

        // The next change is swept by one of the others, from the history A's leaving did not lose.
        c.changedOutsideXmpp("plaza", room -> room.set("tybalt@localhost", "admin"));
        clock.addAndGet(TimeUnit.SECONDS.toNanos(10));
        sweeps.values().forEach(Runnable::run);
        harness.awaitRemoteDeliveries();
        final List<String> left = PLAZA_OCCUPANTS.stream().filter(s -> !s.equals(ROMEO) && !s.equals(FRIAR))
            .collect(Collectors.toList());
        assertEquals(List.of(JULIET, BALTHASAR, MERCUTIO_LAPTOP, NURSE), left);
        assertAnnouncedOnce(left, "notify tybalt@localhost=admin", afterGrant);
        assertEquals(left.size(), notificationsRoutedBy(b) + notificationsRoutedBy(c));
        assertTrue("one node swept", b.announced.isEmpty() != c.announced.isEmpty());
    }

    /**
     * The senior member does not have the plugin (unloaded there, or never installed): 1.1.0 swept on the
     * senior only, so changes made outside XMPP were never announced. Now a node that has the plugin leads;
     * when it unloads the plugin, it gives the lead up and another node sweeps at its next tick.
     */
    @Test
    public void theSweepRunsWhereThePluginIsWhenTheSeniorHasNone() throws Exception {
        final SimulatedNode a = harness.startNode("A");
        final SimulatedNode b = harness.startNode("B");
        final SimulatedNode c = harness.startNode("C");
        harness.putRoom(a, Verona.plaza());
        final AtomicLong clock = new AtomicLong(1_000_000_000L);
        // A, the senior, runs no sweep: the plugin is not loaded there.
        final SweepLeadership leadB = leadership(b);
        final SweepLeadership leadC = leadership(c);
        final Runnable sweepB = versionSweep(b, () -> occupiedRooms(b), () -> 10, leadB, clock::get);
        final Runnable sweepC = versionSweep(c, () -> occupiedRooms(c), () -> 10, leadC, clock::get);
        sweepC.run();
        sweepB.run();
        final String before = versionOf(b, "plaza");

        b.changedOutsideXmpp("plaza", room -> room.set("tybalt@localhost", "member"));
        clock.addAndGet(TimeUnit.SECONDS.toNanos(10));
        sweepB.run();
        sweepC.run();
        harness.awaitRemoteDeliveries();
        final String afterGrant = assertAnnouncedOnce(PLAZA_OCCUPANTS, "notify tybalt@localhost=member", before);
        assertEquals(PLAZA_OCCUPANTS.size(), notificationsRoutedBy(c));
        assertEquals(0, notificationsRoutedBy(a));
        assertEquals(0, notificationsRoutedBy(b));

        // C unloads the plugin: it gives up the lead, and B sweeps the next change.
        leadC.release();
        harness.clearReceived();
        c.changedOutsideXmpp("plaza", room -> room.set("tybalt@localhost", "admin"));
        clock.addAndGet(TimeUnit.SECONDS.toNanos(10));
        sweepB.run();
        harness.awaitRemoteDeliveries();
        assertAnnouncedOnce(PLAZA_OCCUPANTS, "notify tybalt@localhost=admin", afterGrant);
        assertTrue(leadB.getAsBoolean());
    }

    // ---------------------------------------------------------------- V7 and R4: requests in flight

    /**
     * B has applied and synced a ban with a reason and is about to settle it (its reply held, as in a cluster),
     * when the senior member's sweep runs. The ban is explained by that request: B must announce it, with its
     * reason, and the sweep must not announce it without the reason.
     */
    @Test
    public void aSweepLeavesAChangeOfARequestInFlightToThatRequest() throws Exception {
        final List<SimulatedNode> nodes = harness.startNodes("A", "B", "C");
        final SimulatedNode a = nodes.get(0);
        final SimulatedNode b = nodes.get(1);
        harness.putRoom(a, Verona.council());
        assertEquals(0, a.changes.sweep(List.of(COUNCIL)));

        final IQ ban = adminSet(ESCALUS, "council", "ban1", item("outcast", "tybalt@localhost", "Hey calm down"));
        final CountDownLatch synced = new CountDownLatch(1);
        final CountDownLatch swept = new CountDownLatch(1);
        final Future<?> onB = threads.submit(() -> b.clientSendsIq(ban, adminItems(ban), new SimulatedNode.Hooks() {
            @Override
            void unlocked() {
                synced.countDown();
                await(swept);
            }
        }));
        await(synced);
        a.changes.sweep(List.of(COUNCIL));
        swept.countDown();
        onB.get(30, TimeUnit.SECONDS);
        harness.awaitRemoteDeliveries();

        for (String session : COUNCIL_MODERATORS) {
            assertEquals(session + " in " + harness.allReceived(),
                List.of("notify tybalt@localhost=outcast 301 reason:Hey calm down"), harness.notificationsTo(session));
        }
        final List<String> escalus = harness.receivedBy(ESCALUS);
        assertEquals(List.of("notify tybalt@localhost=outcast 301 reason:Hey calm down", "iq ban1 result"), escalus);
    }

    /**
     * As above, but what runs while B's ban is in flight is a request on A (a grant of another JID): the
     * deterministic form of the interleaving ClusterNotificationTest's racing requests hit now and then. Each
     * change must be announced once, the ban with its reason.
     */
    @Test
    public void aRequestOnAnotherNodeLeavesAChangeOfARequestInFlightToThatRequest() throws Exception {
        final List<SimulatedNode> nodes = harness.startNodes("A", "B", "C");
        final SimulatedNode a = nodes.get(0);
        final SimulatedNode b = nodes.get(1);
        harness.putRoom(a, Verona.council());
        Verona.connectOutsiders(harness);

        final IQ ban = adminSet(ESCALUS, "council", "ban1", item("outcast", "tybalt@localhost", "Hey calm down"));
        final IQ grant = adminSet(ROMEO, "council", "grant1", item("member", "rosaline@localhost"));
        final CountDownLatch synced = new CountDownLatch(1);
        final CountDownLatch granted = new CountDownLatch(1);
        final Future<?> onB = threads.submit(() -> b.clientSendsIq(ban, adminItems(ban), new SimulatedNode.Hooks() {
            @Override
            void unlocked() {
                synced.countDown();
                await(granted);
            }
        }));
        await(synced);
        a.clientSendsIq(grant, adminItems(grant));
        granted.countDown();
        onB.get(30, TimeUnit.SECONDS);
        harness.awaitRemoteDeliveries();

        final List<String> expected = List.of("notify tybalt@localhost=outcast 301 reason:Hey calm down",
            "notify rosaline@localhost=member");
        for (String session : COUNCIL_MODERATORS) {
            ClusterHarness.assertSameMembers(expected, harness.notificationsTo(session));
        }
        final List<String> escalus = harness.receivedBy(ESCALUS);
        assertTrue(escalus.toString(), escalus.indexOf(expected.get(0)) >= 0
            && escalus.indexOf(expected.get(0)) < escalus.indexOf("iq ban1 result"));
        for (SimulatedNode node : nodes) {
            node.assertIdle();
        }
    }

    // ---------------------------------------------------------------- helpers

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

    /** The session joins the room through the node it is connected to; returns its self-presence's version. */
    private String stampedBy(SimulatedNode node, String session, String room) throws Exception {
        node.clientJoins(session, room, "participant", null);
        harness.awaitRemoteDeliveries();
        final Element mav = mavOf(selfPresence(harness.packetsReceivedBy(session)));
        assertNotNull(node + " stamps the self-presence of " + session, mav);
        assertNull(mav.attributeValue("since"));
        return mav.attributeValue("until");
    }

    /** Empties the clustered history cache, through the node's member. */
    private static void forgetHistories(SimulatedNode node) {
        ClusterHarness.historyMap(node.member()).clear();
    }

    /** @return the version in the room's history, as the clustered cache holds it */
    private static String versionOf(SimulatedNode node, String room) {
        final String text = ClusterHarness.historyMap(node.member()).get(roomJid(room).toBareJID());
        assertNotNull("a history for " + room, text);
        return net.mucaffiliationnotify.versioning.AffiliationHistory.versionOf(text);
    }

    private static Element mavOf(Packet stanza) {
        final Element x = stanza.getElement().element(QName.get("x", MUC_USER));
        return x == null ? null : x.element(QName.get("mav", MAV));
    }

    private static List<String> items(Packet stanza) {
        final List<String> result = new ArrayList<>();
        for (Element item : stanza.getElement().element(QName.get("x", MUC_USER)).elements("item")) {
            result.add(item.attributeValue("jid") + "=" + item.attributeValue("affiliation"));
        }
        return result;
    }

    /** @return the last self-presence (status 110) among the stanzas */
    private static Presence selfPresence(List<Packet> received) {
        Presence self = null;
        for (Packet packet : received) {
            if (packet instanceof Presence presence) {
                final Element x = presence.getElement().element(QName.get("x", MUC_USER));
                if (x != null && x.elements("status").stream().anyMatch(s -> "110".equals(s.attributeValue("code")))) {
                    self = presence;
                }
            }
        }
        assertNotNull("a self-presence in " + received, self);
        return self;
    }

    /** The joiner got {@code answers} messages first, then only presences (V4: the answer before any presence). */
    private static void assertOnlyPresencesAfterTheAnswer(List<Packet> received, int answers) {
        for (int i = 0; i < received.size(); i++) {
            if (i < answers) {
                assertTrue(received.toString(), received.get(i) instanceof Message);
            } else {
                assertTrue(received.toString(), received.get(i) instanceof Presence);
            }
        }
        assertTrue(received.toString(), received.size() > answers);
    }

    private List<Message> notifications(String session) {
        final List<Message> result = new ArrayList<>();
        for (Packet packet : harness.packetsReceivedBy(session)) {
            if (packet instanceof Message message && ClusterHarness.describe(message).startsWith("notify ")) {
                result.add(message);
            }
        }
        return result;
    }

    private static <T> T only(List<T> list) {
        assertEquals(list.toString(), 1, list.size());
        return list.get(0);
    }

    /**
     * Each of {@code recipients} got exactly {@code notification}, once, carrying since = {@code since} and
     * one until, the same for all; nobody else got a notification.
     *
     * @return that until
     */
    private String assertAnnouncedOnce(List<String> recipients, String notification, String since) {
        final Set<String> untils = new TreeSet<>();
        for (String session : recipients) {
            final List<Message> got = notifications(session);
            assertEquals(session + " in " + harness.allReceived(), List.of(notification),
                got.stream().map(ClusterHarness::describe).toList());
            final Element mav = mavOf(got.get(0));
            assertNotNull(session + " got the versions (V6)", mav);
            assertEquals(session, since, mav.attributeValue("since"));
            untils.add(mav.attributeValue("until"));
        }
        assertEquals(harness.allReceived().toString(), recipients.size(), harness.notificationCount());
        assertEquals(untils.toString(), 1, untils.size());
        final String until = untils.iterator().next();
        assertNotEquals(since, until);
        return until;
    }

    /** What the node announced (each node routes to its own sessions only). */
    private static int notificationsRoutedBy(SimulatedNode node) {
        node.assertRoutedOnlyToItsOwnSessions();
        return node.notificationsAnnounced();
    }

    /** OccupiedRooms on the node: the rooms of the (clustered) room cache that have occupants. */
    private static List<JID> occupiedRooms(SimulatedNode node) {
        return node.rooms().values().stream().filter(room -> !room.occupantRoles.isEmpty())
            .map(RoomRecord::jid).collect(Collectors.toList());
    }

    /** The plugin's VersionSweep (package-private in the openfire package), through its Supplier constructor. */
    private static Runnable versionSweep(SimulatedNode node, Supplier<? extends Iterable<JID>> rooms,
                                         IntSupplier intervalSeconds, BooleanSupplier leads, LongSupplier nanoClock) {
        try {
            final Constructor<?> constructor = Class.forName("net.mucaffiliationnotify.openfire.VersionSweep")
                .getDeclaredConstructor(RoomChanges.class, AffiliationVersions.class, Supplier.class, IntSupplier.class,
                    BooleanSupplier.class, LongSupplier.class);
            constructor.setAccessible(true);
            return (Runnable) constructor.newInstance(node.changes, node.versions, rooms, intervalSeconds, leads,
                nanoClock);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the plugin's VersionSweep(RoomChanges, AffiliationVersions, Supplier, IntSupplier, "
                + "BooleanSupplier, LongSupplier) is needed", e);
        }
    }
}
