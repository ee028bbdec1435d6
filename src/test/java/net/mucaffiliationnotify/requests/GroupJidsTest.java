package net.mucaffiliationnotify.requests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.dom4j.DocumentHelper;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * Openfire group JIDs (node = base32hex of the group name, resource = MD5 of it) are recognised and never
 * become targets: an item would carry a full JID no client can use. The sample is the JID Openfire 5.1.1
 * gave the group "capulets".
 */
public class GroupJidsTest {
    private static final String CAPULETS = "cdgn0tbcclq76===@localhost/95b2a835dd8afa78fce2043d8dad72b3";

    @Test
    public void recognisesOpenfireGroupJids() {
        assertTrue(GroupJids.isGroup(new JID(CAPULETS)));
        assertTrue("base32hex is case-insensitive", GroupJids.isGroup(new JID("CDGN0TBCCLQ76===@localhost/95b2a835dd8afa78fce2043d8dad72b3")));
    }

    @Test
    public void usersAreNotGroups() {
        assertFalse(GroupJids.isGroup(new JID("juliet@localhost")));
        assertFalse(GroupJids.isGroup(new JID("juliet@localhost/balcony")));
        assertFalse("right node, wrong hash", GroupJids.isGroup(new JID("cdgn0tbcclq76===@localhost/95b2a835dd8afa78fce2043d8dad72b4")));
        assertFalse("not base32hex", GroupJids.isGroup(new JID("wxyz@localhost/95b2a835dd8afa78fce2043d8dad72b3")));
        assertFalse(GroupJids.isGroup(new JID("localhost")));
    }

    @Test
    public void groupItemsAreNotTargetsButUsersBesideThemAre() throws Exception {
        final IQ iq = new IQ(DocumentHelper.parseText("<iq type='set' id='g' from='romeo@localhost/a' to='room@conference.localhost'>"
            + "<query xmlns='http://jabber.org/protocol/muc#admin'><item affiliation='member' jid='" + CAPULETS + "'/>"
            + "<item affiliation='member' jid='juliet@localhost/balcony'/></query></iq>").getRootElement());
        assertEquals(java.util.List.of(new JID("juliet@localhost")), AffiliationRequestParser.fromIq(iq).targets());

        final IQ onlyGroup = new IQ(DocumentHelper.parseText("<iq type='set' id='g' from='romeo@localhost/a' to='room@conference.localhost'>"
            + "<query xmlns='http://jabber.org/protocol/muc#admin'><item affiliation='member' jid='" + CAPULETS + "'/>"
            + "</query></iq>").getRootElement());
        assertNull(AffiliationRequestParser.fromIq(onlyGroup));
    }
}
