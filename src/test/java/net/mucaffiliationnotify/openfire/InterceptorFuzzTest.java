package net.mucaffiliationnotify.openfire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.jivesoftware.openfire.PacketRouter;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.muc.Role;
import org.junit.Test;
import org.mockito.Mockito;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import java.time.Duration;

import net.mucaffiliationnotify.tracking.AffiliationVersions;
import net.mucaffiliationnotify.tracking.ChangeTracker;
import net.mucaffiliationnotify.tracking.Pipeline;
import net.mucaffiliationnotify.tracking.RoomSwitch;
import net.mucaffiliationnotify.tracking.TrackerLimits;
import net.mucaffiliationnotify.tracking.VersioningLimits;
import net.mucaffiliationnotify.versioning.VersionHasher;

/**
 * Random and malformed stanzas through the interceptor, in every direction and phase: odd or missing
 * attributes, unknown namespaces and types, huge and invalid JIDs, duplicated ids, results without
 * requests, requests whose end never comes. The rooms never change, so any notification is a bug; no
 * exception may escape; the bookkeeping stays within its bound. 1,000,000 stanzas by default (about 15 s);
 * {@code -Dmucaffnotify.fuzz.count=N} for another count.
 */
public class InterceptorFuzzTest {
    private static final String[] ROOMS = {"room@conference.localhost", "ROOM@Conference.LocalHost/nick", "ghost@conference.localhost",
        "conference.localhost", "room@localhost", "@conference.localhost", "room@conference.localhost.evil", ""};
    private static final String[] JIDS = {"juliet@localhost", "Juliet@LOCALHOST/Res", "evil.example", "a@b@c", "@", "",
        "romeo@localhost/desk", "x".repeat(1100) + "@localhost", "juliet@localhost/" + "r".repeat(2000), "\u0000bad@localhost",
        "cdgn0tbcclq76===@localhost/95b2a835dd8afa78fce2043d8dad72b3", "user@[::1]", "owner@localhost", "owner@localhost/desk"};
    private static final String[] TYPES = {"set", "get", "result", "error", "bogus", null, "normal", "chat", "groupchat", "headline", ""};
    private static final String[] NAMESPACES = {"http://jabber.org/protocol/muc#admin", "http://jabber.org/protocol/muc#owner",
        "jabber:iq:register", "http://jabber.org/protocol/muc#user", "urn:unknown", "", "jabber:x:data",
        "http://jabber.org/protocol/muc", "http://jabber.org/protocol/disco#info"};
    private static final String[] SINCES = {null, "", "AAAAAAAAAAAAAAAAAAAAAA", "not-a-version", "x".repeat(5000)};
    private static final String[] AFFILIATIONS = {"owner", "admin", "member", "outcast", "none", "Member", "moderator", "", null};
    private static final String[] IDS = {"a", "b", "dup", null, ""};

    private final Random random = new Random(20261125);

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static void attribute(Element element, String name, String value) {
        if (value != null) {
            element.addAttribute(name, value);
        }
    }

    private Packet stanza() {
        final int kind = random.nextInt(3);
        final Element root = DocumentHelper.createElement(kind == 0 ? "iq" : kind == 1 ? "message" : "presence");
        attribute(root, "type", pick(TYPES));
        attribute(root, "id", pick(IDS));
        // A quarter from a room: the room's own presences and replies to its occupants.
        attribute(root, "from", random.nextInt(4) == 0 ? pick(ROOMS)
            : random.nextBoolean() ? "owner@localhost/desk" : pick(JIDS));
        attribute(root, "to", random.nextInt(4) == 0 ? pick(JIDS) : pick(ROOMS));
        final int children = random.nextInt(3);
        for (int c = 0; c < children; c++) {
            final String ns = pick(NAMESPACES);
            final Element child = root.addElement(QName.get(random.nextBoolean() ? "query" : "x", ns));
            final int items = random.nextInt(4);
            for (int i = 0; i < items; i++) {
                final String name = random.nextInt(5) == 0 ? "invite" : random.nextInt(6) == 0 ? "field" : "item";
                final Element item = child.addElement(name);
                attribute(item, "affiliation", pick(AFFILIATIONS));
                attribute(item, name.equals("invite") ? "to" : "jid", pick(JIDS));
                if (name.equals("field")) {
                    item.addAttribute("var", random.nextBoolean() ? "muc#roomconfig_roomowners" : "muc#roomconfig_roomadmins");
                    item.addElement("value").setText(pick(JIDS));
                }
                if (random.nextInt(4) == 0) {
                    item.addElement("reason").setText("why " + i);
                }
            }
            if (random.nextInt(6) == 0) {
                child.addElement("remove");
            }
            if (random.nextInt(3) == 0) {
                // XEP-0463: a list request, well-formed or not, in its namespace or not
                final Element mav = child.addElement(QName.get("mav", random.nextBoolean()
                    ? "urn:xmpp:muc:affiliations:1" : child.getNamespaceURI()));
                attribute(mav, "since", pick(SINCES));
            }
            if (random.nextInt(5) == 0) {
                child.addElement("status").addAttribute("code", random.nextBoolean() ? "110" : "201");
            }
            attribute(child, "type", random.nextBoolean() ? "submit" : pick(TYPES));
        }
        try {
            return kind == 0 ? new IQ(root, true) : kind == 1 ? new Message(root, true) : new Presence(root, true);
        } catch (IllegalArgumentException e) {
            // Tinder refuses to build it (e.g. an invalid 'from'): Openfire would never route it. Another one.
            unbuildable++;
            return stanza();
        }
    }

