package net.mucaffiliationnotify.cluster;

import static net.mucaffiliationnotify.cluster.SimulatedNode.adminItems;
import static net.mucaffiliationnotify.cluster.SimulatedNode.roomKey;
import static net.mucaffiliationnotify.cluster.Verona.ESCALUS;
import static net.mucaffiliationnotify.cluster.Verona.ROMEO;
import static net.mucaffiliationnotify.cluster.Verona.adminSet;
import static net.mucaffiliationnotify.cluster.Verona.item;
import static net.mucaffiliationnotify.cluster.Verona.roomJid;
import static net.mucaffiliationnotify.settings.Setting.NOTIFICATIONS;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.xmpp.packet.IQ;

import net.mucaffiliationnotify.settings.EffectiveSetting;
import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.settings.RoomKey;
import net.mucaffiliationnotify.settings.Setting;
import net.mucaffiliationnotify.settings.Source;

/**
 * The per-room switch (R12) in a cluster of real Hazelcast members: every node has its own plugin instance
 * whose room values are cached in a cache backed by its member's map, in front of the one database all nodes
 * share. A change made on one node is seen on the others at once; a node that leaves and rejoins, or a whole
 * cluster that restarts, neither loses a value nor brings a forgotten one back.
 */
public class ClusterSettingsTest {
    private static final RoomKey COUNCIL = roomKey("council");
    private static final RoomKey GARDEN = roomKey("garden");
    private static final RoomKey ORCHARD = roomKey("orchard");
    private static final EffectiveSetting ON_BY_ROOM = new EffectiveSetting(true, Source.ROOM);
    private static final EffectiveSetting OFF_BY_ROOM = new EffectiveSetting(false, Source.ROOM);
    private static final EffectiveSetting ON_BY_DEFAULT = new EffectiveSetting(true, Source.GLOBAL);

    private ClusterHarness harness;

    @Before
    public void setUp() throws Exception {
        harness = new ClusterHarness();
    }

    @After
    public void tearDown() throws Exception {
        harness.close();
    }

    private static int loads(SimulatedNode... nodes) {
        int loads = 0;
        for (SimulatedNode node : nodes) {
            loads += node.store.loads.get();
        }
        return loads;
    }

    /** (a) A toggle on one node is seen by the others at once, and governs requests processed there. */
    @Test
    public void aRoomSwitchedOnOneNodeIsSwitchedOnEveryNodeAtOnce() throws Exception {
        final List<SimulatedNode> nodes = harness.startNodes("A", "B", "C");
        final SimulatedNode a = nodes.get(0);
        final SimulatedNode b = nodes.get(1);
        final SimulatedNode c = nodes.get(2);
        harness.putRoom(a, Verona.council());
        Verona.connectOutsiders(harness);

        // Every node reads the room's value; the cache is the cluster's, so the database is read once.
        for (SimulatedNode node : nodes) {
            assertEquals(node.toString(), ON_BY_DEFAULT, node.settings.of(NOTIFICATIONS).effective(COUNCIL));
        }
        assertEquals("database reads for the whole cluster", 1, loads(a, b, c));

        a.settings.of(NOTIFICATIONS).setRoomMode(COUNCIL, Mode.OFF);
        // No waiting: the next read on any node sees it, from the cache (no database read).
        assertFalse(b.settings.isEnabled(roomJid("council")));
        assertEquals(OFF_BY_ROOM, c.settings.of(NOTIFICATIONS).effective(COUNCIL));
        assertEquals(OFF_BY_ROOM, b.settings.of(NOTIFICATIONS).effective(COUNCIL));
        assertEquals(1, loads(a, b, c));
        assertEquals(Map.of("conference/council", 0), harness.database.rows());

        // A change processed on B in the room switched off on A: nothing is sent, and the reply is not held.
        final IQ grant = adminSet(ESCALUS, "council", "grant-off", item("member", "rosaline@localhost"));
        b.clientSendsIq(grant, adminItems(grant));
        harness.awaitRemoteDeliveries();
        assertEquals(List.of("iq grant-off result"), harness.receivedBy(ESCALUS));
        assertEquals(harness.allReceived().toString(), 0, harness.notificationCount());
        assertTrue("nothing held or dropped on B", b.rejected.isEmpty());
        assertEquals("member", harness.room(c, "council").affiliation("rosaline@localhost"));

        // Back on, at C: A and B see it at once, and the next change, processed on A, is announced.
        c.settings.of(NOTIFICATIONS).setRoomMode(COUNCIL, Mode.ON);
        assertTrue(a.settings.isEnabled(roomJid("council")));
        assertEquals(ON_BY_ROOM, b.settings.of(NOTIFICATIONS).effective(COUNCIL));
        assertEquals(ON_BY_ROOM, a.settings.of(NOTIFICATIONS).effective(COUNCIL));
        final IQ ban = adminSet(ROMEO, "council", "ban-on", item("outcast", "rosaline@localhost"));
        a.clientSendsIq(ban, adminItems(ban));
        harness.awaitRemoteDeliveries();
        assertEquals(List.of("notify rosaline@localhost=outcast 301", "iq ban-on result"), harness.receivedBy(ROMEO));
        assertEquals(harness.allReceived().toString(), Verona.COUNCIL_MODERATORS.size(), harness.notificationCount());

        // The service level (propagated by Openfire itself) applies on every node once the room inherits.
        harness.levels.setServiceMode(ClusterHarness.SERVICE, Mode.OFF);
        assertEquals(ON_BY_ROOM, c.settings.of(NOTIFICATIONS).effective(COUNCIL));
        b.settings.of(NOTIFICATIONS).setRoomMode(COUNCIL, Mode.INHERIT);
        for (SimulatedNode node : nodes) {
            assertEquals(node.toString(), new EffectiveSetting(false, Source.SERVICE), node.settings.of(NOTIFICATIONS).effective(COUNCIL));
        }
        assertEquals(Map.of(), harness.database.rows());
        for (SimulatedNode node : nodes) {
            node.assertIdle();
        }
    }

