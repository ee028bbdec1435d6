package net.mucaffiliationnotify.requests;

import java.util.ArrayList;
import java.util.List;

import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** Test stanzas written as on the wire. */
final class Stanzas {
    static final String MUC_ADMIN = "http://jabber.org/protocol/muc#admin";
    static final String MUC_OWNER = "http://jabber.org/protocol/muc#owner";
    static final String MUC_USER = "http://jabber.org/protocol/muc#user";
    static final String REGISTER = "jabber:iq:register";
    static final String DATA_FORMS = "jabber:x:data";
    static final String ROOM = "room@conference.localhost";
    static final String ROMEO = "romeo@montague.lit/orchard";

    private Stanzas() {
    }

    static Element parse(String xml) {
        try {
            return DocumentHelper.parseText(xml).getRootElement();
        } catch (DocumentException e) {
            throw new IllegalArgumentException(xml, e);
        }
    }

    static IQ iq(String xml) {
        return new IQ(parse(xml));
    }

    static Message message(String xml) {
        return new Message(parse(xml));
    }

    /** A muc#admin set from Romeo to the room holding the given items. */
    static IQ adminSet(String items) {
        return iq("<iq from='" + ROMEO + "' to='" + ROOM + "' id='admin1' type='set'>"
            + "<query xmlns='" + MUC_ADMIN + "'>" + items + "</query></iq>");
    }

    static List<String> strings(List<JID> jids) {
        final List<String> result = new ArrayList<>();
        for (JID jid : jids) {
            result.add(jid.toString());
        }
        return result;
    }

    static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }
}
