package net.mucaffiliationnotify.live.scansion;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.dom4j.Element;

import net.mucaffiliationnotify.live.xmpp.XmppClient;

/**
 * A character's live connection as the runner uses it: the stanzas it received in order, minus the
 * answers to the runner's own sync pings. Used by the runner's thread only.
 */
final class ScriptedClient {

    private final XmppClient xmpp;
    private final String domain;
    private final Deque<Element> buffered = new ArrayDeque<>();
    // Every sync id ever sent: a reply that comes after its sync gave up is dropped too.
    private final Set<String> syncIds = new HashSet<>();
    private int syncCount;
    private String endReason;

    ScriptedClient(XmppClient xmpp, String domain) {
        this.xmpp = xmpp;
        this.domain = domain;
    }

    String fullJid() {
        return xmpp.fullJid();
    }

    /** Why the stream ended, null while it is open (as far as this client has read). */
    String endReason() {
        return endReason;
    }

    void send(String xml) throws IOException {
        xmpp.send(xml);
    }

    /**
     * Round-trips an XEP-0199 ping to the server so that it has processed everything sent before, before
     * the script goes on (another client's expectations may depend on it). Stanzas that arrive meanwhile
     * are kept for {@link #next}. Returns false when no answer came within {@code timeout} or the stream ended.
     */
    boolean sync(Duration timeout) {
        String id = "scs-sync-" + (++syncCount);
        syncIds.add(id);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            xmpp.send("<iq type='get' id='" + id + "' to='" + StanzaXml.escape(domain, true)
                    + "'><ping xmlns='urn:xmpp:ping'/></iq>");
            while (true) {
                Element element = xmpp.receive(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (element == null) {
                    return false;
                }
                if (isSyncReply(element)) {
                    if (id.equals(element.attributeValue("id"))) {
                        return true;
                    }
                } else {
                    buffered.addLast(element);
                }
            }
        } catch (IOException e) {
            endReason = e.getMessage();
            return false;
        }
    }

    /**
     * The next stanza, waiting at most {@code timeout}; null when none came.
     *
     * @throws IOException when the stream has ended and nothing is left (message: why it ended)
     */
    Element next(Duration timeout) throws IOException {
        if (!buffered.isEmpty()) {
            return buffered.removeFirst();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Element element;
            try {
                element = xmpp.receive(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (IOException e) {
                endReason = e.getMessage();
                throw e;
            }
            if (element == null || !isSyncReply(element)) {
                return element;
            }
        }
    }

    /** Everything received and not consumed yet, without waiting. */
    List<Element> drain() {
        List<Element> left = new ArrayList<>(buffered);
        buffered.clear();
        try {
            Element element;
            while ((element = xmpp.receive(Duration.ZERO)) != null) {
                if (!isSyncReply(element)) {
                    left.add(element);
                }
            }
        } catch (IOException e) {
            endReason = e.getMessage();
        }
        return left;
    }

    void close() {
        xmpp.close();
    }

    private boolean isSyncReply(Element element) {
        return "iq".equals(element.getName()) && syncIds.contains(element.attributeValue("id"));
    }
}
