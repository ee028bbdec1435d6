package net.mucaffiliationnotify.versioning;

import static net.mucaffiliationnotify.rules.MucAffiliation.admin;
import static net.mucaffiliationnotify.rules.MucAffiliation.member;
import static net.mucaffiliationnotify.rules.MucAffiliation.none;
import static net.mucaffiliationnotify.rules.MucAffiliation.outcast;
import static net.mucaffiliationnotify.rules.MucAffiliation.owner;
import static net.mucaffiliationnotify.versioning.Fixtures.JOINER;
import static net.mucaffiliationnotify.versioning.Fixtures.LEGACY_MAV2;
import static net.mucaffiliationnotify.versioning.Fixtures.NS_STANZAS;
import static net.mucaffiliationnotify.versioning.Fixtures.ROOM;
import static net.mucaffiliationnotify.versioning.Fixtures.ROOM_JID;
import static net.mucaffiliationnotify.versioning.Fixtures.assertChained;
import static net.mucaffiliationnotify.versioning.Fixtures.clientApplies;
import static net.mucaffiliationnotify.versioning.Fixtures.hasher;
import static net.mucaffiliationnotify.versioning.Fixtures.itemCount;
import static net.mucaffiliationnotify.versioning.Fixtures.items;
import static net.mucaffiliationnotify.versioning.Fixtures.mav;
import static net.mucaffiliationnotify.versioning.Fixtures.since;
import static net.mucaffiliationnotify.versioning.Fixtures.state;
import static net.mucaffiliationnotify.versioning.Fixtures.until;
import static net.mucaffiliationnotify.versioning.Fixtures.untils;
import static net.mucaffiliationnotify.versioning.Fixtures.withoutOutcasts;
import static net.mucaffiliationnotify.versioning.ListAccess.FORBIDDEN;
import static net.mucaffiliationnotify.versioning.ListAccess.LIST;
import static net.mucaffiliationnotify.versioning.ListAccess.LIST_WITHOUT_OUTCASTS;
import static net.mucaffiliationnotify.versioning.ListAccess.NOTHING;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.dom4j.Element;
import org.junit.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * {@link JoinResponses} (V4): no message for a client at the current version; a since/until diff for a
 * remembered version; a full list (until only) for a bootstrap or unknown version; messages addressed from
 * the bare room to the joiner, mav first; large lists and diffs split into chained messages whose items add
 * up to the room's list exactly; outcasts hidden from members; and the XEP's auth {@code forbidden} error.
 * A version given out before versions were HMACs is unknown, and gets the full list.
 */
public class JoinResponsesTest {
    private final VersionHasher hasher = hasher();

    private AffiliationHistory history(Map<String, MucAffiliation> state) {
        return AffiliationHistory.start(ROOM, hasher, 100, state);
    }

    private List<Message> respond(String since, AffiliationHistory history, int maxItems, ListAccess access) {
        return JoinResponses.respond(ROOM_JID, JOINER, since, history, hasher, maxItems, access);
    }

    private static void assertAddressed(Message message) {
        assertEquals(ROOM, message.getFrom().toString());
        assertEquals(JOINER, message.getTo());
        assertNull("no type attribute: " + message.toXML(), message.getElement().attribute("type"));
        assertEquals("only the muc#user x: " + message.toXML(), 1, message.getElement().elements().size());
        assertTrue(message.toXML(), !message.toXML().contains("xmlns=\"\""));
    }

    private static Map<String, MucAffiliation> bigState(int n) {
        final Map<String, MucAffiliation> state = new HashMap<>();
        final MucAffiliation[] cycle = {member, member, member, admin, owner, outcast};
        for (int i = 0; i < n; i++) {
            state.put(String.format("user%05d@example.org", i), cycle[i % cycle.length]);
        }
        return state;
    }

    // --- the three answers ----------------------------------------------------------------------------

