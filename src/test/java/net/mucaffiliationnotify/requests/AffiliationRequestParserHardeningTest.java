package net.mucaffiliationnotify.requests;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import org.dom4j.DocumentHelper;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;

/**
 * Input Openfire passes on but the parser must neither choke on nor take for a request: unknown type
 * values (Tinder's getType() would throw), non-normal invitations (Openfire ignores them), over-long JIDs
 * (rejected before the costly stringprep).
 */
public class AffiliationRequestParserHardeningTest {
    private static IQ iq(String type, String jid) throws Exception {
        return new IQ(DocumentHelper.parseText("<iq type='" + type + "' id='x' from='romeo@localhost/a' to='room@conference.localhost'>"
            + "<query xmlns='http://jabber.org/protocol/muc#admin'><item affiliation='member' jid='" + jid + "'/></query></iq>")
            .getRootElement());
    }

    private static Message invite(String typeAttribute) throws Exception {
        return new Message(DocumentHelper.parseText("<message" + typeAttribute + " from='romeo@localhost/a' to='room@conference.localhost'>"
            + "<x xmlns='http://jabber.org/protocol/muc#user'><invite to='juliet@localhost'/></x></message>").getRootElement());
    }

    @Test
    public void unknownTypesAreNoRequests() throws Exception {
        assertNull(AffiliationRequestParser.fromIq(iq("bogus", "juliet@localhost")));
        assertNull(AffiliationRequestParser.fromMessage(invite(" type='bogus'")));
    }

    @Test
    public void onlyNormalMessagesInvite() throws Exception {
        assertNotNull(AffiliationRequestParser.fromMessage(invite("")));
        assertNotNull(AffiliationRequestParser.fromMessage(invite(" type='normal'")));
        for (String type : new String[] {"chat", "headline", "groupchat", "error"}) {
            assertNull(type, AffiliationRequestParser.fromMessage(invite(" type='" + type + "'")));
        }
    }

    @Test
    public void overLongJidsAreSkippedWithoutStringprep() throws Exception {
        final String longNode = "z".repeat(1_048_576);
        assertNull(AffiliationRequestParser.fromIq(iq("set", longNode + "@localhost")));
        assertNull(AffiliationRequestParser.bareJid(longNode));
        assertNotNull(AffiliationRequestParser.bareJid("juliet@localhost"));
        assertNull(AffiliationRequestParser.bareJid("a".repeat(AffiliationRequestParser.MAX_JID_LENGTH + 1)));
    }
}
