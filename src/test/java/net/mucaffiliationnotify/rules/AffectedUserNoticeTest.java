package net.mucaffiliationnotify.rules;

import static net.mucaffiliationnotify.rules.NotificationComposerTest.MUC_USER;
import static net.mucaffiliationnotify.rules.NotificationComposerTest.ROOM;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dom4j.Attribute;
import org.dom4j.Document;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.Test;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.requests.GroupJids;

/**
 * {@link AffectedUserNotice}: the out-of-room message with status 101 (XEP-0045, Implementation Notes), read
 * back from its XML as a client would read it.
 */
public class AffectedUserNoticeTest {
    private static final String JULIET = "juliet@capulet.lit";

    private static RoomSnapshot room(boolean membersOnly, boolean nonAnonymous, Occupant... occupants) {
        return new RoomSnapshot(ROOM, membersOnly, nonAnonymous, List.of(occupants));
    }

    private static RoomSnapshot openRoom(Occupant... occupants) {
        return room(false, true, occupants);
    }

    private static AffiliationChange change(MucAffiliation affiliation, String reason) {
        return new AffiliationChange(new JID(JULIET), affiliation, reason);
    }

    /** @return the stanza's XML, parsed again: what the user's client receives */
    private static Element sent(Optional<Notification> notice) throws Exception {
        assertTrue("a notice is sent", notice.isPresent());
        final Document document = DocumentHelper.parseText(notice.get().stanza().toXML());
        return document.getRootElement();
    }

    private static List<String> codes(Element x) {
        final List<String> codes = new ArrayList<>();
        for (Element status : x.elements("status")) {
            codes.add(status.attributeValue("code"));
        }
        return codes;
    }

    private static List<String> attributes(Element element) {
        final List<String> names = new ArrayList<>();
        for (Attribute attribute : element.attributes()) {
            names.add(attribute.getName() + "=" + attribute.getValue());
        }
        return names;
    }

    @Test
    public void aMembershipIsToldToTheUsersBareJidFromTheRoomAsANormalMessage() throws Exception {
        final AffiliationChange grant = change(MucAffiliation.member, null);
        final Optional<Notification> notice = AffectedUserNotice.compose(
            openRoom(NotificationComposerTest.moderator("romeo@montague.lit/orchard")), grant,
            "You are now a member of the room room@conference.localhost.");
        final Element message = sent(notice);

        assertEquals("message", message.getName());
        assertEquals(List.of("from=room@conference.localhost", "to=juliet@capulet.lit", "type=normal"),
            attributes(message).stream().sorted().toList());
        assertEquals(List.of("x", "body"), NotificationComposerTest.names(message));
        final Element x = message.element("x");
        assertEquals(MUC_USER, x.getNamespaceURI());
        assertEquals(List.of("status", "item"), NotificationComposerTest.names(x));
        assertEquals(List.of("101"), codes(x));
        final Element item = x.element("item");
        assertEquals(List.of("affiliation=member", "jid=juliet@capulet.lit"), attributes(item));
        assertTrue("no reason was given", item.elements().isEmpty());
        assertEquals("You are now a member of the room room@conference.localhost.", message.elementText("body"));
        assertSame("the notice announces the change", grant, notice.get().change());
    }

    /** 101 first, then the occupants' codes: 301 for any ban, 321 for a removal from a members-only room. */
    @Test
    public void statusCodesAre101ThenTheOccupantsOnes() throws Exception {
        for (MucAffiliation affiliation : MucAffiliation.values()) {
            for (boolean membersOnly : new boolean[] {false, true}) {
                final List<String> expected = new ArrayList<>(List.of("101"));
                if (affiliation == MucAffiliation.outcast) {
                    expected.add("301");
                } else if (affiliation == MucAffiliation.none && membersOnly) {
                    expected.add("321");
                }
                final Element x = sent(AffectedUserNotice.compose(room(membersOnly, false),
                    change(affiliation, null), null)).element("x");
                final String label = affiliation + " membersOnly=" + membersOnly;
                assertEquals(label, expected, codes(x));
                assertEquals(label, affiliation.name(), x.element("item").attributeValue("affiliation"));
                assertEquals(label, JULIET, x.element("item").attributeValue("jid"));
            }
        }
    }