    @Test
    public void clientAtTheCurrentVersionGetsNothing() {
        final AffiliationHistory history = history(state("a@x.org", owner));
        assertEquals(List.of(), respond(history.version(), history, 250, LIST));
        history.apply("b@x.org", member);
        assertEquals(List.of(), respond(history.version(), history, 250, LIST));
        assertEquals(List.of(), respond(history.version(), history, 250, LIST_WITHOUT_OUTCASTS));
    }

    @Test
    public void knownVersionGetsOneDiffMessage() {
        final AffiliationHistory history = history(state("a@x.org", owner, "m@x.org", member, "r@x.org", admin));
        final String v0 = history.version();
        history.apply("z@x.org", member);
        history.apply("m@x.org", none);
        history.apply("r@x.org", owner);
        history.apply("b@x.org", outcast);

        final List<Message> messages = respond(v0, history, 250, LIST);
        assertEquals(1, messages.size());
        final Message message = messages.get(0);
        assertAddressed(message);
        final Element mav = mav(message);
        assertEquals(v0, mav.attributeValue("since"));
        assertEquals(history.version(), mav.attributeValue("until"));
        final Map<String, MucAffiliation> expected = new LinkedHashMap<>();
        expected.put("b@x.org", outcast);
        expected.put("m@x.org", none);
        expected.put("r@x.org", owner);
        expected.put("z@x.org", member);
        assertEquals(expected, items(message));
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(items(message).keySet()));
    }

    @Test
    public void diffMessageSerialisesWithEveryElementInItsNamespace() throws Exception {
        final AffiliationHistory history = history(state("a@x.org", owner));
        final String v0 = history.version();
        history.apply("b@x.org", member);
        final String xml = respond(v0, history, 250, LIST).get(0).toXML();
        final Element x = org.dom4j.DocumentHelper.parseText(xml).getRootElement()
            .element(org.dom4j.QName.get("x", Fixtures.NS_MUC_USER));
        assertNotNull(xml, x);
        final List<Element> children = x.elements();
        assertEquals(xml, 2, children.size());
        assertEquals(org.dom4j.QName.get("mav", Fixtures.NS_MAV), children.get(0).getQName());
        assertEquals(v0, children.get(0).attributeValue("since"));
        assertEquals(history.version(), children.get(0).attributeValue("until"));
        assertEquals(org.dom4j.QName.get("item", Fixtures.NS_MUC_USER), children.get(1).getQName());
        assertEquals("b@x.org", children.get(1).attributeValue("jid"));
        assertEquals("member", children.get(1).attributeValue("affiliation"));
    }

    @Test
    public void bootstrapGetsTheFullListWithUntilOnly() {
        final Map<String, MucAffiliation> state = state("c@x.org", member, "a@x.org", owner, "b@x.org", admin,
            "d@x.org", outcast);
        final AffiliationHistory history = history(state);
        history.apply("e@x.org", member);
        final List<Message> messages = respond(null, history, 250, LIST);
        assertEquals(1, messages.size());
        final Message message = messages.get(0);
        assertAddressed(message);
        assertNull(since(message));
        assertNull(mav(message).attribute("since"));
        assertEquals(history.version(), until(message));
        assertEquals(history.state(), items(message));
        assertEquals(List.of("a@x.org", "b@x.org", "c@x.org", "d@x.org", "e@x.org"),
            List.copyOf(items(message).keySet()));
    }

    @Test
    public void unknownVersionGetsTheFullList() {
        final AffiliationHistory history = history(state("a@x.org", owner, "b@x.org", member));
        for (String since : new String[] {"garbage", "", hasher("other").empty(ROOM).toString(),
            hasher.of(ROOM, state("a@x.org", owner)).toString()}) {
            final List<Message> messages = respond(since, history, 250, LIST);
            assertEquals(since, 1, messages.size());
            assertNull(since(messages.get(0)));
            assertEquals(history.version(), until(messages.get(0)));
            assertEquals(history.state(), items(messages.get(0)));
        }
    }

    @Test
    public void aVersionTheHistoryForgotGetsTheFullList() {
        final AffiliationHistory history = AffiliationHistory.start(ROOM, hasher, 2, state("a@x.org", owner));
        final String v0 = history.version();
        history.apply("b@x.org", member);
        history.apply("c@x.org", member);
        history.apply("d@x.org", member);
        final List<Message> messages = respond(v0, history, 250, LIST);
        assertEquals(1, messages.size());
        assertNull(since(messages.get(0)));
        assertEquals(history.state(), items(messages.get(0)));
    }

    @Test
    public void emptyRoomGetsOneMessageWithOnlyTheMav() {
        final AffiliationHistory history = history(Map.of());
        final List<Message> messages = respond(null, history, 250, LIST);
        assertEquals(1, messages.size());
        assertAddressed(messages.get(0));
        assertEquals(history.version(), until(messages.get(0)));
        assertNull(since(messages.get(0)));
        assertEquals(1, Fixtures.userX(messages.get(0)).elements().size());
        assertEquals(hasher.empty(ROOM).toString(), until(messages.get(0)));
    }

    @Test
    public void roomEmptiedSinceAKnownVersionGetsRemovals() {
        final AffiliationHistory history = history(state("a@x.org", owner, "b@x.org", member));
        final String v0 = history.version();
        history.observe(Map.of());
        final List<Message> messages = respond(v0, history, 250, LIST);
        assertEquals(1, messages.size());
        assertEquals(v0, since(messages.get(0)));
        assertEquals(state("a@x.org", none, "b@x.org", none), items(messages.get(0)));
    }

    @Test
    public void respondLeavesTheHistoryAlone() {
        final AffiliationHistory history = history(bigState(30));
        final String v0 = history.version();
        history.apply("new@x.org", member);
        final String encoded = history.encode();
        respond(v0, history, 7, LIST);
        respond(null, history, 7, LIST_WITHOUT_OUTCASTS);
        assertEquals(encoded, history.encode());
    }

    @Test
    public void theSenderIsTheBareRoomEvenIfAFullJidIsGiven() {
        final AffiliationHistory history = history(state("a@x.org", owner));
        final List<Message> messages = JoinResponses.respond(new JID("room@conference.example.org/Nick"), JOINER,
            null, history, hasher, 250, LIST);
        assertEquals(ROOM_JID, messages.get(0).getFrom());
        assertEquals(hasher.of(ROOM, history.state()).toString(), until(messages.get(0)));
    }

    // --- splitting ------------------------------------------------------------------------------------

    private void assertFullResponseSplit(int n, int maxItems) {
        final Map<String, MucAffiliation> state = bigState(n);
        final AffiliationHistory history = history(state);
        final List<Message> messages = respond(null, history, maxItems, LIST);
        assertEquals((n + maxItems - 1) / maxItems, messages.size());
        assertNull("first full-response message has no since", since(messages.get(0)));
        assertChained(null, history.version(), messages);
        final Map<String, MucAffiliation> union = new TreeMap<>();
        final Map<String, MucAffiliation> sofar = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            final Message message = messages.get(i);
            assertAddressed(message);
            assertTrue(itemCount(message) <= maxItems);
            assertTrue(itemCount(message) > 0);
            final Map<String, MucAffiliation> items = items(message);
            for (Map.Entry<String, MucAffiliation> item : items.entrySet()) {
                assertNull("item sent twice: " + item.getKey(), union.put(item.getKey(), item.getValue()));
            }
            sofar.putAll(items);
            // An intermediate until is the version of the list received so far.
            assertEquals("until of message " + i, hasher.of(ROOM, sofar).toString(), until(message));
        }
        assertEquals(history.state(), union);
        assertEquals(Fixtures.withoutNone(state), union);
        assertEquals("every until differs", messages.size(), new HashSet<>(untils(messages)).size());
    }

    @Test
    public void aThousandAffiliationsAreSplitAndChained() {
        assertFullResponseSplit(1_000, 250);
    }

    @Test
    public void tenThousandAffiliationsAreSplitAndChained() {
        assertFullResponseSplit(10_000, 250);
    }

    @Test
    public void partialLastMessageAndTinyMessages() {
        assertFullResponseSplit(1_001, 250);
        assertFullResponseSplit(3, 1);
        assertFullResponseSplit(7, 3);
        assertFullResponseSplit(250, 250);
        assertFullResponseSplit(5, 1_000);
    }

    @Test
    public void aLargeDiffIsSplitAndChained() {
        final Map<String, MucAffiliation> initial = bigState(1_000);
        final AffiliationHistory history = AffiliationHistory.start(ROOM, hasher, 1_000, initial);
        final String v0 = history.version();
        final Map<String, MucAffiliation> old = new TreeMap<>(history.state());
        for (int i = 0; i < 1_200; i += 2) {
            final String jid = String.format("user%05d@example.org", i);
            final MucAffiliation now = history.affiliationOf(jid);
            history.apply(jid, now == member ? admin : now == none ? member : none);
        }
        final List<Difference> changes = history.changesSince(v0);
        assertEquals(600, changes.size());

        final List<Message> messages = respond(v0, history, 250, LIST);
        assertEquals(3, messages.size());
        assertChained(v0, history.version(), messages);
        final Map<String, MucAffiliation> sofar = new HashMap<>(old);
        int total = 0;
        for (int i = 0; i < messages.size(); i++) {
            final Message message = messages.get(i);
            assertAddressed(message);
            assertTrue(itemCount(message) <= 250);
            total += itemCount(message);
            items(message).forEach(sofar::put);
            assertEquals("until of message " + i, hasher.of(ROOM, sofar).toString(), until(message));
        }
        assertEquals(600, total);
        assertEquals(history.state(), clientApplies(old, messages));
    }

    // --- outcasts hidden from members ---------------------------------------------------------------

    @Test
    public void fullListWithoutOutcastsOmitsThem() {
        final AffiliationHistory history = history(state("a@x.org", owner, "b@x.org", admin, "c@x.org", member,
            "d@x.org", outcast, "e@x.org", outcast));
        final List<Message> messages = respond(null, history, 250, LIST_WITHOUT_OUTCASTS);
        assertEquals(1, messages.size());
        assertEquals(state("a@x.org", owner, "b@x.org", admin, "c@x.org", member), items(messages.get(0)));
        assertEquals(history.version(), until(messages.get(0)));
        assertTrue(!messages.get(0).toXML().contains("d@x.org"));
    }

    @Test
    public void fullListWithOutcastsForOwnersAndAdmins() {
        final AffiliationHistory history = history(state("a@x.org", owner, "d@x.org", outcast));
        assertEquals(state("a@x.org", owner, "d@x.org", outcast), items(respond(null, history, 250, LIST).get(0)));
    }

    @Test
    public void diffWithoutOutcastsShowsBanningAsRemovalAndHidesOtherOutcastChanges() {
        final AffiliationHistory history = history(state("a@x.org", owner, "m@x.org", member, "o@x.org", outcast,
            "p@x.org", outcast));
        final String v0 = history.version();
        history.apply("m@x.org", outcast);   // member → outcast: the member sees a removal
        history.apply("o@x.org", none);      // outcast → none: invisible
        history.apply("n@x.org", outcast);   // none → outcast: invisible
        history.apply("p@x.org", member);    // outcast → member: an addition
        history.apply("c@x.org", admin);     // none → admin: an addition

        final List<Message> hidden = respond(v0, history, 250, LIST_WITHOUT_OUTCASTS);
        assertEquals(1, hidden.size());
        assertEquals(v0, since(hidden.get(0)));
        assertEquals(history.version(), until(hidden.get(0)));
        assertEquals(state("c@x.org", admin, "m@x.org", none, "p@x.org", member), items(hidden.get(0)));

        final List<Message> shown = respond(v0, history, 250, LIST);
        assertEquals(state("c@x.org", admin, "m@x.org", outcast, "n@x.org", outcast, "o@x.org", none,
            "p@x.org", member), items(shown.get(0)));
    }

    @Test
    public void whenEveryChangeIsHiddenTheMemberGetsAFullList() {
        final AffiliationHistory history = history(state("a@x.org", owner, "c@x.org", member, "o@x.org", outcast));
        final String v0 = history.version();
        history.apply("o@x.org", none);
        history.apply("n@x.org", outcast);
        assertNotEquals(v0, history.version());

        final List<Message> messages = respond(v0, history, 250, LIST_WITHOUT_OUTCASTS);
        assertEquals(1, messages.size());
        assertNull("a full list: the XEP has no empty diff", since(messages.get(0)));
        assertEquals(history.version(), until(messages.get(0)));
        assertEquals(state("a@x.org", owner, "c@x.org", member), items(messages.get(0)));

        // An owner sees the same changes as a diff.
        final List<Message> owners = respond(v0, history, 250, LIST);
        assertEquals(v0, since(owners.get(0)));
        assertEquals(state("n@x.org", outcast, "o@x.org", none), items(owners.get(0)));
    }

    @Test
    public void whenEveryChangeIsHiddenInARoomOfOnlyOutcastsTheFullListIsEmpty() {
        final AffiliationHistory history = history(state("o@x.org", outcast));
        final String v0 = history.version();
        history.apply("n@x.org", outcast);
        final List<Message> messages = respond(v0, history, 250, LIST_WITHOUT_OUTCASTS);
        assertEquals(1, messages.size());
        assertNull(since(messages.get(0)));
        assertEquals(history.version(), until(messages.get(0)));
        assertEquals(Map.of(), items(messages.get(0)));
    }

    @Test
    public void largeFullListWithoutOutcastsIsSplitAndChained() {
        final AffiliationHistory history = history(bigState(1_000));
        final List<Message> messages = respond(null, history, 100, LIST_WITHOUT_OUTCASTS);
        final Map<String, MucAffiliation> visible = withoutOutcasts(history.state());
        assertEquals((visible.size() + 99) / 100, messages.size());
        assertChained(null, history.version(), messages);
        assertEquals(visible, clientApplies(Map.of(), messages));
        for (Message message : messages) {
            assertTrue(itemCount(message) <= 100);
            assertTrue(!items(message).containsValue(outcast));
        }
    }

    // --- arguments ------------------------------------------------------------------------------------

    @Test
    public void maxItemsBelowOneIsRejected() {
        final AffiliationHistory history = history(state("a@x.org", owner));
        assertThrows(IllegalArgumentException.class, () -> respond(null, history, 0, LIST));
        assertThrows(IllegalArgumentException.class, () -> respond(null, history, -1, LIST));
        assertThrows(IllegalArgumentException.class, () -> respond(history.version(), history, 0, LIST));
    }

    @Test
    public void answersWithoutAListAreRejected() {
        final AffiliationHistory history = history(state("a@x.org", owner));
        assertThrows(IllegalArgumentException.class, () -> respond(null, history, 250, FORBIDDEN));
        assertThrows(IllegalArgumentException.class, () -> respond(null, history, 250, NOTHING));
        assertThrows(IllegalArgumentException.class, () -> respond(history.version(), history, 250, FORBIDDEN));
    }

    // --- forbidden ------------------------------------------------------------------------------------

    @Test
    public void forbiddenIsAnAuthErrorFromTheBareRoom() {
        final Message message = JoinResponses.forbidden(ROOM_JID, JOINER, "join-1");
        assertEquals(Message.Type.error, message.getType());
        assertEquals("error", message.getElement().attributeValue("type"));
        assertEquals(ROOM, message.getFrom().toString());
        assertEquals(JOINER, message.getTo());
        assertEquals("join-1", message.getID());
        final Element error = message.getElement().element("error");
        assertNotNull(message.toXML(), error);
        assertEquals("auth", error.attributeValue("type"));
        assertEquals(ROOM, error.attributeValue("by"));
        assertEquals(1, error.elements().size());
        final Element condition = error.elements().get(0);
        assertEquals("forbidden", condition.getName());
        assertEquals(NS_STANZAS, condition.getNamespaceURI());
        assertEquals(1, message.getElement().elements().size());
        assertTrue("no list in an error: " + message.toXML(), !message.toXML().contains("muc#user"));
    }

    @Test
    public void forbiddenWithoutIdHasNone() {
        final Message message = JoinResponses.forbidden(ROOM_JID, JOINER, null);
        assertNull(message.getID());
        assertNull(message.getElement().attribute("id"));
        assertEquals(Message.Type.error, message.getType());
    }

    @Test
    public void forbiddenFromAFullRoomJidIsStillFromTheBareRoom() {
        final Message message = JoinResponses.forbidden(new JID("room@conference.example.org/Nick"), JOINER, "x");
        assertEquals(ROOM_JID, message.getFrom());
        assertEquals(ROOM, message.getElement().element("error").attributeValue("by"));
    }

    @Test
    public void diffChainForMembersStartsAtTheirVersionAndEndsAtTheRoomsVersion() {
        final AffiliationHistory history = AffiliationHistory.start(ROOM, hasher, 500, bigState(300));
        final String v0 = history.version();
        final Map<String, MucAffiliation> old = withoutOutcasts(history.state());
        for (int i = 0; i < 300; i += 3) {
            history.apply(String.format("user%05d@example.org", i), i % 2 == 0 ? outcast : owner);
        }
        final List<Message> messages = respond(v0, history, 10, LIST_WITHOUT_OUTCASTS);
        assertTrue(messages.size() > 1);
        assertChained(v0, history.version(), messages);
        assertEquals(withoutOutcasts(history.state()), clientApplies(old, messages));
        final Set<String> seen = new HashSet<>();
        for (Message message : messages) {
            assertTrue(itemCount(message) <= 10);
            for (Map.Entry<String, MucAffiliation> item : items(message).entrySet()) {
                assertTrue(seen.add(item.getKey()));
                assertNotEquals(outcast, item.getValue());
            }
        }
    }

    /**
     * After the upgrade to HMAC versions, a client presenting a version given out before (here the current
     * and an older one of a 1.2.0 history) gets the full list once, as XEP-0463 prescribes for a version the
     * server does not know: the history carried over keeps its state and steps, but not those versions.
     */
    @Test
    public void aVersionFromBeforeTheHmacUpgradeGetsTheFullList() {
        final AffiliationHistory history = AffiliationHistory.decode(ROOM, hasher, 100, LEGACY_MAV2);
        assertNotNull(history);
        final String wasCurrent = "s7c2aYh5-HTM6zXD1Kb5XQ";
        final String wasOlder = "QKBNCWybYyD6Ctx6fIgdYA";
        assertTrue(LEGACY_MAV2.startsWith("mav2\t" + wasCurrent + "\t"));
        assertTrue(LEGACY_MAV2.contains("\t" + wasOlder + "\t"));
        for (String old : List.of(wasCurrent, wasOlder)) {
            for (ListAccess access : List.of(LIST, LIST_WITHOUT_OUTCASTS)) {
                final List<Message> answer = JoinResponses.answer(ROOM_JID, JOINER, "j1", old, history, access,
                    hasher, 100);
                assertEquals(old + " " + access, 1, answer.size());
                assertAddressed(answer.get(0));
                assertNull("a full list: no since", since(answer.get(0)));
                assertEquals(history.version(), until(answer.get(0)));
                assertEquals(access == LIST ? history.state() : withoutOutcasts(history.state()),
                    new TreeMap<>(items(answer.get(0))));
            }
        }
        // While the version the history derived anew is current: nothing to send.
        assertTrue(respond(history.version(), history, 100, LIST).isEmpty());
    }
}
