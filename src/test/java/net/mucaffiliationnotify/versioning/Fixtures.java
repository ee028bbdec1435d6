package net.mucaffiliationnotify.versioning;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import net.mucaffiliationnotify.rules.MucAffiliation;

/** Shared values and stanza readers for the versioning tests; written against the XEP, not the code. */
final class Fixtures {
    static final String NS_MAV = "urn:xmpp:muc:affiliations:1";
    static final String NS_MUC = "http://jabber.org/protocol/muc";
    static final String NS_MUC_USER = "http://jabber.org/protocol/muc#user";
    static final String NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    static final String ROOM = "room@conference.example.org";
    static final JID ROOM_JID = new JID(ROOM);
    static final JID JOINER = new JID("juliet@capulet.lit/balcony");

    /**
     * A history as 1.2.0 wrote it ({@code mav2}, versions of the former keyed SHA-256), produced by that code
     * with secret {@code cluster-secret} for {@link #ROOM} and at most 4 steps: from a@ owner, b@ member, c@
     * admin, o@ outcast in a semi-anonymous room, d@ member; then (context: non-anonymous, sysadmin s@) b@
     * admin, o@ none; then (members-only, non-anonymous) ünï@ member, d@ none, e@ outcast. Six steps
     * applied, the last four kept, two contexts kept.
     */
    static final String LEGACY_MAV2 = "mav2\ts7c2aYh5-HTM6zXD1Kb5XQ\t6\n"
        + "S\ta@x.org\towner\n"
        + "S\tb@x.org\tadmin\n"
        + "S\tc@x.org\tadmin\n"
        + "S\te@x.org\toutcast\n"
        + "S\t\u00fcn\u00ef@x.org\tmember\n"
        + "H\tubbtgtlLuXOEVaBwRsZqlg\tfDFFm2PlVRJGZJ_NV0G7tA\to@x.org\toutcast\tnone\n"
        + "H\tfDFFm2PlVRJGZJ_NV0G7tA\tQKBNCWybYyD6Ctx6fIgdYA\t\u00fcn\u00ef@x.org\tnone\tmember\n"
        + "H\tQKBNCWybYyD6Ctx6fIgdYA\tOXqjHl_F5MECfmCzG9xYdg\td@x.org\tmember\tnone\n"
        + "H\tOXqjHl_F5MECfmCzG9xYdg\ts7c2aYh5-HTM6zXD1Kb5XQ\te@x.org\tnone\toutcast\n"
        + "C\t1\t0\t1\ts@x.org\n"
        + "C\t3\t1\t1\n";

    /**
     * A history as 1.1.0 wrote it ({@code mav1}: no contexts, no step count), produced by that code with
     * secret {@code cluster-secret} for {@link #ROOM} and at most 3 steps: from a@ owner, b@ member, o@
     * outcast; c@ admin, b@ none, o@ member, c@ owner. Four steps applied, the last three kept.
     */
    static final String LEGACY_MAV1 = "mav1\tM3LcJZQeCnrIZuFNVkRrOQ\n"
        + "S\ta@x.org\towner\n"
        + "S\tc@x.org\towner\n"
        + "S\to@x.org\tmember\n"
        + "H\t4BxOW5Y5YfQjnP-9ribz2g\tLxszW2LiMJO6xEIJ8m7XZg\tb@x.org\tmember\tnone\n"
        + "H\tLxszW2LiMJO6xEIJ8m7XZg\tId1sEjpc6lhVIz0lUjuIhg\to@x.org\toutcast\tmember\n"
        + "H\tId1sEjpc6lhVIz0lUjuIhg\tM3LcJZQeCnrIZuFNVkRrOQ\tc@x.org\tadmin\towner\n";

    private Fixtures() {
    }

    static VersionHasher hasher() {
        return hasher("cluster-secret");
    }