    /** (b) A node leaves (gracefully, then another crashes) and rejoins: nothing is lost, nothing comes back. */
    @Test
    public void aNodeLeavingAndRejoiningNeitherLosesNorResurrectsValues() throws Exception {
        final List<SimulatedNode> nodes = harness.startNodes("A", "B", "C");
        final SimulatedNode a = nodes.get(0);
        final SimulatedNode b = nodes.get(1);
        final SimulatedNode c = nodes.get(2);

        a.settings.of(NOTIFICATIONS).setRoomMode(COUNCIL, Mode.OFF);
        a.settings.of(NOTIFICATIONS).setRoomMode(GARDEN, Mode.OFF);
        c.settings.of(NOTIFICATIONS).setRoomMode(ORCHARD, Mode.ON);
        // B reads them (from the cluster's cache).
        assertEquals(OFF_BY_ROOM, b.settings.of(NOTIFICATIONS).effective(COUNCIL));
        assertEquals(OFF_BY_ROOM, b.settings.of(NOTIFICATIONS).effective(GARDEN));
        assertEquals(ON_BY_ROOM, b.settings.of(NOTIFICATIONS).effective(ORCHARD));

        b.leaveCluster(true);
        harness.awaitClusterSize(2);

        // While B is out: the council is switched back on and the garden is destroyed, on the nodes still in.
        a.settings.of(NOTIFICATIONS).setRoomMode(COUNCIL, Mode.ON);
        c.settings.forgetRoom(GARDEN);
        assertEquals(ON_BY_ROOM, c.settings.of(NOTIFICATIONS).effective(COUNCIL));
        assertEquals(ON_BY_DEFAULT, a.settings.of(NOTIFICATIONS).effective(GARDEN));

        // B, on its own now, starts from a purged cache: it reads the database and sees both changes.
        final int standaloneLoads = b.store.loads.get();
        assertEquals(ON_BY_ROOM, b.settings.of(NOTIFICATIONS).effective(COUNCIL));
        assertEquals(ON_BY_DEFAULT, b.settings.of(NOTIFICATIONS).effective(GARDEN));
        assertEquals(ON_BY_ROOM, b.settings.of(NOTIFICATIONS).effective(ORCHARD));
        assertEquals("B read its values from the database", standaloneLoads + 3, b.store.loads.get());

        b.joinCluster();
        harness.awaitClusterSize(3);
        for (SimulatedNode node : nodes) {
            assertEquals(node.toString(), ON_BY_ROOM, node.settings.of(NOTIFICATIONS).effective(COUNCIL));
            assertEquals(node.toString(), ON_BY_DEFAULT, node.settings.of(NOTIFICATIONS).effective(GARDEN));
            assertEquals(node.toString(), ON_BY_ROOM, node.settings.of(NOTIFICATIONS).effective(ORCHARD));
        }
        assertNotEquals("the destroyed room's value is not back in the cache", "off",
            ClusterHarness.settingsMap(b.member()).get(GARDEN.cacheKey()));
        assertEquals(Map.of("conference/council", 1, "conference/orchard", 1), harness.database.rows());

        // C crashes (no graceful leave): the backups of its partitions take over; nothing is lost, and the
        // values are still served from the cache.
        final int loadsBeforeCrash = loads(a, b, c);
        c.leaveCluster(false);
        harness.awaitClusterSize(2);
        for (SimulatedNode node : List.of(a, b)) {
            assertEquals(node.toString(), ON_BY_ROOM, node.settings.of(NOTIFICATIONS).effective(COUNCIL));
            assertEquals(node.toString(), ON_BY_DEFAULT, node.settings.of(NOTIFICATIONS).effective(GARDEN));
            assertEquals(node.toString(), ON_BY_ROOM, node.settings.of(NOTIFICATIONS).effective(ORCHARD));
        }
        assertEquals("no value lost from the cache", loadsBeforeCrash, loads(a, b, c));
    }

