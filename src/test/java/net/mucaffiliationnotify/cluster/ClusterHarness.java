package net.mucaffiliationnotify.cluster;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;
import static org.mockito.Mockito.mock;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.jivesoftware.openfire.session.Session;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;

import net.mucaffiliationnotify.rules.NotificationComposer;
import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.settings.InMemorySettingLevels;
import net.mucaffiliationnotify.settings.Setting;

/**
 * Openfire nodes in one JVM, clustered by real Hazelcast members (the version Openfire's Hazelcast plugin
 * ships), sharing one database.
 *
 * <p>What is real: the members (TCP/IP join on 127.0.0.1 only, a cluster name of their own per test), the
 * clustered caches (the plugin's room-settings cache and the MUC room cache are Hazelcast {@code IMap}s in
 * BINARY format, created as Openfire's {@code ClusteredCacheFactory.createCache} creates a cache without a
 * static configuration), the cluster lock Openfire's MUC service takes ({@code IMap.lock}), the delivery of a
 * stanza to a session on another node (an asynchronous task on Hazelcast's executor, as Openfire's
 * {@code ClusterPacketRouter} does) and the plugin's own classes. What is simulated: Openfire's routers,
 * interceptor manager and MUC handler, in the order Openfire 5.1.1 runs them (see {@link SimulatedNode}).</p>
 */
final class ClusterHarness implements AutoCloseable {
    static final String SERVICE = "conference";
    static final String SERVICE_DOMAIN = "conference.localhost";
    /** Openfire's LocalMUCRoomManager cache of the service's rooms. */
    static final String ROOMS_CACHE = "MUC Service '" + SERVICE + "' Rooms";
    /** The plugin's cache of room values (a name no static Hazelcast configuration of Openfire's covers). */
    static final String SETTINGS_CACHE = "MUC Affiliation Notify Room Settings";
    /** The plugin's clustered cache of ledgers while requests are in flight. */
    static final String HELD_CACHE = "MUC Affiliation Notify Held JIDs";
    /** The plugin's clustered cache of XEP-0463 histories (one encoded string per room). */
    static final String HISTORY_CACHE = "MUC Affiliation Notify Histories";
    /** Openfire's cluster-task executor ({@code hazelcast.executor.service.name}). */
    static final String EXECUTOR = "openfire::cluster::executor";

    private static final int BASE_PORT = 5751;
    private static final int PORT_COUNT = 30;
    /** Members of every harness in this JVM by Hazelcast instance name, for the tasks that run on them. */
    private static final Map<String, SimulatedNode> NODES_BY_MEMBER = new ConcurrentHashMap<>();

    static {
        System.setProperty("hazelcast.phone.home.enabled", "false");
        System.setProperty("hazelcast.logging.type", "slf4j");
        System.setProperty("org.slf4j.simpleLogger.log.com.hazelcast", "warn");
    }

    final String clusterName = "mucaffnotify-test-" + UUID.randomUUID();
    final SharedDatabase database;
    /** Openfire propagates the global and service levels to all nodes itself; one shared object stands for that. */
    final InMemorySettingLevels levels = new InMemorySettingLevels();
    /** The same for the setting for telling the affected user. */
    final InMemorySettingLevels affectedUserLevels = new InMemorySettingLevels(Setting.AFFECTED_USER);
    /**
     * The XEP-0463 secret ({@code plugin.mucaffiliationnotify.versioning.secret}): created once, kept in the
     * database all nodes share, so every node (and every node started later, after a restart of the whole
     * cluster) keys its versions with the same bytes. Base64 of 32 random bytes, as VersioningProperties makes it.
     */
    final byte[] versionSecret = newVersionSecret();
    private final AtomicInteger memberSeq = new AtomicInteger();
    private final List<SimulatedNode> nodes = Collections.synchronizedList(new ArrayList<>());
    private final List<HazelcastInstance> members = Collections.synchronizedList(new ArrayList<>());
    /** Openfire's routing table of client sessions: real full JID to the node the session is connected to. */
    private final Map<JID, SimulatedNode> sessionNodes = new ConcurrentHashMap<>();
    private final Map<JID, Session> sessions = new ConcurrentHashMap<>();
    /** What each session received, in the order it received it. */
    private final Map<JID, List<Packet>> received = new ConcurrentHashMap<>();
    private final List<Packet> undeliverable = Collections.synchronizedList(new ArrayList<>());
    private final List<Future<?>> remoteDeliveries = Collections.synchronizedList(new ArrayList<>());
    /**
     * Every announcement any node made (empty ones too), in the order the nodes made them: each is made under
     * its room's cluster-wide lock, so a room's announcements are here in the order of its history.
     */
    private final List<net.mucaffiliationnotify.tracking.Announcement> announcements =
        Collections.synchronizedList(new ArrayList<>());

