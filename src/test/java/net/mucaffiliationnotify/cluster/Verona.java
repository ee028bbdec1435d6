package net.mucaffiliationnotify.cluster;

import java.util.List;

import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/** The rooms, sessions and requests of the cluster tests. Sessions are spread over nodes A, B and C. */
final class Verona {
    static final String ROMEO = "romeo@localhost/desk";        // A, owner, moderator
    static final String FRIAR = "friar@localhost/cell";        // A, member, participant
    static final String ESCALUS = "escalus@localhost/tab";     // B, owner, moderator
    static final String MERCUTIO_PHONE = "mercutio@localhost/phone";   // B, admin, moderator
    static final String JULIET = "juliet@localhost/balcony";   // B, member, participant
    static final String MERCUTIO_LAPTOP = "mercutio@localhost/laptop"; // C, admin, moderator (same user, other node)
    static final String BENVOLIO = "benvolio@localhost/home";  // C, admin, moderator
    static final String NURSE = "nurse@localhost/kitchen";     // C, no affiliation, participant
    /** Connected to C but in no room: must never receive a notification. */
    static final String ROSALINE = "rosaline@localhost/home";
    /** Connected to B, in the plaza only (participant). */
    static final String BALTHASAR = "balthasar@localhost/horse";

    /** The sessions of the council (semi-anonymous) that may see real JIDs: its moderators, on all three nodes. */
    static final List<String> COUNCIL_MODERATORS = List.of(ROMEO, ESCALUS, MERCUTIO_PHONE, MERCUTIO_LAPTOP, BENVOLIO);
    /** Sessions in the council that must receive nothing (participants), and one outside it. */
    static final List<String> COUNCIL_OTHERS = List.of(FRIAR, JULIET, NURSE, ROSALINE);

    static final List<String> PLAZA_OCCUPANTS = List.of(ROMEO, FRIAR, JULIET, BALTHASAR, MERCUTIO_LAPTOP, NURSE);

    private Verona() {
    }

    static JID roomJid(String room) {
        return new JID(room, ClusterHarness.SERVICE_DOMAIN, null);
    }

    /**
     * A semi-anonymous room: only its moderators get notifications (R6). Capulet owns it without being in it:
     * the tests' second requester, whose requests Openfire accepts (the plugin follows no other).
     */
    static RoomRecord council() {
        return new RoomRecord("council")
            .set("romeo@localhost", "owner").set("escalus@localhost", "owner").set("capulet@localhost", "owner")
            .set("mercutio@localhost", "admin").set("benvolio@localhost", "admin").set("paris@localhost", "admin")
            .set("juliet@localhost", "member").set("friar@localhost", "member")
            .join(ROMEO, "moderator", "A").join(FRIAR, "participant", "A")
            .join(ESCALUS, "moderator", "B").join(MERCUTIO_PHONE, "moderator", "B").join(JULIET, "participant", "B")
            .join(MERCUTIO_LAPTOP, "moderator", "C").join(BENVOLIO, "moderator", "C").join(NURSE, "participant", "C");
    }

    /** A non-anonymous room: every occupant, visitors included, gets notifications (R6). */
    static RoomRecord plaza() {
        final RoomRecord plaza = new RoomRecord("plaza")
            .set("romeo@localhost", "owner").set("juliet@localhost", "member")
            .join(ROMEO, "moderator", "A").join(FRIAR, "visitor", "A")
            .join(JULIET, "participant", "B").join(BALTHASAR, "participant", "B")
            .join(MERCUTIO_LAPTOP, "participant", "C").join(NURSE, "visitor", "C");
        plaza.nonAnonymous = true;
        return plaza;
    }

    /** Connects the sessions that are in no room. */
    static void connectOutsiders(ClusterHarness harness) {
        harness.connect(harness.node("C"), ROSALINE);
    }

    static IQ adminSet(String from, String room, String id, String items) {
        return iq("<iq type='set' id='" + id + "' from='" + from + "' to='" + roomJid(room) + "'>"
            + "<query xmlns='http://jabber.org/protocol/muc#admin'>" + items + "</query></iq>");
    }

    static String item(String affiliation, String jid) {
        return "<item affiliation='" + affiliation + "' jid='" + jid + "'/>";
    }

    static String item(String affiliation, String jid, String reason) {
        return "<item affiliation='" + affiliation + "' jid='" + jid + "'><reason>" + reason + "</reason></item>";
    }

    /** The owner's configuration form sending the admins list. */
    static IQ adminsForm(String from, String room, String id, String... admins) {
        final StringBuilder values = new StringBuilder();
        for (String admin : admins) {
            values.append("<value>").append(admin).append("</value>");
        }
        return iq("<iq type='set' id='" + id + "' from='" + from + "' to='" + roomJid(room) + "'>"
            + "<query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'>"
            + "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/muc#roomconfig</value></field>"
            + "<field var='muc#roomconfig_roomadmins'>" + values + "</field></x></query></iq>");
    }

    /** @return the element the XML snippet is, detached */
    static org.dom4j.Element element(String xml) {
        try {
            return DocumentHelper.parseText(xml).getRootElement().createCopy();
        } catch (DocumentException e) {
            throw new IllegalArgumentException(xml, e);
        }
    }

    static IQ iq(String xml) {
        try {
            return new IQ(DocumentHelper.parseText(xml).getRootElement());
        } catch (DocumentException e) {
            throw new IllegalArgumentException(xml, e);
        }
    }
}
