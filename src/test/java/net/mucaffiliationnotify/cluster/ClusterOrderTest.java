package net.mucaffiliationnotify.cluster;

import static net.mucaffiliationnotify.cluster.SimulatedNode.adminItems;
import static net.mucaffiliationnotify.cluster.Verona.BENVOLIO;
import static net.mucaffiliationnotify.cluster.Verona.ESCALUS;
import static net.mucaffiliationnotify.cluster.Verona.FRIAR;
import static net.mucaffiliationnotify.cluster.Verona.JULIET;
import static net.mucaffiliationnotify.cluster.Verona.MERCUTIO_LAPTOP;
import static net.mucaffiliationnotify.cluster.Verona.MERCUTIO_PHONE;
import static net.mucaffiliationnotify.cluster.Verona.NURSE;
import static net.mucaffiliationnotify.cluster.Verona.ROMEO;
import static net.mucaffiliationnotify.cluster.Verona.adminSet;
import static net.mucaffiliationnotify.cluster.Verona.item;
import static net.mucaffiliationnotify.cluster.Verona.roomJid;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

import net.mucaffiliationnotify.rules.Notification;
import net.mucaffiliationnotify.tracking.Announcement;
import net.mucaffiliationnotify.versioning.AffiliationHistory;

/**
 * Issue 12: a room's notifications reach every observer, on every node, in the order of the room's history,
 * with three real Hazelcast members.
 *
 * <p>Each round, the owners connected to A, B and C race muc#admin sets through their own nodes, on a few JIDs
 * that flip between member, none, outcast and admin (a reversal of two notifications changes what a client
 * keeps), while a thread changes the same JIDs on the admin console through random nodes and every node sweeps
 * the room over and over; each node's release thread runs every 50 ms, as the plugin's does. Announcements made
 * on one node reach the others as the plugin's AnnouncementTask on Hazelcast's executor (16 threads: in any
 * order). When the round has settled, for every observer (the room's moderators: A, B and C each have some):</p>
 *
 * <ul>
 * <li>its notifications, in arrival order, chain: each one's {@code <mav since/>} is the previous one's until
 * (across rounds too), and the last until is the room's version; no gap is allowed, since every step of this
 * room tells every observer (its targets are never in the room; the test checks that of the history's record);</li>
 * <li>it got exactly what the room's history announced to it (the harness records every announcement under the
 * room's lock, so in the history's order): nothing lost, nothing twice, and in that order (requests carry
 * their own reason, so two announcements of the same change are told apart);</li>
 * <li>replaying its items over the lists it knew at the round's start gives the room's lists at its end.</li>
 * </ul>
 *
 * <p>Participants (who may not see real JIDs in this semi-anonymous room) get nothing. Violations are counted
 * over all rounds and reported together, per observer, before the test fails.</p>
 *
 * <p>Before the first round one change is announced and reaches every node, so the room is one each node knows.
 * Not covered: the very first announcements of a room on a node that has never seen it (just started, plugin
 * just loaded), which ChainOrder cannot order against earlier ones still on their way (it waits 200 ms).</p>
 */
public class ClusterOrderTest {
    private static final String MAV = "urn:xmpp:muc:affiliations:1";
    private static final String MUC_USER = "http://jabber.org/protocol/muc#user";
    private static final String ROOM = "vault";
    private static final JID ROOM_JID = roomJid(ROOM);
    private static final int ROUNDS = Integer.getInteger("cluster.order.rounds", 24);
    private static final int REQUESTS_PER_OWNER = Integer.getInteger("cluster.order.requests", 6);
    private static final int CONSOLE_CHANGES = 4;
    private static final List<String> TARGETS = List.of("guest1@localhost", "guest2@localhost", "guest3@localhost",
        "guest4@localhost");
    private static final List<String> FLIPS = List.of("member", "none", "outcast", "admin");

    private static final String PARIS = "paris@localhost/coach";       // A, admin, moderator
    private static final String MONTAGUE = "montague@localhost/house"; // C, owner, moderator
    /** The observers: every session allowed to see real JIDs (moderators), on all three nodes. */
    private static final List<String> OBSERVERS = List.of(ROMEO, PARIS, ESCALUS, MERCUTIO_PHONE, MONTAGUE,
        MERCUTIO_LAPTOP, BENVOLIO);
    private static final List<String> PARTICIPANTS = List.of(FRIAR, JULIET, NURSE);

    private ClusterHarness harness;
    private SimulatedNode a;
    private SimulatedNode b;
    private SimulatedNode c;
    private ExecutorService threads;
    private ScheduledExecutorService releases;