    @Test
    public void theRequestsReasonIsInTheItem() throws Exception {
        final Element x = sent(AffectedUserNotice.compose(openRoom(), change(MucAffiliation.outcast, "Hey calm down"),
            null)).element("x");
        assertEquals(List.of("101", "301"), codes(x));
        assertEquals(List.of("reason"), NotificationComposerTest.names(x.element("item")));
        assertEquals("Hey calm down", x.element("item").elementText("reason"));
    }

    @Test
    public void withoutATextThereIsNoBody() throws Exception {
        for (String none : new String[] {null, "", "  \n"}) {
            final Element message = sent(AffectedUserNotice.compose(openRoom(), change(MucAffiliation.admin, null), none));
            assertNull(String.valueOf(none), message.element("body"));
            assertEquals(List.of("x"), NotificationComposerTest.names(message));
        }
    }

    @Test
    public void nobodyIsToldWhoIsInTheRoom() {
        final AffiliationChange grant = change(MucAffiliation.member, null);
        // Any session of the target's bare JID counts, whatever its resource, its role or the room's anonymity.
        for (Occupant juliet : List.of(NotificationComposerTest.participant("juliet@capulet.lit/balcony"),
                NotificationComposerTest.moderator("juliet@capulet.lit/tomb"),
                NotificationComposerTest.federated("juliet@capulet.lit/remote", false))) {
            for (boolean nonAnonymous : new boolean[] {false, true}) {
                assertFalse(juliet + " nonAnonymous=" + nonAnonymous, AffectedUserNotice.compose(
                    room(true, nonAnonymous, NotificationComposerTest.moderator("romeo@montague.lit/orchard"), juliet),
                    grant, "text").isPresent());
            }
        }
        // Someone else in the room, or an empty room: the target is told.
        assertTrue(AffectedUserNotice.compose(room(true, false,
            NotificationComposerTest.participant("juliet@capulet.lit.example/balcony"),
            NotificationComposerTest.participant("nurse@capulet.lit/juliet")), grant, null).isPresent());
        assertTrue(AffectedUserNotice.compose(room(true, false), grant, null).isPresent());
    }

    /** The occupants' notification needs recipients allowed to see real JIDs; the target's own notice does not. */
    @Test
    public void theTargetIsToldInASemiAnonymousRoomWithoutModeratorsToo() throws Exception {
        final Element message = sent(AffectedUserNotice.compose(
            room(false, false, NotificationComposerTest.participant("romeo@montague.lit/orchard")),
            change(MucAffiliation.owner, null), null));
        assertEquals(JULIET, message.attributeValue("to"));
        assertTrue(NotificationComposer.compose(room(false, false,
            NotificationComposerTest.participant("romeo@montague.lit/orchard")), change(MucAffiliation.owner, null))
            .isEmpty());
    }

    @Test
    public void eachNoticeIsAStanzaOfItsOwn() {
        final RoomSnapshot room = openRoom();
        final AffiliationChange grant = change(MucAffiliation.member, null);
        final Notification first = AffectedUserNotice.compose(room, grant, "a").get();
        final Notification second = AffectedUserNotice.compose(room, grant, "b").get();
        assertNotSame(first.stanza().getElement(), second.stanza().getElement());
        assertEquals("a", first.stanza().getBody());
    }

    /**
     * A group in an affiliation list is a JID with a resource (Openfire's GroupJID); a change is held by a bare
     * JID, so a group can never become a notice's recipient.
     */
    @Test
    public void noChangeAndHenceNoNoticeCanNameAGroup() {
        final JID group = new JID("CDGN0TBCCLQ76===@localhost/95b2a835dd8afa78fce2043d8dad72b3");
        assertTrue("an Openfire group JID", GroupJids.isGroup(group));
        try {
            new AffiliationChange(group, MucAffiliation.member, null);
            fail("a change of a group JID");
        } catch (IllegalArgumentException expected) {
            // As AffiliationChange requires.
        }
    }
}
