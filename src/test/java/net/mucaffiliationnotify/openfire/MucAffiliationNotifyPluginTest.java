package net.mucaffiliationnotify.openfire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jivesoftware.openfire.PacketRouter;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.event.GroupEventDispatcher;
import org.jivesoftware.openfire.event.GroupEventListener;
import org.jivesoftware.openfire.group.Group;
import org.jivesoftware.openfire.group.GroupJID;
import org.jivesoftware.openfire.interceptor.InterceptorManager;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.muc.MUCEventDispatcher;
import org.jivesoftware.openfire.muc.MUCEventListener;
import org.jivesoftware.openfire.stats.Statistic;
import org.jivesoftware.openfire.stats.StatisticsManager;
import org.jivesoftware.util.cache.CacheFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.mockito.MockedStatic;

import net.mucaffiliationnotify.statistics.Counter;

/**
 * Load wires the interceptor, the MUC and group listeners, the caches and the background threads; unload removes them;
 * 100 cycles leave nothing behind (servlets are Openfire's: it unregisters web.xml with the plugin).
 */
public class MucAffiliationNotifyPluginTest {
    @BeforeClass
    public static void withoutDatabase() {
        OpenfireWithoutDatabase.configure();
    }

    private final List<PacketInterceptor> interceptors = new ArrayList<>();
    private final List<MUCEventListener> listeners = new ArrayList<>();
    private final List<GroupEventListener> groupListeners = new ArrayList<>();
    private MockedStatic<XMPPServer> server;
    private MockedStatic<InterceptorManager> interceptorManager;
    private MockedStatic<MUCEventDispatcher> dispatcher;
    private MockedStatic<GroupEventDispatcher> groupDispatcher;
    private MockedStatic<org.jivesoftware.openfire.cluster.ClusterManager> cluster;
    private boolean clustered;

    @Before
    public void setUp() {
        final MockMuc muc = new MockMuc();
        final XMPPServer xmppServer = mock(XMPPServer.class);
        when(xmppServer.getMultiUserChatManager()).thenReturn(muc.manager);
        when(xmppServer.getPacketRouter()).thenReturn(mock(PacketRouter.class));
        // The real SystemProperty asks the PluginManager for the plugin's i18n description.
        when(xmppServer.getPluginManager()).thenReturn(mock(PluginManager.class));
        final InterceptorManager manager = mock(InterceptorManager.class);
        doAnswer(call -> interceptors.add(call.getArgument(0))).when(manager).addInterceptor(any());
        doAnswer(call -> interceptors.remove(call.<PacketInterceptor>getArgument(0))).when(manager).removeInterceptor(any());

        server = mockStatic(XMPPServer.class);
        server.when(XMPPServer::getInstance).thenReturn(xmppServer);
        interceptorManager = mockStatic(InterceptorManager.class);
        interceptorManager.when(InterceptorManager::getInstance).thenReturn(manager);
        cluster = mockStatic(org.jivesoftware.openfire.cluster.ClusterManager.class);
        cluster.when(org.jivesoftware.openfire.cluster.ClusterManager::isClusteringStarted).thenAnswer(call -> clustered);
        dispatcher = mockStatic(MUCEventDispatcher.class);
        dispatcher.when(() -> MUCEventDispatcher.addListener(any())).thenAnswer(call -> listeners.add(call.getArgument(0)));
        dispatcher.when(() -> MUCEventDispatcher.removeListener(any())).thenAnswer(call -> listeners.remove(call.<MUCEventListener>getArgument(0)));
        groupDispatcher = mockStatic(GroupEventDispatcher.class);
        groupDispatcher.when(() -> GroupEventDispatcher.addListener(any()))
            .thenAnswer(call -> groupListeners.add(call.getArgument(0)));
        groupDispatcher.when(() -> GroupEventDispatcher.removeListener(any()))
            .thenAnswer(call -> groupListeners.remove(call.<GroupEventListener>getArgument(0)));
    }

    @After
    public void tearDown() {
        groupDispatcher.close();
        cluster.close();
        dispatcher.close();
        interceptorManager.close();
        server.close();
    }