    /** Per observer, what went wrong over all rounds. */
    private static final class Tally {
        int notifications;
        int chainBreaks;
        int outOfOrder;
        int lost;
        int duplicated;
        int replayWrong;
        int lastUntilWrong;
        final List<String> examples = new ArrayList<>();

        int violations() {
            return chainBreaks + outOfOrder + lost + duplicated + replayWrong + lastUntilWrong;
        }

        void example(String text) {
            if (examples.size() < 3) {
                examples.add(text);
            }
        }
    }

    /** One notification as an observer received it. */
    private record Seen(String key, String jid, String affiliation, String since, String until) {
    }

    @Before
    public void setUp() throws Exception {
        harness = new ClusterHarness();
        final List<SimulatedNode> nodes = harness.startNodes("A", "B", "C");
        a = nodes.get(0);
        b = nodes.get(1);
        c = nodes.get(2);
        final RoomRecord vault = new RoomRecord(ROOM)
            .set("romeo@localhost", "owner").set("escalus@localhost", "owner").set("montague@localhost", "owner")
            .set("paris@localhost", "admin").set("mercutio@localhost", "admin").set("benvolio@localhost", "admin")
            .set("juliet@localhost", "member").set("friar@localhost", "member")
            .join(ROMEO, "moderator", "A").join(PARIS, "moderator", "A").join(FRIAR, "participant", "A")
            .join(ESCALUS, "moderator", "B").join(MERCUTIO_PHONE, "moderator", "B").join(JULIET, "participant", "B")
            .join(MONTAGUE, "moderator", "C").join(MERCUTIO_LAPTOP, "moderator", "C").join(BENVOLIO, "moderator", "C")
            .join(NURSE, "participant", "C");
        harness.putRoom(a, vault);
        threads = Executors.newFixedThreadPool(8);
        // Each node's release thread, as the plugin runs it (mucaffiliationnotify-order, every 50 ms).
        releases = Executors.newScheduledThreadPool(3);
        for (SimulatedNode node : nodes) {
            releases.scheduleWithFixedDelay(node::releaseOverdue, 50, 50, TimeUnit.MILLISECONDS);
        }
    }

    @After
    public void tearDown() throws Exception {
        if (releases != null) {
            releases.shutdownNow();
        }
        if (threads != null) {
            threads.shutdownNow();
        }
        harness.close();
    }

    @Test
    public void everyObserverOnEveryNodeGetsARoomsNotificationsInTheOrderOfItsHistory() throws Exception {
        final long seed = Long.getLong("cluster.order.seed", System.nanoTime());
        final Random random = new Random(seed);
        final long t0 = System.nanoTime();

        // The room's history starts (a first look starts it with no step), then one change is announced to
        // every node: each node's chain of the room starts there. (The first announcements of a room a node has
        // never seen cannot be ordered against earlier ones still on their way to it: ChainOrder gives those
        // 200 ms, then takes what came. This test is about a room the nodes know.)
        a.changes.sweep(List.of(ROOM_JID));
        a.changedOutsideXmpp(ROOM, room -> room.set(TARGETS.get(0), "member"));
        assertEquals(1, a.changes.sweep(List.of(ROOM_JID)));
        harness.awaitRemoteDeliveries();
        for (String observer : OBSERVERS) {
            assertEquals(observer, 1, harness.notificationsTo(observer).size());
        }
        final Map<String, String> lastUntil = new HashMap<>();
        OBSERVERS.forEach(o -> lastUntil.put(o, historyVersion()));

        final Map<String, Tally> tallies = new LinkedHashMap<>();
        OBSERVERS.forEach(o -> tallies.put(o, new Tally()));
        int announcements = 0;
        int steps = 0;
        int requests = 0;
        for (int round = 0; round < ROUNDS; round++) {
            harness.clearReceived();
            harness.clearAnnouncements();
            final Map<String, String> before = targetLists();

            requests += race(round, new Random(random.nextLong()));

            // Settled: the last console change swept, every task run, nothing left waiting on any node.
            a.changes.sweep(List.of(ROOM_JID));
            harness.awaitRemoteDeliveries();
            final Map<String, String> after = targetLists();
            final String version = historyVersion();

            final List<Announcement> made = harness.announcements().stream()
                .filter(x -> x.room().equals(ROOM_JID)).toList();
            announcements += made.size();
            for (Announcement x : made) {
                steps += x.notifications().isEmpty() ? 0 : 1;
            }
            for (String observer : OBSERVERS) {
                check(round, observer, tallies.get(observer), made, before, after, version, lastUntil);
            }
            for (String participant : PARTICIPANTS) {
                assertEquals(participant + " may not see real JIDs", List.of(), harness.notificationsTo(participant));
            }
            assertTrue(harness.undeliverable().toString(), harness.undeliverable().isEmpty());
            for (SimulatedNode node : List.of(a, b, c)) {
                node.assertIdle();
                assertEquals(node + " has nothing waiting", 0, node.releaseOverdue());
            }
        }
        final long ms = (System.nanoTime() - t0) / 1_000_000;

        final StringBuilder report = new StringBuilder();
        report.append(String.format("seed %d: %d rounds, %d requests, %d announcements (%d with notifications), %d ms%n",
            seed, ROUNDS, requests, announcements, steps, ms));
        report.append(String.format("%-28s %5s %6s %5s %4s %4s %6s %5s%n", "observer (node)", "notif", "chain",
            "order", "lost", "dup", "replay", "last"));
        int violations = 0;
        for (Map.Entry<String, Tally> entry : tallies.entrySet()) {
            final Tally t = entry.getValue();
            violations += t.violations();
            report.append(String.format("%-28s %5d %6d %5d %4d %4d %6d %5d%n",
                entry.getKey() + " (" + harness.nodeOf(new JID(entry.getKey())).name + ")", t.notifications,
                t.chainBreaks, t.outOfOrder, t.lost, t.duplicated, t.replayWrong, t.lastUntilWrong));
            t.examples.forEach(e -> report.append("    ").append(e).append('\n'));
        }
        ClusterHarness.log("cluster order:\n" + report);
        if (violations > 0) {
            fail(violations + " violation(s) of the room's order:\n" + report);
        }
        // Each node delivered to its own sessions only (the others' got the announcement as a cluster task).
        for (SimulatedNode node : List.of(a, b, c)) {
            node.assertRoutedOnlyToItsOwnSessions();
        }
    }

