package org.jivesoftware.openfire.group;

import org.xmpp.packet.JID;

/** Stand-in for Openfire 5.1.1's GroupManager: only what the plugin calls, with the real signatures. */
public class GroupManager {
    private GroupManager() {
    }

    public static GroupManager getInstance() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public Group getGroup(JID jid) throws GroupNotFoundException {
        throw new UnsupportedOperationException("Openfire stand-in");
    }
}
