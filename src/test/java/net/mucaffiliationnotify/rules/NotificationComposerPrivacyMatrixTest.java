package net.mucaffiliationnotify.rules;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dom4j.Element;
import org.junit.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * Exhaustive privacy matrix for R1, R2, R5 and R6: every combination of room anonymity, members-only,
 * observer role (moderator / participant / visitor), new affiliation and target in/out of the room. A
 * non-moderator of a semi-anonymous room must never receive a real JID; federated occupants and the target
 * never receive anything; the recipient count is exactly what R6 allows.
 */
public class NotificationComposerPrivacyMatrixTest {
    private enum Role {
        MODERATOR(true), PARTICIPANT(false), VISITOR(false);

        final boolean moderator;

        Role(boolean moderator) {
            this.moderator = moderator;
        }
    }

    private static final JID ROOM = new JID("room@conference.localhost");
    private static final String OBSERVER = "observer@localhost/desk";
    private static final String OBSERVER_PHONE = "observer@localhost/phone";
    private static final String FEDERATED_MODERATOR = "remote@other.example/fmuc";
    private static final String TARGET = "target@localhost";
    private static final String TARGET_SESSION = "target@localhost/phone";

    @Test
    public void everyCombination() {
        int checked = 0;
        for (boolean nonAnonymous : new boolean[] {false, true}) {
            for (boolean membersOnly : new boolean[] {false, true}) {
                for (Role observerRole : Role.values()) {
                    for (MucAffiliation affiliation : MucAffiliation.values()) {
                        for (boolean targetInRoom : new boolean[] {false, true}) {
                            check(nonAnonymous, membersOnly, observerRole, affiliation, targetInRoom);
                            checked++;
                        }
                    }
                }
            }
        }
        System.out.println("Privacy matrix: " + checked + " combinations checked");
        assertEquals(2 * 2 * 3 * 5 * 2, checked);
    }

    private static void check(boolean nonAnonymous, boolean membersOnly, Role observerRole,
                              MucAffiliation affiliation, boolean targetInRoom) {
        final String label = "nonAnonymous=" + nonAnonymous + " membersOnly=" + membersOnly + " observer="
            + observerRole + " affiliation=" + affiliation + " targetInRoom=" + targetInRoom;
        final List<Occupant> occupants = new ArrayList<>();
        occupants.add(new Occupant(new JID(OBSERVER), observerRole.moderator, false));
        occupants.add(new Occupant(new JID(OBSERVER_PHONE), observerRole.moderator, false));
        occupants.add(new Occupant(new JID(FEDERATED_MODERATOR), true, true));
        if (targetInRoom) {
            occupants.add(new Occupant(new JID(TARGET_SESSION), false, false));
        }
        final RoomSnapshot room = new RoomSnapshot(ROOM, membersOnly, nonAnonymous, occupants);
        final List<Notification> notifications =
            NotificationComposer.compose(room, new AffiliationChange(new JID(TARGET), affiliation, null));

        final List<String> recipients = new ArrayList<>();
        for (Notification notification : notifications) {
            recipients.add(notification.stanza().getTo().toString());
        }

        // Independent statement of the rules.
        final boolean observerMaySeeJids = nonAnonymous || observerRole.moderator;
        final List<String> expected = new ArrayList<>();
        if (!targetInRoom && observerMaySeeJids) {
            expected.add(OBSERVER);
            expected.add(OBSERVER_PHONE);
        }
        assertEquals(label, expected, recipients);
        assertEquals(label, expected.size(), notifications.size());

        if (!nonAnonymous && !observerRole.moderator) {
            assertTrue(label + ": a non-moderator of a semi-anonymous room received " + recipients, recipients.isEmpty());
        }
        assertFalse(label, recipients.contains(FEDERATED_MODERATOR));
        for (String recipient : recipients) {
            assertFalse(label, recipient.startsWith(TARGET));
        }

        final List<String> expectedCodes = new ArrayList<>();
        if (affiliation == MucAffiliation.outcast) {
            expectedCodes.add("301");
        } else if (affiliation == MucAffiliation.none && membersOnly) {
            expectedCodes.add("321");
        }
        for (Notification notification : notifications) {
            final Message stanza = notification.stanza();
            assertEquals(label, "room@conference.localhost", stanza.getElement().attributeValue("from"));
            assertNull(label, stanza.getElement().attribute("type"));
            assertNull(label, stanza.getElement().element("body"));
            final Element x = stanza.getChildElement("x", NotificationComposerTest.MUC_USER);
            final List<String> codes = new ArrayList<>();
            for (Element status : x.elements("status")) {
                codes.add(status.attributeValue("code"));
            }
            assertEquals(label, expectedCodes, codes);
            final List<Element> items = x.elements("item");
            assertEquals(label, 1, items.size());
            assertEquals(label, TARGET, items.get(0).attributeValue("jid"));
            assertEquals(label, affiliation.name(), items.get(0).attributeValue("affiliation"));
        }
    }
}