    /**
     * One round: the three owners, each through its own node, send their requests one after the other, the
     * console changes the targets through random nodes, and every node sweeps the room until they are done.
     *
     * @return how many requests were sent
     */
    private int race(int round, Random random) throws Exception {
        final List<SimulatedNode> nodes = List.of(a, b, c);
        final Map<SimulatedNode, String> owners = Map.of(a, ROMEO, b, ESCALUS, c, MONTAGUE);
        final AtomicBoolean racing = new AtomicBoolean(true);
        final CyclicBarrier start = new CyclicBarrier(3 + 1 + 3);
        final List<Future<?>> work = new ArrayList<>();
        final List<Future<?>> sweeps = new ArrayList<>();
        for (SimulatedNode node : nodes) {
            final long ownerSeed = random.nextLong();
            work.add(threads.submit(() -> {
                final Random r = new Random(ownerSeed);
                start.await(10, TimeUnit.SECONDS);
                for (int i = 0; i < REQUESTS_PER_OWNER; i++) {
                    final String id = "r" + round + node.name + i;
                    final List<String> targets = new ArrayList<>(TARGETS);
                    Collections.shuffle(targets, r);
                    final int count = 1 + r.nextInt(2);
                    final StringBuilder items = new StringBuilder();
                    for (int k = 0; k < count; k++) {
                        items.append(item(FLIPS.get(r.nextInt(FLIPS.size())), targets.get(k), id + "." + k));
                    }
                    final IQ request = adminSet(owners.get(node), ROOM, id, items.toString());
                    node.clientSendsIq(request, adminItems(request));
                }
                return null;
            }));
        }
        final long consoleSeed = random.nextLong();
        work.add(threads.submit(() -> {
            final Random r = new Random(consoleSeed);
            start.await(10, TimeUnit.SECONDS);
            for (int j = 0; j < CONSOLE_CHANGES; j++) {
                Thread.sleep(r.nextInt(4));
                final String target = TARGETS.get(r.nextInt(TARGETS.size()));
                final String affiliation = FLIPS.get(r.nextInt(FLIPS.size()));
                nodes.get(r.nextInt(nodes.size())).changedOutsideXmpp(ROOM, room -> room.set(target, affiliation));
            }
            return null;
        }));
        for (SimulatedNode node : nodes) {
            sweeps.add(threads.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                while (racing.get()) {
                    node.changes.sweep(List.of(ROOM_JID));
                    Thread.sleep(1);
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            racing.set(false);
        }
        for (Future<?> f : sweeps) {
            f.get(60, TimeUnit.SECONDS);
        }
        return 3 * REQUESTS_PER_OWNER;
    }

    private void check(int round, String observer, Tally tally, List<Announcement> made, Map<String, String> before,
                       Map<String, String> after, String version, Map<String, String> lastUntil) {
        final JID to = new JID(observer);
        // What the history told this observer, in the history's order.
        final List<Seen> expected = new ArrayList<>();
        for (Announcement x : made) {
            boolean told = false;
            for (Notification n : x.notifications()) {
                if (n.stanza().getTo().equals(to)) {
                    expected.add(seen(n.stanza()));
                    told = true;
                }
            }
            assertTrue("the test's premise: every step of the room tells every observer; " + observer
                + " was not told of " + x.since() + ".." + x.until(), told);
        }
        for (int i = 1; i < expected.size(); i++) {
            assertEquals("the test's premise: the history's record chains for " + observer,
                expected.get(i - 1).until(), expected.get(i).since());
        }

        final List<Seen> got = new ArrayList<>();
        for (Packet packet : harness.packetsReceivedBy(observer)) {
            if (packet instanceof Message message && ClusterHarness.describe(message).startsWith("notify ")) {
                got.add(seen(message));
            }
        }
        tally.notifications += got.size();

        // The chain, from where this observer stood (the previous round's last until).
        String at = lastUntil.get(observer);
        for (int i = 0; i < got.size(); i++) {
            if (!got.get(i).since().equals(at)) {
                tally.chainBreaks++;
                tally.example("round " + round + ": #" + i + " " + got.get(i).key() + " after until " + shortV(at));
            }
            at = got.get(i).until();
        }
        if (!version.equals(at)) {
            tally.lastUntilWrong++;
            tally.example("round " + round + ": last until " + shortV(at) + ", the room is at " + shortV(version));
        }
        lastUntil.put(observer, version);

        // Nothing lost, nothing twice: the same multiset as the history told.
        final Map<String, Integer> balance = new TreeMap<>();
        expected.forEach(s -> balance.merge(s.key(), 1, Integer::sum));
        got.forEach(s -> balance.merge(s.key(), -1, Integer::sum));
        for (Map.Entry<String, Integer> e : balance.entrySet()) {
            if (e.getValue() > 0) {
                tally.lost += e.getValue();
                tally.example("round " + round + ": lost " + e.getKey());
            } else if (e.getValue() < 0) {
                tally.duplicated -= e.getValue();
                tally.example("round " + round + ": extra " + e.getKey());
            }
        }

        // The history's order: each notification matched to its first unmatched occurrence in the record; a
        // notification matched before the previous one's is out of order.
        final boolean[] used = new boolean[expected.size()];
        int previous = -1;
        for (Seen s : got) {
            int index = -1;
            for (int i = 0; i < expected.size(); i++) {
                if (!used[i] && expected.get(i).key().equals(s.key())) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                continue; // counted as extra above
            }
            used[index] = true;
            if (index < previous) {
                tally.outOfOrder++;
                tally.example("round " + round + ": " + s.key() + " (history #" + index + ") after history #"
                    + previous);
            }
            previous = index;
        }

        // Replaying its items over the lists at the round's start gives the room's lists.
        final Map<String, String> view = new TreeMap<>(before);
        for (Seen s : got) {
            if (view.containsKey(s.jid())) {
                view.put(s.jid(), s.affiliation());
            }
        }
        if (!view.equals(after)) {
            tally.replayWrong++;
            tally.example("round " + round + ": replayed " + view + ", the room has " + after);
        }
    }

    private static Seen seen(Message message) {
        final Element x = message.getElement().element(QName.get("x", MUC_USER));
        assertNotNull(message.toXML(), x);
        final Element mav = x.element(QName.get("mav", MAV));
        assertNotNull("versioned notification (XEP-0463 is on in the harness): " + message.toXML(), mav);
        final Element item = x.element("item");
        final String since = mav.attributeValue("since");
        final String until = mav.attributeValue("until");
        return new Seen(ClusterHarness.describe(message) + " " + shortV(since) + ">" + shortV(until),
            new JID(item.attributeValue("jid")).toBareJID(), item.attributeValue("affiliation"), since, until);
    }

    private static String shortV(String version) {
        return version == null ? "null" : version.substring(0, Math.min(8, version.length()));
    }

    /** @return the room's affiliation of every target, as the clustered room cache holds it */
    private Map<String, String> targetLists() {
        final RoomRecord room = harness.room(a, ROOM);
        final Map<String, String> lists = new TreeMap<>();
        TARGETS.forEach(t -> lists.put(t, room.affiliation(t)));
        return lists;
    }

    /** @return the room's version, from its history in the clustered cache */
    private String historyVersion() {
        final String text = ClusterHarness.historyMap(a.member()).get(ROOM_JID.toBareJID());
        assertNotNull("the room has a history", text);
        return AffiliationHistory.versionOf(text);
    }
}