    @Test
    public void loadRegistersAndUnloadRemoves() {
        final MucAffiliationNotifyPlugin plugin = new MucAffiliationNotifyPlugin();
        plugin.initializePlugin(null, new File("."));
        assertEquals(1, interceptors.size());
        assertTrue(interceptors.get(0) instanceof AffiliationChangeInterceptor);
        assertEquals(1, listeners.size());
        assertEquals(1, groupListeners.size());
        assertTrue(groupListeners.get(0) instanceof GroupChangeListener);

        assertTrue("the admin pages find the settings", plugin.settings() != null && plugin.catalog() != null);
        // Bounds set through the cache properties, which a cluster reads when it first creates the cache.
        for (String cache : List.of(MucAffiliationNotifyPlugin.ROOM_CACHE, MucAffiliationNotifyPlugin.HELD_CACHE,
            MucAffiliationNotifyPlugin.HISTORY_CACHE, MucAffiliationNotifyPlugin.LAST_CHANGE_CACHE)) {
            assertTrue(cache, org.jivesoftware.util.cache.CacheFactory.hasMaxSizeFromProperty(cache));
            assertTrue(cache, org.jivesoftware.util.cache.CacheFactory.hasMaxLifetimeFromProperty(cache));
        }

        // Every counter is an Openfire statistic that reads the running counters.
        for (Counter counter : Counter.values()) {
            final Statistic statistic = StatisticsManager.getInstance()
                .getStatistic(PublishedStatistics.KEY_PREFIX + counter.key());
            assertNotNull(counter.key(), statistic);
            assertTrue("each node counts its own; a cluster adds them up", statistic.isPartialSample());
        }
        plugin.counters().add(Counter.NOTIFICATIONS_SENT, 7);
        assertEquals(7.0, StatisticsManager.getInstance()
            .getStatistic(PublishedStatistics.KEY_PREFIX + "notifications_sent").sample(), 0.0);
        assertEquals(PublishedStatistics.totalType(), StatisticsManager.getInstance()
            .getStatistic(PublishedStatistics.KEY_PREFIX + "failures").getStatType());

        plugin.destroyPlugin();
        assertEquals(0, interceptors.size());
        assertEquals(0, listeners.size());
        assertEquals(0, groupListeners.size());
        assertNull(plugin.settings());
        assertNull(plugin.catalog());
        assertNull(plugin.counters());
        for (Counter counter : Counter.values()) {
            assertNull("withdrawn on unload", StatisticsManager.getInstance()
                .getStatistic(PublishedStatistics.KEY_PREFIX + counter.key()));
        }
    }

    @Test
    public void hundredLoadUnloadCyclesLeaveNothingBehind() {
        Object previousCache = null;
        for (int i = 0; i < 100; i++) {
            final MucAffiliationNotifyPlugin plugin = new MucAffiliationNotifyPlugin();
            plugin.initializePlugin(null, new File("."));
            final Object cache = CacheFactory.createCache(MucAffiliationNotifyPlugin.ROOM_CACHE);
            assertNotSame("each load gets a fresh cache: the previous one was destroyed", previousCache, cache);
            previousCache = cache;
            plugin.destroyPlugin();
            plugin.destroyPlugin(); // a second unload is harmless
        }
        assertEquals(0, interceptors.size());
        assertEquals(0, listeners.size());
        assertEquals(0, groupListeners.size());
        assertEquals("no housekeeping thread left", 0, housekeepingThreads());
    }

    /**
     * Unloading on one node of a cluster (a rolling upgrade) leaves the shared caches to the other nodes:
     * 1.1.0 destroyed them, which in Hazelcast empties them on every node (histories, requests in flight).
     */
    @Test
    public void unloadingOnOneClusterNodeKeepsTheSharedCaches() {
        clustered = true;
        final MucAffiliationNotifyPlugin plugin = new MucAffiliationNotifyPlugin();
        plugin.initializePlugin(null, new File("."));
        final org.jivesoftware.util.cache.Cache<String, String> histories =
            CacheFactory.createCache(MucAffiliationNotifyPlugin.HISTORY_CACHE);
        histories.put("room@conference.localhost", "another node's history");
        plugin.destroyPlugin();
        assertSame(histories, CacheFactory.createCache(MucAffiliationNotifyPlugin.HISTORY_CACHE));
        assertEquals("another node's history", histories.get("room@conference.localhost"));

        clustered = false;
        final MucAffiliationNotifyPlugin single = new MucAffiliationNotifyPlugin();
        single.initializePlugin(null, new File("."));
        single.destroyPlugin();
        assertNotSame("a single node leaves no cache behind", histories,
            CacheFactory.createCache(MucAffiliationNotifyPlugin.HISTORY_CACHE));
    }

    @Test
    public void housekeepingSweepAndGroupThreadsLiveWhileLoaded() throws InterruptedException {
        final MucAffiliationNotifyPlugin plugin = new MucAffiliationNotifyPlugin();
        plugin.initializePlugin(null, new File("."));
        assertEquals("housekeeping and sweep", 2, housekeepingThreads());
        // The group checks' thread starts with the first group event.
        final Group group = mock(Group.class);
        when(group.getJID()).thenReturn((GroupJID) GroupJID.fromString(
            "cdgn0tbcclq76===@localhost/95b2a835dd8afa78fce2043d8dad72b3"));
        groupListeners.get(0).memberAdded(group, Map.of("member", "juliet@localhost"));
        assertEquals("housekeeping, sweep and group checks", 3, housekeepingThreads());
        plugin.destroyPlugin();
        // Their executors have terminated; a thread may take a moment longer to leave its run().
        final long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (housekeepingThreads() > 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertEquals(0, housekeepingThreads());
    }

    private static long housekeepingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && (MucAffiliationNotifyPlugin.HOUSEKEEPING_THREAD.equals(t.getName())
                || MucAffiliationNotifyPlugin.SWEEP_THREAD.equals(t.getName())
                || GroupChangeListener.THREAD.equals(t.getName())))
            .count();
    }
}