    /** (b) The whole cluster goes down and new members start: every value comes from the database. */
    @Test
    public void afterTheWholeClusterRestartsValuesComeFromTheDatabase() throws Exception {
        final List<SimulatedNode> before = harness.startNodes("A", "B");
        before.get(0).settings.of(NOTIFICATIONS).setRoomMode(COUNCIL, Mode.OFF);
        before.get(1).settings.of(NOTIFICATIONS).setRoomMode(ORCHARD, Mode.ON);
        before.get(1).settings.of(NOTIFICATIONS).setRoomMode(GARDEN, Mode.OFF);
        before.get(0).settings.forgetRoom(GARDEN);

        harness.terminateAll();

        final List<SimulatedNode> after = harness.startNodes("A2", "B2");
        assertEquals(0, ClusterHarness.settingsMap(after.get(0).member()).size());
        for (SimulatedNode node : after) {
            assertEquals(node.toString(), OFF_BY_ROOM, node.settings.of(NOTIFICATIONS).effective(COUNCIL));
            assertEquals(node.toString(), ON_BY_ROOM, node.settings.of(NOTIFICATIONS).effective(ORCHARD));
            assertEquals(node.toString(), ON_BY_DEFAULT, node.settings.of(NOTIFICATIONS).effective(GARDEN));
        }
        assertEquals("each value read from the database once, for the whole new cluster", 3,
            loads(after.get(0), after.get(1)));
    }
    /**
     * The plugin is unloaded and loaded again on one node: its destroyPlugin destroys the settings cache,
     * which in a cluster is the one map all nodes share (ClusteredCacheFactory.destroyCache calls
     * IMap.destroy). The other nodes keep their cache objects: they lose no value (the database has them all)
     * and serve nothing stale, and a change made by the new plugin instance is seen by them at once.
     */
    @Test
    public void aPluginReloadedOnOneNodeLeavesEveryNodeWithTheRightValues() throws Exception {
        final List<SimulatedNode> nodes = harness.startNodes("A", "B");
        final SimulatedNode a = nodes.get(0);
        final SimulatedNode b = nodes.get(1);
        a.settings.of(NOTIFICATIONS).setRoomMode(COUNCIL, Mode.OFF);
        b.settings.of(NOTIFICATIONS).setRoomMode(ORCHARD, Mode.ON);
        assertEquals(OFF_BY_ROOM, b.settings.of(NOTIFICATIONS).effective(COUNCIL));

        // destroyPlugin on A: CacheFactory.destroyCache(name), then initializePlugin: a new plugin instance.
        ClusterHarness.settingsMap(a.member()).destroy();
        final SimulatedNode reloaded = new SimulatedNode("A-reloaded", harness, a.member());

        assertEquals(OFF_BY_ROOM, b.settings.of(NOTIFICATIONS).effective(COUNCIL));
        assertEquals(ON_BY_ROOM, b.settings.of(NOTIFICATIONS).effective(ORCHARD));
        reloaded.settings.of(NOTIFICATIONS).setRoomMode(COUNCIL, Mode.ON);
        assertEquals(ON_BY_ROOM, b.settings.of(NOTIFICATIONS).effective(COUNCIL));
        b.settings.of(NOTIFICATIONS).setRoomMode(ORCHARD, Mode.OFF);
        assertEquals(OFF_BY_ROOM, reloaded.settings.of(NOTIFICATIONS).effective(ORCHARD));
        assertEquals(Map.of("conference/council", 1, "conference/orchard", 0), harness.database.rows());
    }

