package net.mucaffiliationnotify.rules;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.dom4j.Element;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * R5, table-driven over every affiliation in members-only and open rooms: {@code 301} for outcast,
 * {@code 321} for none in a members-only room, no status code otherwise. Checks both
 * {@link NotificationComposer#statusCodes} and the {@code <status/>} elements of the composed stanza.
 */
@RunWith(Parameterized.class)
public class NotificationComposerStatusCodeTest {

    @Parameters(name = "{0} membersOnly={1} -> {2}")
    public static Collection<Object[]> table() {
        return Arrays.asList(new Object[][] {
            {MucAffiliation.owner, false, new int[0]},
            {MucAffiliation.owner, true, new int[0]},
            {MucAffiliation.admin, false, new int[0]},
            {MucAffiliation.admin, true, new int[0]},
            {MucAffiliation.member, false, new int[0]},
            {MucAffiliation.member, true, new int[0]},
            {MucAffiliation.outcast, false, new int[] {301}},
            {MucAffiliation.outcast, true, new int[] {301}},
            {MucAffiliation.none, false, new int[0]},
            {MucAffiliation.none, true, new int[] {321}},
        });
    }

    private final MucAffiliation affiliation;
    private final boolean membersOnly;
    private final int[] expected;

    public NotificationComposerStatusCodeTest(MucAffiliation affiliation, boolean membersOnly, int[] expected) {
        this.affiliation = affiliation;
        this.membersOnly = membersOnly;
        this.expected = expected;
    }

    @Test
    public void statusCodes() {
        assertArrayEquals(expected, NotificationComposer.statusCodes(affiliation, membersOnly));
    }

    @Test
    public void statusElementsOfTheComposedStanza() {
        final RoomSnapshot room = new RoomSnapshot(new JID("room@conference.localhost"), membersOnly, false,
            List.of(new Occupant(new JID("romeo@montague.lit/orchard"), true, false)));
        final List<Notification> notifications = NotificationComposer.compose(room,
            new AffiliationChange(new JID("juliet@capulet.lit"), affiliation, null));
        assertEquals(1, notifications.size());
        final Message message = notifications.get(0).stanza();
        final Element x = message.getChildElement("x", NotificationComposerTest.MUC_USER);
        final List<String> codes = new ArrayList<>();
        for (Element status : x.elements("status")) {
            codes.add(status.attributeValue("code"));
        }
        final List<String> expectedCodes = new ArrayList<>();
        final List<String> expectedOrder = new ArrayList<>();
        for (int code : expected) {
            expectedCodes.add(Integer.toString(code));
            expectedOrder.add("status");
        }
        expectedOrder.add("item");
        assertEquals(expectedCodes, codes);
        assertEquals(expectedOrder, NotificationComposerTest.names(x));
        assertEquals(affiliation.name(), x.element("item").attributeValue("affiliation"));
    }
}
