package org.jivesoftware.openfire.muc;

import java.util.List;

import org.xmpp.packet.JID;

/** Stand-in for Openfire 5.1.1's MultiUserChatManager (members used by the plugin). */
public class MultiUserChatManager {
    public MultiUserChatService getMultiUserChatService(final JID jid) {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public MultiUserChatService getMultiUserChatService(final String subdomain) {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public List<MultiUserChatService> getMultiUserChatServices() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }
}
