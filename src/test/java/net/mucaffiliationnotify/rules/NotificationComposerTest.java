package net.mucaffiliationnotify.rules;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dom4j.Attribute;
import org.dom4j.Document;
import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * {@link NotificationComposer}: R1 (no notification when the target has a joined session), R2 (from the bare
 * room JID, no type, to the recipient's full JID), R3 (payload structure), R4 (reason iff given), R6
 * (recipients), and the independence of the copies. R5 is covered table-driven by
 * {@link NotificationComposerStatusCodeTest}; the full privacy matrix by
 * {@link NotificationComposerPrivacyMatrixTest}.
 */
public class NotificationComposerTest {
    static final String MUC_USER = "http://jabber.org/protocol/muc#user";
    static final JID ROOM = new JID("room@conference.localhost");

    static Occupant moderator(String fullJid) {
        return new Occupant(new JID(fullJid), true, false);
    }

    static Occupant participant(String fullJid) {
        return new Occupant(new JID(fullJid), false, false);
    }

    static Occupant federated(String fullJid, boolean moderator) {
        return new Occupant(new JID(fullJid), moderator, true);
    }

    static RoomSnapshot semiAnonymous(Occupant... occupants) {
        return new RoomSnapshot(ROOM, false, false, List.of(occupants));
    }

    static RoomSnapshot nonAnonymous(Occupant... occupants) {
        return new RoomSnapshot(ROOM, false, true, List.of(occupants));
    }

    static AffiliationChange change(String bareJid, MucAffiliation affiliation) {
        return new AffiliationChange(new JID(bareJid), affiliation, null);
    }

    static List<String> recipientsOf(List<Notification> notifications) {
        final List<String> result = new ArrayList<>();
        for (Notification notification : notifications) {
            result.add(notification.stanza().getTo().toString());
        }
        return result;
    }

    static List<String> names(Element parent) {
        final List<String> result = new ArrayList<>();
        for (Element child : parent.elements()) {
            result.add(child.getName());
        }
        return result;
    }

    static List<String> attributeNames(Element element) {
        final List<String> result = new ArrayList<>();
        for (Attribute attribute : element.attributes()) {
            result.add(attribute.getName());
        }
        return result;
    }

    /** The only child of the message: the muc#user x. */
    static Element x(Message message) {
        final List<Element> children = message.getElement().elements();
        assertEquals("message children: " + names(message.getElement()), 1, children.size());
        final Element x = children.get(0);
        assertEquals("x", x.getName());
        assertEquals(MUC_USER, x.getNamespaceURI());
        return x;
    }

    /** The only item of the x, which must be its last child. */
    static Element item(Message message) {
        final Element x = x(message);
        final List<Element> items = x.elements("item");
        assertEquals(1, items.size());
        final List<Element> children = x.elements();
        assertSame("item must be the last child of x", items.get(0), children.get(children.size() - 1));
        return items.get(0);
    }

    static Message only(List<Notification> notifications) {
        assertEquals(1, notifications.size());
        return notifications.get(0).stanza();
    }

    static Element reparse(Message message) {
        try {
            final Document document = DocumentHelper.parseText(message.toXML());
            return document.getRootElement();
        } catch (DocumentException e) {
            throw new AssertionError("not well-formed: " + message.toXML(), e);
        }
    }

    // ---------------------------------------------------------------- R2

    @Test
    public void fromIsTheBareRoomJid() {
        final Message message = only(NotificationComposer.compose(
            semiAnonymous(moderator("romeo@montague.lit/orchard")), change("juliet@capulet.lit", MucAffiliation.member)));
        assertEquals("room@conference.localhost", message.getElement().attributeValue("from"));
        assertNull(message.getFrom().getResource());
    }

    @Test
    public void fromIsBareEvenWhenTheSnapshotRoomJidCarriesAResource() {
        final RoomSnapshot room = new RoomSnapshot(new JID("room@conference.localhost/romeo"), false, false,
            List.of(moderator("romeo@montague.lit/orchard")));
        final Message message = only(NotificationComposer.compose(room, change("juliet@capulet.lit", MucAffiliation.member)));
        assertEquals("room@conference.localhost", message.getElement().attributeValue("from"));
    }

    @Test
    public void stanzaSetsBareFromForAFullRoomJid() {
        final Message message = NotificationComposer.stanza(new JID("room@conference.localhost/nick"),
            change("juliet@capulet.lit", MucAffiliation.admin), false);
        assertEquals("room@conference.localhost", message.getElement().attributeValue("from"));
        assertNull(message.getTo());
    }

    @Test
    public void messageHasNoTypeAttributeForAnyAffiliation() {
        for (MucAffiliation affiliation : MucAffiliation.values()) {
            for (boolean membersOnly : new boolean[] {false, true}) {
                final RoomSnapshot room = new RoomSnapshot(ROOM, membersOnly, true, List.of(participant("romeo@montague.lit/orchard")));
                final Message message = only(NotificationComposer.compose(room, change("juliet@capulet.lit", affiliation)));
                assertEquals("message", message.getElement().getName());
                assertNull(affiliation + " membersOnly=" + membersOnly, message.getElement().attribute("type"));
                assertNull(reparse(message).attribute("type"));
                assertEquals(Message.Type.normal, message.getType());
            }
        }
    }

    @Test
    public void toIsTheRecipientsFullJid() {
        final Message message = only(NotificationComposer.compose(
            semiAnonymous(moderator("romeo@montague.lit/orchard")), change("juliet@capulet.lit", MucAffiliation.member)));
        assertEquals("romeo@montague.lit/orchard", message.getElement().attributeValue("to"));
        assertEquals("orchard", message.getTo().getResource());
    }

    @Test
    public void specExampleMemberGrantInSemiAnonymousRoom() {
        // Romeo = owner/moderator in the room; a participant is present too; Juliet is not in the room.
        final RoomSnapshot room = new RoomSnapshot(ROOM, false, false, List.of(
            moderator("user@localhost/romeo-res"), participant("user3@localhost/res")));
        final List<Notification> notifications =
            NotificationComposer.compose(room, change("user2@localhost", MucAffiliation.member));
        final Message message = only(notifications);
        final Element root = reparse(message);
        assertEquals("message", root.getName());
        assertEquals(List.of("from", "to"), sortedAttributeNamesWithoutId(root));
        assertEquals("room@conference.localhost", root.attributeValue("from"));
        assertEquals("user@localhost/romeo-res", root.attributeValue("to"));
        final Element x = root.element("x");
        assertNotNull(x);
        assertEquals(MUC_USER, x.getNamespaceURI());
        assertEquals(List.of("item"), names(x));
        final Element item = x.element("item");
        assertEquals(MUC_USER, item.getNamespaceURI());
        assertEquals("member", item.attributeValue("affiliation"));
        assertEquals("user2@localhost", item.attributeValue("jid"));
        assertEquals(2, item.attributeCount());
        assertTrue(item.elements().isEmpty());
    }

    private static List<String> sortedAttributeNamesWithoutId(Element element) {
        final List<String> result = attributeNames(element);
        result.remove("id"); // R2: an id may be added
        result.sort(null);
        return result;
    }

    // ---------------------------------------------------------------- R3

    @Test
    public void payloadIsOneMucUserXWithOneItemAndNothingElse() {
        for (MucAffiliation affiliation : MucAffiliation.values()) {
            final Message message = only(NotificationComposer.compose(
                semiAnonymous(moderator("romeo@montague.lit/orchard")), change("juliet@capulet.lit", affiliation)));
            final Element root = message.getElement();
            assertEquals(1, root.elements().size());
            assertEquals(1, root.elements("x").size());
            assertNull(root.element("body"));
            assertNull(message.getBody());
            assertNull(root.element("subject"));
            final Element item = item(message);
            assertEquals(List.of("affiliation", "jid"), sortedAttributeNames(item));
            assertNull(item.attribute("role"));
            assertNull(item.attribute("nick"));
            assertNull(item.element("actor"));
            assertTrue(item.elements().isEmpty());
            assertEquals(affiliation.name(), item.attributeValue("affiliation"));
            assertEquals("juliet@capulet.lit", item.attributeValue("jid"));
        }
    }

    private static List<String> sortedAttributeNames(Element element) {
        final List<String> result = attributeNames(element);
        result.sort(null);
        return result;
    }

    @Test
    public void statusElementsComeBeforeTheItem() {
        final Message ban = only(NotificationComposer.compose(
            semiAnonymous(moderator("romeo@montague.lit/orchard")), change("tybalt@localhost", MucAffiliation.outcast)));
        final Element x = x(ban);
        assertEquals(List.of("status", "item"), names(x));
        final Element status = x.element("status");
        assertEquals(MUC_USER, status.getNamespaceURI());
        assertEquals("301", status.attributeValue("code"));
        assertEquals(1, status.attributeCount());
        assertTrue(status.elements().isEmpty());

        final RoomSnapshot membersOnly = new RoomSnapshot(ROOM, true, false, List.of(moderator("romeo@montague.lit/orchard")));
        final Element x2 = x(only(NotificationComposer.compose(membersOnly, change("juliet@capulet.lit", MucAffiliation.none))));
        assertEquals(List.of("status", "item"), names(x2));
        assertEquals("321", x2.element("status").attributeValue("code"));
    }

    @Test
    public void itemJidIsBareAndLowerCased() {
        final Message message = only(NotificationComposer.compose(
            semiAnonymous(moderator("romeo@montague.lit/orchard")), change("Juliet@Capulet.LIT", MucAffiliation.member)));
        assertEquals("juliet@capulet.lit", item(message).attributeValue("jid"));
    }

    @Test
    public void itemJidOfADomainOnlyTarget() {
        final Message message = only(NotificationComposer.compose(
            semiAnonymous(moderator("romeo@montague.lit/orchard")), change("Evil.Example", MucAffiliation.outcast)));
        assertEquals("evil.example", item(message).attributeValue("jid"));
        assertEquals("outcast", item(message).attributeValue("affiliation"));
    }

    @Test
    public void childrenStayInTheMucUserNamespaceOnTheWire() {
        final Message message = only(NotificationComposer.compose(semiAnonymous(moderator("romeo@montague.lit/orchard")),
            new AffiliationChange(new JID("tybalt@localhost"), MucAffiliation.outcast, "Hey calm down")));
        final Element root = reparse(message);
        final List<Element> xs = root.elements();
        assertEquals(1, xs.size());
        final Element x = xs.get(0);
        assertEquals(MUC_USER, x.getNamespaceURI());
        for (Element child : x.elements()) {
            assertEquals(child.getName(), MUC_USER, child.getNamespaceURI());
        }
        final Element reason = x.element("item").element("reason");
        assertNotNull(reason);
        assertEquals(MUC_USER, reason.getNamespaceURI());
    }

    // ---------------------------------------------------------------- R4

    @Test
    public void reasonInsideTheItemWhenGiven() {
        final Message message = only(NotificationComposer.compose(semiAnonymous(moderator("romeo@montague.lit/orchard")),
            new AffiliationChange(new JID("tybalt@localhost"), MucAffiliation.outcast, "Hey calm down")));
        final Element x = x(message);
        assertEquals(List.of("status", "item"), names(x));
        assertEquals("301", x.element("status").attributeValue("code"));
        final Element item = x.element("item");
        assertEquals("outcast", item.attributeValue("affiliation"));
        assertEquals("tybalt@localhost", item.attributeValue("jid"));
        assertEquals(List.of("reason"), names(item));
        assertEquals("Hey calm down", item.element("reason").getText());
        assertTrue(item.element("reason").elements().isEmpty());
        assertNull("reason must not be a sibling of the item", x.element("reason"));
    }

    @Test
    public void reasonForEveryAffiliation() {
        for (MucAffiliation affiliation : MucAffiliation.values()) {
            final Element item = item(NotificationComposer.stanza(ROOM,
                new AffiliationChange(new JID("juliet@capulet.lit"), affiliation, "because"), true));
            assertEquals(affiliation.name(), List.of("reason"), names(item));
            assertEquals("because", item.elementText("reason"));
        }
    }

    @Test
    public void reasonWithMarkupCharactersSurvivesTheWire() {
        final String text = "<b>rude</b> & \"loud\" 'always'";
        final Message message = only(NotificationComposer.compose(semiAnonymous(moderator("romeo@montague.lit/orchard")),
            new AffiliationChange(new JID("tybalt@localhost"), MucAffiliation.outcast, text)));
        final Element item = reparse(message).element("x").element("item");
        assertEquals(List.of("reason"), names(item));
        assertTrue(item.element("reason").elements().isEmpty());
        assertEquals(text, item.element("reason").getText());
    }

    @Test
    public void noReasonElementWithoutReason() {
        final Element item = item(only(NotificationComposer.compose(semiAnonymous(moderator("romeo@montague.lit/orchard")),
            new AffiliationChange(new JID("tybalt@localhost"), MucAffiliation.outcast, null))));
        assertNull(item.element("reason"));
        assertTrue(item.elements().isEmpty());
    }

    @Test
    public void noReasonElementForBlankReason() {
        for (String blank : new String[] {"", " ", "\t\n  "}) {
            final Element item = item(only(NotificationComposer.compose(semiAnonymous(moderator("romeo@montague.lit/orchard")),
                new AffiliationChange(new JID("tybalt@localhost"), MucAffiliation.outcast, blank))));
            assertNull("reason '" + blank + "'", item.element("reason"));
            assertTrue(item.elements().isEmpty());
        }
    }

    // ---------------------------------------------------------------- R6

    @Test
    public void semiAnonymousRoomOnlyModeratorsReceive() {
        final RoomSnapshot room = semiAnonymous(
            moderator("romeo@montague.lit/orchard"),
            participant("benvolio@montague.lit/street"),
            participant("visitor@verona.lit/gate"),
            moderator("friar@church.lit/cell"));
        assertEquals(List.of("romeo@montague.lit/orchard", "friar@church.lit/cell"),
            recipientsOf(NotificationComposer.compose(room, change("juliet@capulet.lit", MucAffiliation.member))));
        assertEquals(List.of(new JID("romeo@montague.lit/orchard"), new JID("friar@church.lit/cell")),
            NotificationComposer.recipients(room));
    }

    @Test
    public void nonAnonymousRoomEveryOccupantReceivesVisitorsIncluded() {
        final RoomSnapshot room = nonAnonymous(
            participant("benvolio@montague.lit/street"),
            moderator("romeo@montague.lit/orchard"),
            participant("visitor@verona.lit/gate"));
        assertEquals(List.of("benvolio@montague.lit/street", "romeo@montague.lit/orchard", "visitor@verona.lit/gate"),
            recipientsOf(NotificationComposer.compose(room, change("juliet@capulet.lit", MucAffiliation.member))));
    }

    @Test
    public void federatedOccupantsNeverReceive() {
        for (boolean nonAnonymous : new boolean[] {false, true}) {
            final RoomSnapshot room = new RoomSnapshot(ROOM, false, nonAnonymous, List.of(
                federated("remote-mod@other.example/a", true),
                federated("remote-part@other.example/b", false),
                moderator("romeo@montague.lit/orchard")));
            assertEquals("nonAnonymous=" + nonAnonymous, List.of("romeo@montague.lit/orchard"),
                recipientsOf(NotificationComposer.compose(room, change("juliet@capulet.lit", MucAffiliation.outcast))));
        }
    }

    @Test
    public void onlyFederatedOccupantsMeansNoNotification() {
        final RoomSnapshot room = nonAnonymous(federated("remote-mod@other.example/a", true));
        assertTrue(NotificationComposer.compose(room, change("juliet@capulet.lit", MucAffiliation.member)).isEmpty());
        assertTrue(NotificationComposer.recipients(room).isEmpty());
    }

    @Test
    public void everySessionOfARecipientGetsItsOwnCopy() {
        final RoomSnapshot room = semiAnonymous(
            moderator("romeo@montague.lit/orchard"),
            moderator("romeo@montague.lit/phone"));
        final List<Notification> notifications =
            NotificationComposer.compose(room, change("juliet@capulet.lit", MucAffiliation.admin));
        assertEquals(List.of("romeo@montague.lit/orchard", "romeo@montague.lit/phone"), recipientsOf(notifications));
        for (Notification notification : notifications) {
            assertEquals("admin", item(notification.stanza()).attributeValue("affiliation"));
        }
    }

    @Test
    public void resourcesDifferingOnlyInCaseAreDistinctSessions() {
        final RoomSnapshot room = semiAnonymous(
            moderator("romeo@montague.lit/Orchard"),
            moderator("romeo@montague.lit/orchard"));
        assertEquals(List.of("romeo@montague.lit/Orchard", "romeo@montague.lit/orchard"),
            recipientsOf(NotificationComposer.compose(room, change("juliet@capulet.lit", MucAffiliation.member))));
    }

    @Test
    public void duplicateFullJidReceivesOnlyOnce() {
        final RoomSnapshot room = nonAnonymous(
            moderator("romeo@montague.lit/orchard"),
            participant("benvolio@montague.lit/street"),
            participant("romeo@montague.lit/orchard"),
            moderator("Romeo@Montague.LIT/orchard"));
        assertEquals(List.of("romeo@montague.lit/orchard", "benvolio@montague.lit/street"),
            recipientsOf(NotificationComposer.compose(room, change("juliet@capulet.lit", MucAffiliation.member))));
    }

    @Test
    public void emptyRoomProducesNothing() {
        for (boolean nonAnonymous : new boolean[] {false, true}) {
            for (MucAffiliation affiliation : MucAffiliation.values()) {
                final RoomSnapshot room = new RoomSnapshot(ROOM, true, nonAnonymous, List.of());
                assertTrue(NotificationComposer.compose(room, change("juliet@capulet.lit", affiliation)).isEmpty());
            }
        }
    }

    @Test
    public void semiAnonymousRoomWithOnlyNonModeratorsProducesNothing() {
        final RoomSnapshot room = semiAnonymous(
            participant("benvolio@montague.lit/street"),
            participant("visitor@verona.lit/gate"));
        for (MucAffiliation affiliation : MucAffiliation.values()) {
            assertTrue(NotificationComposer.compose(room, change("juliet@capulet.lit", affiliation)).isEmpty());
        }
        assertTrue(NotificationComposer.recipients(room).isEmpty());
    }

    // ---------------------------------------------------------------- R1

    @Test
    public void targetWithAJoinedSessionGetsNoNotification() {
        for (boolean nonAnonymous : new boolean[] {false, true}) {
            for (MucAffiliation affiliation : MucAffiliation.values()) {
                final RoomSnapshot room = new RoomSnapshot(ROOM, true, nonAnonymous, List.of(
                    moderator("romeo@montague.lit/orchard"),
                    participant("juliet@capulet.lit/balcony")));
                assertTrue(affiliation + " nonAnonymous=" + nonAnonymous,
                    NotificationComposer.compose(room, change("juliet@capulet.lit", affiliation)).isEmpty());
            }
        }
    }

    @Test
    public void targetWithOneOfSeveralResourcesJoinedGetsNoNotification() {
        final RoomSnapshot room = semiAnonymous(
            moderator("romeo@montague.lit/orchard"),
            moderator("juliet@capulet.lit/phone"));
        assertTrue(NotificationComposer.compose(room, change("juliet@capulet.lit", MucAffiliation.owner)).isEmpty());
    }

    @Test
    public void targetComparedAfterNormalisation() {
        final RoomSnapshot room = semiAnonymous(
            moderator("romeo@montague.lit/orchard"),
            participant("Juliet@Capulet.LIT/Balcony"));
        assertTrue(NotificationComposer.compose(room, change("JULIET@capulet.lit", MucAffiliation.member)).isEmpty());
    }

    @Test
    public void targetJoinedThroughFederationCountsAsJoined() {
        final RoomSnapshot room = semiAnonymous(
            moderator("romeo@montague.lit/orchard"),
            federated("juliet@capulet.lit/balcony", false));
        assertTrue(NotificationComposer.compose(room, change("juliet@capulet.lit", MucAffiliation.member)).isEmpty());
    }

    @Test
    public void otherUsersLookingLikeTheTargetDoNotSuppressTheNotification() {
        final RoomSnapshot room = semiAnonymous(
            moderator("nurse@capulet.lit/juliet"),   // resource equal to the target's node
            moderator("juliet@verona.lit/balcony"),  // same node, other domain
            moderator("capulet.lit/juliet"));         // the target's domain itself
        assertEquals(List.of("nurse@capulet.lit/juliet", "juliet@verona.lit/balcony", "capulet.lit/juliet"),
            recipientsOf(NotificationComposer.compose(room, change("juliet@capulet.lit", MucAffiliation.member))));
    }

    @Test
    public void domainOnlyTargetVersusUsersOfThatDomain() {
        final RoomSnapshot usersOnly = semiAnonymous(moderator("someone@evil.example/x"));
        assertEquals(List.of("someone@evil.example/x"),
            recipientsOf(NotificationComposer.compose(usersOnly, change("evil.example", MucAffiliation.outcast))));
        final RoomSnapshot domainJoined = semiAnonymous(moderator("someone@evil.example/x"), participant("evil.example/bot"));
        assertTrue(NotificationComposer.compose(domainJoined, change("evil.example", MucAffiliation.outcast)).isEmpty());
    }

    @Test
    public void theTargetIsNeverARecipient() {
        // Nobody outside the room gets it: neither the target (not joined) nor anyone else.
        final RoomSnapshot room = nonAnonymous(moderator("romeo@montague.lit/orchard"), participant("nurse@capulet.lit/x"));
        final List<Notification> notifications =
            NotificationComposer.compose(room, change("juliet@capulet.lit", MucAffiliation.member));
        assertEquals(List.of("romeo@montague.lit/orchard", "nurse@capulet.lit/x"), recipientsOf(notifications));
        for (Notification notification : notifications) {
            assertNotEquals("juliet@capulet.lit", notification.stanza().getTo().toBareJID());
        }
    }

    // ---------------------------------------------------------------- copies

    @Test
    public void copiesAreIndependent() {
        final RoomSnapshot room = nonAnonymous(
            moderator("romeo@montague.lit/orchard"),
            participant("benvolio@montague.lit/street"),
            participant("visitor@verona.lit/gate"));
        final List<Notification> notifications = NotificationComposer.compose(room,
            new AffiliationChange(new JID("tybalt@localhost"), MucAffiliation.outcast, "Hey calm down"));
        assertEquals(3, notifications.size());
        final Message first = notifications.get(0).stanza();
        final Message second = notifications.get(1).stanza();
        final Message third = notifications.get(2).stanza();
        assertNotSame(first.getElement(), second.getElement());
        assertNotSame(x(first), x(second));
        final String secondBefore = second.toXML();

        // Mutate the first copy in every way a later interceptor or router might.
        item(first).addAttribute("affiliation", "owner");
        item(first).element("reason").setText("changed");
        x(first).element("status").addAttribute("code", "999");
        first.setTo(new JID("mallory@evil.example/x"));
        first.setBody("hello");
        first.setType(Message.Type.groupchat);
        first.setID("mutated");

        assertEquals(secondBefore, second.toXML());
        for (Message untouched : List.of(second, third)) {
            assertNull(untouched.getElement().attribute("type"));
            assertNull(untouched.getElement().element("body"));
            assertEquals("outcast", item(untouched).attributeValue("affiliation"));
            assertEquals("Hey calm down", item(untouched).elementText("reason"));
            assertEquals("301", x(untouched).element("status").attributeValue("code"));
        }
        assertEquals("benvolio@montague.lit/street", second.getTo().toString());
        assertEquals("visitor@verona.lit/gate", third.getTo().toString());
    }

    @Test
    public void composingTwiceGivesEqualButSeparateStanzas() {
        final RoomSnapshot room = semiAnonymous(moderator("romeo@montague.lit/orchard"));
        final AffiliationChange change = change("juliet@capulet.lit", MucAffiliation.member);
        final Message a = only(NotificationComposer.compose(room, change));
        final Message b = only(NotificationComposer.compose(room, change));
        assertNotSame(a.getElement(), b.getElement());
        a.getElement().element("x").detach();
        assertEquals("member", item(b).attributeValue("affiliation"));
    }
}
