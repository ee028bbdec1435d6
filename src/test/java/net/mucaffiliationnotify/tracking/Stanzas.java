package net.mucaffiliationnotify.tracking;

import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;

import net.mucaffiliationnotify.requests.AffiliationRequest;
import net.mucaffiliationnotify.requests.AffiliationRequestParser;

/** Stanzas as the wire shows them, for tracker tests. */
final class Stanzas {
    static final String OWNER = "owner@localhost/desk";
    static final String ROOM = "room@conference.localhost";

    private Stanzas() {
    }

    static IQ iq(String xml) {
        try {
            return new IQ(DocumentHelper.parseText(xml).getRootElement());
        } catch (DocumentException e) {
            throw new IllegalArgumentException(xml, e);
        }
    }

    static Message message(String xml) {
        try {
            return new Message(DocumentHelper.parseText(xml).getRootElement());
        } catch (DocumentException e) {
            throw new IllegalArgumentException(xml, e);
        }
    }

    /** A muc#admin set from {@link #OWNER} to {@link #ROOM} with the given items' XML. */
    static IQ admin(String id, String itemsXml) {
        return iq("<iq type='set' id='" + id + "' from='" + OWNER + "' to='" + ROOM + "'>"
            + "<query xmlns='http://jabber.org/protocol/muc#admin'>" + itemsXml + "</query></iq>");
    }

    static String item(String affiliation, String jid) {
        return "<item affiliation='" + affiliation + "' jid='" + jid + "'/>";
    }

    static AffiliationRequest request(IQ iq) {
        final AffiliationRequest request = AffiliationRequestParser.fromIq(iq);
        if (request == null) {
            throw new IllegalArgumentException("not an affiliation request: " + iq.toXML());
        }
        return request;
    }

    static IQ result(IQ request) {
        return IQ.createResultIQ(request);
    }

    static IQ error(IQ request) {
        final IQ reply = IQ.createResultIQ(request);
        reply.setType(IQ.Type.error);
        return reply;
    }
}
