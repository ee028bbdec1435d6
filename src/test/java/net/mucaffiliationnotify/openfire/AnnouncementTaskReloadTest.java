package net.mucaffiliationnotify.openfire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.util.cache.ClusterTask;
import org.junit.After;
import org.junit.Test;
import org.mockito.MockedStatic;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import net.mucaffiliationnotify.rules.AffiliationChange;
import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.rules.Notification;
import net.mucaffiliationnotify.tracking.Announcement;

/**
 * The plugin was unloaded and loaded again on this node (or upgraded). Hazelcast resolves the classes of the
 * tasks it receives by name through Openfire's ClusterClassLoader and keeps them in its class cache, so the next
 * AnnouncementTask from another node can be read with the class of the plugin's previous class loader, whose
 * statics belong to the stopped plugin. Seen on a real two-node Openfire 5.1.1 cluster: after B's reload, B's
 * observer missed 26 of 77 notifications (every one A made), and B's own announcements each waited 2 s for them.
 * The task must still reach the running plugin.
 */
public class AnnouncementTaskReloadTest {
    private static final JID ROOM = new JID("room@conference.localhost");
    private final List<Announcement> received = Collections.synchronizedList(new ArrayList<>());
    private MockedStatic<XMPPServer> server;

    @After
    public void tearDown() {
        AnnouncementTask.receiveWith(null);
        if (server != null) {
            server.close();
        }
    }

    /** The previous plugin's class loader: the plugin's own classes from the same files, everything else shared. */
    private static final class FormerPluginLoader extends URLClassLoader {
        FormerPluginLoader() {
            super(new URL[] {location()}, AnnouncementTaskReloadTest.class.getClassLoader());
        }

        private static URL location() {
            return AnnouncementTask.class.getProtectionDomain().getCodeSource().getLocation();
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("net.mucaffiliationnotify.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                return c;
            }
        }
    }

    /** What Hazelcast does on the receiving node: the task's bytes read with the class its cache holds. */
    private static ClusterTask<?> readWith(ClassLoader loader, byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                return Class.forName(desc.getName(), false, loader);
            }
        }) {
            return (ClusterTask<?>) in.readObject();
        }
    }

    private static byte[] bytesOf(Object task) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(task);
        }
        return bytes.toByteArray();
    }

    private static Announcement announcement() {
        final Message message = new Message();
        message.setFrom(ROOM);
        message.setTo("observer@localhost/b");
        message.addChildElement("x", "http://jabber.org/protocol/muc#user").addElement("item")
            .addAttribute("jid", "t1@localhost").addAttribute("affiliation", "admin");
        return new Announcement(ROOM, 4, "v4", 5, "v5", List.of(new Notification(message,
            new AffiliationChange(new JID("t1@localhost"), MucAffiliation.admin, null))));
    }

    /** The running plugin as Openfire's PluginManager finds it by its name. */
    private void running(Plugin plugin) {
        final PluginManager plugins = mock(PluginManager.class);
        when(plugins.getPluginByName("MUC Affiliation Notify")).thenReturn(Optional.of(plugin));
        final XMPPServer xmpp = mock(XMPPServer.class);
        when(xmpp.getPluginManager()).thenReturn(plugins);
        server = mockStatic(XMPPServer.class);
        server.when(XMPPServer::getInstance).thenReturn(xmpp);
    }

    @Test
    public void aTaskReadWithTheFormerPluginsClassStillReachesTheRunningPlugin() throws Exception {
        AnnouncementTask.receiveWith(received::add);
        running(new MucAffiliationNotifyPlugin());
        try (FormerPluginLoader former = new FormerPluginLoader()) {
            final ClusterTask<?> task = readWith(former, bytesOf(new AnnouncementTask(announcement())));
            assertNotSame("read with the former plugin's class", AnnouncementTask.class, task.getClass());

            task.run();
        }
        assertEquals(1, received.size());
        final Announcement got = received.get(0);
        assertEquals(ROOM, got.room());
        assertEquals(List.of(4L, "v4", 5L, "v5"), List.of(got.from(), got.since(), got.to(), got.until()));
        assertEquals(announcement().notifications().get(0).stanza().toXML(),
            got.notifications().get(0).stanza().toXML());
    }

    @Test
    public void theNameTheTaskLooksForIsThePluginsName() throws IOException {
        // plugin.xml's <name> is the project's name (filtered at build time).
        final String pom = java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml"));
        final String plugin = java.nio.file.Files.readString(java.nio.file.Path.of("plugin.xml"));
        assertEquals(true, plugin.contains("<name>${project.name}</name>"));
        assertEquals(true, pom.contains("<name>" + AnnouncementTask.PLUGIN_NAME + "</name>"));
    }

    @Test
    public void withThePluginStoppedOnThisNodeATaskDeliversNothing() throws Exception {
        running(mock(Plugin.class));
        new AnnouncementTask(announcement()).run();
        assertEquals(List.of(), received);
    }
}