    static VersionHasher hasher(String secret) {
        return new VersionHasher(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** @param pairs jid, affiliation, jid, affiliation, … */
    static Map<String, MucAffiliation> state(Object... pairs) {
        final Map<String, MucAffiliation> result = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            result.put((String) pairs[i], (MucAffiliation) pairs[i + 1]);
        }
        return result;
    }

    /** @return the map without {@code none} entries, sorted */
    static TreeMap<String, MucAffiliation> withoutNone(Map<String, MucAffiliation> state) {
        final TreeMap<String, MucAffiliation> result = new TreeMap<>();
        state.forEach((jid, affiliation) -> {
            if (affiliation != MucAffiliation.none) {
                result.put(jid, affiliation);
            }
        });
        return result;
    }

    /** @return the state as someone who may not see outcasts sees it */
    static TreeMap<String, MucAffiliation> withoutOutcasts(Map<String, MucAffiliation> state) {
        final TreeMap<String, MucAffiliation> result = withoutNone(state);
        result.values().removeIf(affiliation -> affiliation == MucAffiliation.outcast);
        return result;
    }

    /** @return the message's single muc#user x */
    static Element userX(Message message) {
        final List<Element> xs = message.getElement().elements(QName.get("x", NS_MUC_USER));
        assertEquals("one muc#user x in " + message.toXML(), 1, xs.size());
        return xs.get(0);
    }

    /** @return the mav element, asserting it is the x's first child element and the only mav */
    static Element mav(Message message) {
        final Element x = userX(message);
        final List<Element> children = x.elements();
        if (children.isEmpty()) {
            fail("empty x in " + message.toXML());
        }
        final Element first = children.get(0);
        assertEquals("mav first in " + message.toXML(), QName.get("mav", NS_MAV), first.getQName());
        assertEquals(1, x.elements(QName.get("mav", NS_MAV)).size());
        assertNotNull("until in " + message.toXML(), first.attributeValue("until"));
        return first;
    }

    static String since(Message message) {
        return mav(message).attributeValue("since");
    }

    static String until(Message message) {
        return mav(message).attributeValue("until");
    }

    /** @return the items of the message, in document order, checking each carries exactly jid and affiliation */
    static LinkedHashMap<String, MucAffiliation> items(Message message) {
        final Element x = userX(message);
        final LinkedHashMap<String, MucAffiliation> result = new LinkedHashMap<>();
        for (Element child : x.elements()) {
            if (child.getQName().equals(QName.get("mav", NS_MAV))) {
                continue;
            }
            assertEquals("item in muc#user: " + child.asXML(), QName.get("item", NS_MUC_USER), child.getQName());
            assertEquals("only jid and affiliation: " + child.asXML(), 2, child.attributeCount());
            final String jid = child.attributeValue("jid");
            final MucAffiliation affiliation = MucAffiliation.fromAttribute(child.attributeValue("affiliation"));
            assertNotNull(child.asXML(), jid);
            assertNotNull(child.asXML(), affiliation);
            assertNull("duplicate item " + jid, result.put(jid, affiliation));
        }
        return result;
    }

    /** @return the number of items in the message */
    static int itemCount(Message message) {
        return userX(message).elements(QName.get("item", NS_MUC_USER)).size();
    }

    /**
     * What a client holding {@code held} knows after reading the messages as the XEP says: a first message
     * without since replaces the list, one with since amends it; {@code none} removes.
     */
    static TreeMap<String, MucAffiliation> clientApplies(Map<String, MucAffiliation> held, List<Message> messages) {
        final TreeMap<String, MucAffiliation> result = new TreeMap<>(held);
        if (!messages.isEmpty() && since(messages.get(0)) == null) {
            result.clear();
        }
        for (Message message : messages) {
            items(message).forEach((jid, affiliation) -> {
                if (affiliation == MucAffiliation.none) {
                    result.remove(jid);
                } else {
                    result.put(jid, affiliation);
                }
            });
        }
        return result;
    }

    /** Asserts the messages chain: each since is the previous until, the last until is {@code current}. */
    static void assertChained(String firstSince, String current, List<Message> messages) {
        String expected = firstSince;
        for (int i = 0; i < messages.size(); i++) {
            assertEquals("since of message " + i, expected, since(messages.get(i)));
            expected = until(messages.get(i));
        }
        assertEquals("last until", current, expected);
    }

    /** @return the values of a list of messages' until attributes */
    static List<String> untils(List<Message> messages) {
        final List<String> result = new ArrayList<>();
        for (Message message : messages) {
            result.add(until(message));
        }
        return result;
    }
}
