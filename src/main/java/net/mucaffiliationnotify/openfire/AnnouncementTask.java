package net.mucaffiliationnotify.openfire;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.dom4j.DocumentException;
import org.dom4j.io.SAXReader;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.util.cache.ClusterTask;
import org.xml.sax.SAXException;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import net.mucaffiliationnotify.rules.Notification;
import net.mucaffiliationnotify.tracking.Announcement;

/**
 * An announcement made on one cluster node, run on every other node, which delivers it to its own sessions
 * in the room's order ({@link RoutingNotificationSink#receive}). Openfire's Hazelcast plugin finds this class
 * in the plugin's class loader; a node without the plugin cannot run it (and has no one to deliver for).
 *
 * <p>The class that runs a task may be a former copy of this one: Hazelcast keeps the classes it resolves by
 * name (through Openfire's ClusterClassLoader) in a cache of its own, so after the plugin was unloaded and
 * loaded again on a node (or upgraded), a task can be read there with the class of the stopped plugin's class
 * loader, whose receiver is gone. Such a copy hands the task's content, in JDK types only, to the running
 * plugin, which Openfire's PluginManager finds by name ({@link #receiveParts}).</p>
 */
public final class AnnouncementTask implements ClusterTask<Void> {
    /** The plugin's name in plugin.xml, by which Openfire's PluginManager finds the running plugin. */
    static final String PLUGIN_NAME = "MUC Affiliation Notify";
    /** The form of {@link #parts()}: changed whenever the parts change, so that no copy misreads another's. */
    private static final String PARTS_FORM = "announcement-parts-1";

    /** The receiver on this node: the running plugin's sink; {@code null} while the plugin is not running. */
    private static volatile Consumer<Announcement> receiver;
    /** Longest stanza accepted from another node: far above any notification, a bound on what is read. */
    private static final int MAX_STANZA_BYTES = 1 << 20;

    private String room;
    private long from;
    private String since;
    private long to;
    private String until;
    private List<String> stanzas;

    /** For deserialization. */
    public AnnouncementTask() {
    }

    /** @param announcement what to deliver on the other nodes */
    public AnnouncementTask(Announcement announcement) {
        this.room = announcement.room().toBareJID();
        this.from = announcement.from();
        this.since = announcement.since();
        this.to = announcement.to();
        this.until = announcement.until();
        this.stanzas = new ArrayList<>(announcement.notifications().size());
        for (Notification notification : announcement.notifications()) {
            stanzas.add(notification.stanza().toXML());
        }
    }

    /** @param sink the receiver on this node, or {@code null} when the plugin stops */
    static void receiveWith(Consumer<Announcement> sink) {
        receiver = sink;
    }

    @Override
    public void run() {
        final Consumer<Announcement> sink = receiver;
        if (sink != null) {
            sink.accept(announcement());
            return;
        }
        // No receiver: the plugin does not run here, or this is a former copy of the class (see above).
        final Consumer<Object[]> running = runningPlugin();
        if (running != null) {
            running.accept(parts());
        }
    }

    /** @return the task's content in JDK types only, for the running plugin whatever class loader loaded it */
    private Object[] parts() {
        return new Object[] {PARTS_FORM, room, from, since, to, until, List.copyOf(stanzas)};
    }

    /** @return the running plugin as Openfire knows it, as a receiver of {@link #parts()}; {@code null} if none */
    @SuppressWarnings("unchecked")
    private static Consumer<Object[]> runningPlugin() {
        try {
            final Optional<Plugin> plugin = XMPPServer.getInstance().getPluginManager().getPluginByName(PLUGIN_NAME);
            return plugin.isPresent() && plugin.get() instanceof Consumer ? (Consumer<Object[]>) plugin.get() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * What a former copy of this class ran: delivered by the running plugin's receiver.
     *
     * @param parts the copy's {@link #parts()}
     */
    @SuppressWarnings("unchecked")
    static void receiveParts(Object[] parts) {
        final Consumer<Announcement> sink = receiver;
        if (sink == null || parts == null || parts.length != 7 || !PARTS_FORM.equals(parts[0])) {
            return;
        }
        final AnnouncementTask task = new AnnouncementTask();
        task.room = (String) parts[1];
        task.from = (Long) parts[2];
        task.since = (String) parts[3];
        task.to = (Long) parts[4];
        task.until = (String) parts[5];
        task.stanzas = new ArrayList<>((List<String>) parts[6]);
        sink.accept(task.announcement());
    }

    /** @return the announcement, its stanzas parsed again */
    public Announcement announcement() {
        final List<Notification> notifications = new ArrayList<>(stanzas.size());
        for (String xml : stanzas) {
            notifications.add(new Notification(new Message(parse(xml), true)));
        }
        return new Announcement(new JID(room), from, since, to, until, notifications);
    }

    private static org.dom4j.Element parse(String xml) {
        try {
            final SAXReader reader = new SAXReader();
            reader.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return reader.read(new StringReader(xml)).getRootElement();
        } catch (DocumentException | SAXException e) {
            throw new IllegalArgumentException("Not a stanza: " + xml, e);
        }
    }

    @Override
    public Void getResult() {
        return null;
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        out.writeUTF(room);
        out.writeLong(from);
        out.writeUTF(since);
        out.writeLong(to);
        out.writeUTF(until);
        out.writeInt(stanzas.size());
        for (String xml : stanzas) {
            final byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException {
        room = in.readUTF();
        from = in.readLong();
        since = in.readUTF();
        to = in.readLong();
        until = in.readUTF();
        final int count = in.readInt();
        if (count < 0 || count > 100_000) {
            throw new IOException("Not an announcement: " + count + " stanzas");
        }
        stanzas = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final int length = in.readInt();
            if (length < 0 || length > MAX_STANZA_BYTES) {
                throw new IOException("Not an announcement: a stanza of " + length + " bytes");
            }
            final byte[] bytes = new byte[length];
            in.readFully(bytes);
            stanzas.add(new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