    /**
     * The setting for telling the affected user travels as the notifications' does: switched on one node, seen
     * on the others at once from the cluster's cache (its own entry, the room's notification value untouched),
     * each read from the database once for the whole cluster, kept over a whole-cluster restart, forgotten with
     * the room.
     */
    @Test
    public void theAffectedUsersSettingIsSeenOnEveryNodeAtOnce() throws Exception {
        final List<SimulatedNode> nodes = harness.startNodes("A", "B", "C");
        final SimulatedNode a = nodes.get(0);
        final SimulatedNode b = nodes.get(1);
        final SimulatedNode c = nodes.get(2);
        final EffectiveSetting offByDefault = new EffectiveSetting(false, Source.GLOBAL);
        for (SimulatedNode node : nodes) {
            assertEquals(node.toString(), offByDefault, node.settings.of(Setting.AFFECTED_USER).effective(COUNCIL));
            assertFalse(node.settings.tellsAffectedUser(roomJid("council")));
        }
        assertEquals("database reads for the whole cluster", 1,
            a.affectedUserStore.loads.get() + b.affectedUserStore.loads.get() + c.affectedUserStore.loads.get());

        a.settings.of(Setting.AFFECTED_USER).setRoomMode(COUNCIL, Mode.ON);
        assertTrue(b.settings.tellsAffectedUser(roomJid("council")));
        assertEquals(ON_BY_ROOM, c.settings.of(Setting.AFFECTED_USER).effective(COUNCIL));
        assertEquals("the notifications are untouched", ON_BY_DEFAULT, c.settings.of(NOTIFICATIONS).effective(COUNCIL));
        assertEquals(Map.of("conference/council", 1), harness.database.affectedUserRows());
        assertEquals(Map.of(), harness.database.rows());

        // Notifications switched off on B: C tells nobody, whatever the affected user's setting says.
        b.settings.of(NOTIFICATIONS).setRoomMode(COUNCIL, Mode.OFF);
        assertFalse(c.settings.tellsAffectedUser(roomJid("council")));
        assertEquals(ON_BY_ROOM, a.settings.of(Setting.AFFECTED_USER).effective(COUNCIL));
        b.settings.of(NOTIFICATIONS).setRoomMode(COUNCIL, Mode.INHERIT);
        assertTrue(a.settings.tellsAffectedUser(roomJid("council")));

        // Service and global levels, which Openfire propagates, apply everywhere.
        harness.affectedUserLevels.setGlobalEnabled(true);
        assertTrue(c.settings.tellsAffectedUser(roomJid("garden")));
        harness.affectedUserLevels.setServiceMode(ClusterHarness.SERVICE, Mode.OFF);
        assertFalse(b.settings.tellsAffectedUser(roomJid("garden")));
        assertTrue("the room's own value decides", b.settings.tellsAffectedUser(roomJid("council")));

        harness.terminateAll();
        final List<SimulatedNode> after = harness.startNodes("A2", "B2");
        for (SimulatedNode node : after) {
            assertEquals(node.toString(), ON_BY_ROOM, node.settings.of(Setting.AFFECTED_USER).effective(COUNCIL));
        }
        after.get(0).settings.forgetRoom(COUNCIL);
        assertEquals(Map.of(), harness.database.affectedUserRows());
        assertEquals(new EffectiveSetting(false, Source.SERVICE),
            after.get(1).settings.of(Setting.AFFECTED_USER).effective(COUNCIL));
    }
}