    private int unbuildable;

    @Test
    public void randomAndMalformedStanzasNeverThrowNeverNotifyAndStayBounded() {
        final int count = Integer.getInteger("mucaffnotify.fuzz.count", 1_000_000);
        final MockMuc muc = new MockMuc();
        final MockMuc.Room room = muc.room("room");
        room.set("owner@localhost", "owner").join("owner@localhost/desk", Role.moderator)
            .join("juliet@localhost/balcony", Role.participant).nonAnonymous = true;
        final PacketRouter router = Mockito.mock(PacketRouter.class);
        final int maxPending = 64;
        final int maxPendingJoins = 32;
        final Pipeline pipeline = Pipeline.of(new OpenfireRoomDirectory(muc.manager, random::nextBoolean),
                Sinks.routing(router)).versioned(RoomSwitch.ALWAYS_ON).hasher(new VersionHasher(new byte[32]))
            .trackerLimits(new TrackerLimits(maxPending, Duration.ofMinutes(10)))
            .versioningLimits(new VersioningLimits(16, 5, maxPendingJoins, Duration.ofMinutes(10))).build();
        final ChangeTracker tracker = pipeline.tracker;
        final AffiliationVersions versions = pipeline.versions;
        final AffiliationChangeInterceptor interceptor = new AffiliationChangeInterceptor(
            new MucServiceDomains(() -> Set.of(MockMuc.SERVICE)), tracker, versions);

        final List<Packet> recent = new ArrayList<>();
        int held = 0;
        for (int n = 0; n < count; n++) {
            // Mostly fresh stanzas; sometimes one seen before again, as a reply or in another phase.
            final Packet packet = recent.isEmpty() || random.nextInt(4) != 0 ? stanza() : recent.get(random.nextInt(recent.size()));
            if (recent.size() < 32) {
                recent.add(packet);
            } else {
                recent.set(random.nextInt(32), packet);
            }
            try {
                interceptor.interceptPacket(packet, null, random.nextInt(8) != 0, random.nextInt(3) == 0);
            } catch (PacketRejectedException e) {
                held++; // a reply to a followed request, held in "cluster" mode: allowed, counted
            } catch (RuntimeException e) {
                throw new AssertionError("escaped for stanza " + n + ": " + packet.toXML(), e);
            }
            assertTrue("bookkeeping bounded", tracker.pendingCount() <= maxPending);
            assertTrue("pending joins bounded", versions.pendingJoins() <= maxPendingJoins);
        }
        // The rooms never changed. What may be routed: answers to join requests, which are full lists (no since)
        // or the forbidden error; and announcements that put back what the room says, after a forged presence
        // "from the room" told its occupants otherwise (the plugin trusts the room's presences: only Openfire
        // sends them). Never anything the room does not say.
        final List<Message> messages = Mockito.mockingDetails(router).getInvocations().stream()
            .filter(i -> i.getArguments().length == 1 && i.getArguments()[0] instanceof Message)
            .map(i -> (Message) i.getArguments()[0]).collect(java.util.stream.Collectors.toList());
        int answers = 0;
        for (Message message : messages) {
            if (message.getType() == Message.Type.error) {
                continue;
            }
            final Element x = message.getChildElement("x", "http://jabber.org/protocol/muc#user");
            final Element mav = x == null ? null : x.element(QName.get("mav", "urn:xmpp:muc:affiliations:1"));
            assertTrue("versioned: " + message.toXML(), mav != null);
            if (mav.attributeValue("since") == null) {
                answers++;
                continue;
            }
            for (Element item : x.elements("item")) {
                assertEquals("what the room says: " + message.toXML(),
                    room.mock.getAffiliation(new JID(item.attributeValue("jid"))).name(),
                    item.attributeValue("affiliation"));
            }
        }
        System.out.println("InterceptorFuzzTest: " + count + " stanzas (" + unbuildable + " more refused by Tinder), " + held + " replies held, "
            + tracker.pendingCount() + " requests pending at the end (bound " + maxPending + "), " + answers
            + " join answers, " + versions.pendingJoins() + " joins pending (bound " + maxPendingJoins + ")");
    }
}