    ClusterHarness() throws Exception {
        database = new SharedDatabase();
    }

    /** @return the levels of a setting, shared by every node */
    InMemorySettingLevels levels(Setting setting) {
        return setting == Setting.NOTIFICATIONS ? levels : affectedUserLevels;
    }

    // ---------------------------------------------------------------- members and nodes

    /** A Hazelcast member configured for this test cluster only: loopback, TCP/IP join, fast failure detection. */
    private Config memberConfig(String nodeName) {
        final Config config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName(clusterName + "-" + nodeName + "-" + memberSeq.incrementAndGet());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        // No split brain happens here (members leave and new ones join): the split-brain search, which pings the
        // whole port range from the cached executor and delays a member's termination by up to 3 s, stays off.
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "600");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "600");
        config.setProperty("hazelcast.partition.count", "31");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "30");
        config.setProperty("hazelcast.operation.call.timeout.millis", "30000");
        config.getMetricsConfig().setEnabled(false);
        config.getJetConfig().setEnabled(false);

        final NetworkConfig network = config.getNetworkConfig();
        network.setPort(BASE_PORT).setPortAutoIncrement(true).setPortCount(PORT_COUNT);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        final JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2);
        for (int port = BASE_PORT; port < BASE_PORT + PORT_COUNT; port++) {
            join.getTcpIpConfig().addMember("127.0.0.1:" + port);
        }

        // As ClusteredCacheFactory.createCache configures a cache it finds no static configuration for:
        // defaults (BINARY, one synchronous backup, no near cache), Openfire's default lifetime (6 hours) and
        // size (256 KB, rounded up to 1 MB of heap).
        config.addMapConfig(new MapConfig(SETTINGS_CACHE)
            .setInMemoryFormat(InMemoryFormat.BINARY)
            .setTimeToLiveSeconds(6 * 3600)
            .setEvictionConfig(new EvictionConfig().setEvictionPolicy(EvictionPolicy.LRU)
                .setMaxSizePolicy(MaxSizePolicy.USED_HEAP_SIZE).setSize(1)));
        // The history cache, as ClusteredCacheFactory.createCache configures it on the plugin's first start: the
        // plugin's setMaxCacheSize/setMaxLifetime calls only store the properties the next creation reads, so
        // the defaults apply (as for the settings cache above).
        config.addMapConfig(new MapConfig(HISTORY_CACHE)
            .setInMemoryFormat(InMemoryFormat.BINARY)
            .setTimeToLiveSeconds(6 * 3600)
            .setEvictionConfig(new EvictionConfig().setEvictionPolicy(EvictionPolicy.LRU)
                .setMaxSizePolicy(MaxSizePolicy.USED_HEAP_SIZE).setSize(1)));
        // LocalMUCRoomManager sets no limit on its room cache.
        config.addMapConfig(new MapConfig(ROOMS_CACHE).setInMemoryFormat(InMemoryFormat.BINARY));
        // hazelcast-cache-config.xml: the default executor has 16 threads.
        config.getExecutorConfig(EXECUTOR).setPoolSize(16);
        return config;
    }

    private static byte[] newVersionSecret() {
        final byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        return java.util.Base64.getEncoder().encodeToString(random).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    HazelcastInstance newMember(String nodeName) {
        final HazelcastInstance member = Hazelcast.newHazelcastInstance(memberConfig(nodeName));
        members.add(member);
        return member;
    }

    /** Starts a node (a fresh plugin instance on a fresh member) and waits until the cluster has formed around it. */
    SimulatedNode startNode(String name) {
        final SimulatedNode node = new SimulatedNode(name, this, newMember(name));
        nodes.add(node);
        awaitClusterSize(runningNodes().size());
        return node;
    }

    /** Starts several nodes, the members in parallel after the first. */
    List<SimulatedNode> startNodes(String... names) throws Exception {
        final long t0 = System.nanoTime();
        final List<SimulatedNode> started = new ArrayList<>();
        started.add(new SimulatedNode(names[0], this, newMember(names[0])));
        final ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, names.length - 1));
        try {
            final List<Future<HazelcastInstance>> futures = new ArrayList<>();
            for (int i = 1; i < names.length; i++) {
                final String name = names[i];
                futures.add(pool.submit(() -> newMember(name)));
            }
            for (int i = 1; i < names.length; i++) {
                started.add(new SimulatedNode(names[i], this, futures.get(i - 1).get(60, TimeUnit.SECONDS)));
            }
        } finally {
            pool.shutdownNow();
        }
        final long t1 = System.nanoTime();
        nodes.addAll(started);
        awaitClusterSize(runningNodes().size());
        log("started " + String.join(",", names) + " in " + (t1 - t0) / 1_000_000 + " ms, safe after "
            + (System.nanoTime() - t0) / 1_000_000 + " ms");
        return started;
    }

    void register(HazelcastInstance member, SimulatedNode node) {
        NODES_BY_MEMBER.put(member.getName(), node);
    }

    void unregister(HazelcastInstance member) {
        NODES_BY_MEMBER.remove(member.getName());
    }

    List<SimulatedNode> runningNodes() {
        synchronized (nodes) {
            return nodes.stream().filter(SimulatedNode::inCluster).collect(Collectors.toList());
        }
    }

    /** Waits until every running member sees {@code size} members and no partition migration is pending. */
    void awaitClusterSize(int size) {
        await("a cluster of " + size + " members", 60, () -> {
            for (SimulatedNode node : runningNodes()) {
                final HazelcastInstance member = node.member();
                if (member == null || member.getCluster().getMembers().size() != size
                    || !member.getPartitionService().isClusterSafe()) {
                    return false;
                }
            }
            return true;
        });
    }

    static void await(String what, int seconds, BooleanSupplier condition) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + seconds + " s waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Shuts every member down at once (a crash of the whole cluster, as far as caches go). */
    void terminateAll() {
        synchronized (nodes) {
            for (SimulatedNode node : nodes) {
                node.forgetMember();
            }
        }
        final List<HazelcastInstance> all;
        synchronized (members) {
            all = new ArrayList<>(members);
        }
        for (HazelcastInstance member : all) {
            if (member.getLifecycleService().isRunning()) {
                member.getLifecycleService().terminate();
            }
            unregister(member);
        }
    }

    static void log(String text) {
        System.out.println("[cluster-harness] " + text);
    }

    @Override
    public void close() throws java.sql.SQLException {
        final long t0 = System.nanoTime();
        try {
            terminateAll();
            log("terminated in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        } finally {
            database.close();
        }
    }

    // ---------------------------------------------------------------- rooms

    /** Creates or replaces a room in the clustered room cache, and connects the sessions of its occupants. */
    void putRoom(SimulatedNode via, RoomRecord room) {
        room.occupantNodes().forEach((full, nodeName) -> connect(node(nodeName), full));
        via.rooms().put(room.name, room);
    }

    RoomRecord room(SimulatedNode via, String name) {
        return via.rooms().get(name);
    }

    SimulatedNode node(String name) {
        synchronized (nodes) {
            for (SimulatedNode node : nodes) {
                if (node.name.equals(name)) {
                    return node;
                }
            }
        }
        throw new IllegalArgumentException("no node " + name);
    }

    // ---------------------------------------------------------------- sessions and routing

    /** A client session connected to a node (Openfire's routing table learns where it is). */
    void connect(SimulatedNode node, String fullJid) {
        final JID jid = new JID(fullJid);
        sessionNodes.put(jid, node);
        sessions.computeIfAbsent(jid, j -> mock(Session.class));
        received.computeIfAbsent(jid, j -> Collections.synchronizedList(new ArrayList<>()));
    }

    Session session(JID fullJid) {
        return sessions.get(fullJid);
    }

    SimulatedNode nodeOf(JID fullJid) {
        return sessionNodes.get(fullJid);
    }

    /**
     * RoutingTable.routePacket for a stanza to a client session: delivered by this node when the session is
     * connected here, else handed to the node it is connected to as an asynchronous cluster task.
     */
    void routeToSession(SimulatedNode from, Packet packet) {
        final SimulatedNode target = sessionNodes.get(packet.getTo());
        if (target == null || !target.inCluster()) {
            undeliverable.add(packet);
            return;
        }
        if (target == from) {
            target.deliverToLocalSession(packet);
            return;
        }
        final HazelcastInstance sender = from.member();
        final HazelcastInstance receiver = target.member();
        assertNotNull("the sending node is in the cluster", sender);
        final com.hazelcast.cluster.Member targetMember = sender.getCluster().getMembers().stream()
            .filter(m -> m.getUuid().equals(receiver.getCluster().getLocalMember().getUuid()))
            .findFirst().orElseThrow(() -> new AssertionError("node " + target.name + " is not a member"));
        remoteDeliveries.add(sender.getExecutorService(EXECUTOR)
            .submitToMember(new RemotePacketExecution(packet), targetMember));
    }

    /**
     * CacheFactory.doClusterTask for the plugin's AnnouncementTask: run on every other member, asynchronously,
     * on Openfire's cluster-task executor (several threads: tasks may run in any order).
     */
    void broadcast(SimulatedNode from, net.mucaffiliationnotify.tracking.Announcement announcement) {
        final HazelcastInstance sender = from.member();
        if (sender == null) {
            return;
        }
        final java.util.UUID self = sender.getCluster().getLocalMember().getUuid();
        for (com.hazelcast.cluster.Member member : sender.getCluster().getMembers()) {
            if (!member.getUuid().equals(self)) {
                remoteDeliveries.add(sender.getExecutorService(EXECUTOR)
                    .submitToMember(new RemoteAnnouncement(announcement), member));
            }
        }
    }

    /** Notes an announcement a node made (called under the room's lock, before the node hands it over). */
    void recordAnnouncement(net.mucaffiliationnotify.tracking.Announcement announcement) {
        announcements.add(announcement);
    }

    /** @return the announcements of every node since the last {@link #clearAnnouncements}, in the order made */
    List<net.mucaffiliationnotify.tracking.Announcement> announcements() {
        synchronized (announcements) {
            return new ArrayList<>(announcements);
        }
    }

    void clearAnnouncements() {
        announcements.clear();
    }

    /** Records what a session received. */
    void received(Packet packet) {
        received.get(packet.getTo()).add(packet);
    }

    /** Waits until every stanza handed to another node has been delivered there. */
    void awaitRemoteDeliveries() throws InterruptedException, ExecutionException, TimeoutException {
        while (true) {
            final List<Future<?>> pending;
            synchronized (remoteDeliveries) {
                pending = new ArrayList<>(remoteDeliveries);
                remoteDeliveries.clear();
            }
            if (pending.isEmpty()) {
                // As the plugin's release thread does every 50 ms: what waited for an earlier announcement.
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                int waiting;
                do {
                    waiting = 0;
                    for (SimulatedNode node : runningNodes()) {
                        waiting += node.releaseOverdue();
                    }
                    if (waiting > 0) {
                        Thread.sleep(20);
                    }
                } while (waiting > 0 && System.nanoTime() < deadline);
                return;
            }
            for (Future<?> future : pending) {
                future.get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** @return what the session received, in order, each as {@link #describe} puts it */
    List<String> receivedBy(String fullJid) {
        final List<Packet> packets = received.get(new JID(fullJid));
        if (packets == null) {
            throw new IllegalArgumentException("no session " + fullJid);
        }
        synchronized (packets) {
            return packets.stream().map(ClusterHarness::describe).collect(Collectors.toList());
        }
    }

    /** @return the stanzas the session received, in order */
    List<Packet> packetsReceivedBy(String fullJid) {
        final List<Packet> packets = received.get(new JID(fullJid));
        if (packets == null) {
            throw new IllegalArgumentException("no session " + fullJid);
        }
        synchronized (packets) {
            return new ArrayList<>(packets);
        }
    }

    /** @return the notifications the session received, in order */
    List<String> notificationsTo(String fullJid) {
        return receivedBy(fullJid).stream().filter(s -> s.startsWith("notify ")).collect(Collectors.toList());
    }

    /** @return every session and what it received, for failure messages */
    Map<String, List<String>> allReceived() {
        final Map<String, List<String>> all = new java.util.TreeMap<>();
        received.keySet().forEach(jid -> all.put(jid.toString(), receivedBy(jid.toString())));
        return all;
    }

    /** @return how many notifications were delivered to all sessions together */
    int notificationCount() {
        return allReceived().values().stream().mapToInt(l -> (int) l.stream().filter(s -> s.startsWith("notify ")).count()).sum();
    }

    List<Packet> undeliverable() {
        return undeliverable;
    }

    void clearReceived() {
        received.values().forEach(List::clear);
    }

    /**
     * "notify jid=affiliation [codes] [reason]" for an affiliation notification, "iq id type" for an IQ,
     * else the stanza's XML.
     */
    static String describe(Packet packet) {
        if (packet instanceof Message) {
            final Element x = packet.getElement().element(new org.dom4j.QName("x",
                org.dom4j.Namespace.get(NotificationComposer.MUC_USER)));
            if (x != null && x.element("item") != null) {
                final Element item = x.element("item");
                final StringBuilder sb = new StringBuilder("notify ").append(item.attributeValue("jid")).append('=')
                    .append(item.attributeValue("affiliation"));
                for (Element status : x.elements("status")) {
                    sb.append(" ").append(status.attributeValue("code"));
                }
                if (item.element("reason") != null) {
                    sb.append(" reason:").append(item.elementText("reason"));
                }
                return sb.toString();
            }
        }
        if (packet instanceof IQ) {
            return "iq " + packet.getID() + " " + ((IQ) packet).getType();
        }
        return packet.toXML();
    }

    /**
     * Openfire's RemotePacketExecution: a stanza handed to the node its recipient is connected to, which
     * delivers it to the local session.
     */
    static final class RemotePacketExecution implements Callable<Boolean>, Serializable, HazelcastInstanceAware {
        private static final long serialVersionUID = 1L;
        private final String xml;
        private transient HazelcastInstance member;

        RemotePacketExecution(Packet packet) {
            this.xml = packet.toXML();
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
            this.member = hazelcastInstance;
        }

        @Override
        public Boolean call() throws DocumentException {
            final SimulatedNode node = NODES_BY_MEMBER.get(member.getName());
            if (node == null) {
                throw new IllegalStateException("no node runs on member " + member.getName());
            }
            final Element element = DocumentHelper.parseText(xml).getRootElement();
            final Packet packet;
            switch (element.getName()) {
                case "message": packet = new Message(element); break;
                case "iq": packet = new IQ(element); break;
                case "presence": packet = new Presence(element); break;
                default: throw new IllegalArgumentException(xml);
            }
            node.deliverToLocalSession(packet);
            return true;
        }
    }

    /**
     * Openfire's Hazelcast executor running the plugin's AnnouncementTask: the task travels serialized (its own
     * Externalizable form), and runs on the receiving member's node.
     */
    static final class RemoteAnnouncement implements Callable<Boolean>, Serializable, HazelcastInstanceAware {
        private static final long serialVersionUID = 1L;
        private final byte[] task;
        private transient HazelcastInstance member;

        RemoteAnnouncement(net.mucaffiliationnotify.tracking.Announcement announcement) {
            try (java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                 java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(new net.mucaffiliationnotify.openfire.AnnouncementTask(announcement));
                out.flush();
                this.task = bytes.toByteArray();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
            this.member = hazelcastInstance;
        }

        @Override
        public Boolean call() throws Exception {
            final SimulatedNode node = NODES_BY_MEMBER.get(member.getName());
            if (node == null) {
                throw new IllegalStateException("no node runs on member " + member.getName());
            }
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(task))) {
                node.receive(((net.mucaffiliationnotify.openfire.AnnouncementTask) in.readObject()).announcement());
            }
            return true;
        }
    }

    static void assertSameMembers(List<String> expected, List<String> actual) {
        final List<String> e = new ArrayList<>(expected);
        final List<String> a = new ArrayList<>(actual);
        Collections.sort(e);
        Collections.sort(a);
        assertEquals(e, a);
    }

    static IMap<String, String> settingsMap(HazelcastInstance member) {
        return member.getMap(SETTINGS_CACHE);
    }

    static IMap<String, String> historyMap(HazelcastInstance member) {
        return member.getMap(HISTORY_CACHE);
    }
}
