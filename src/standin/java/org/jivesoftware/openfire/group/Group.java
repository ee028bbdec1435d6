package org.jivesoftware.openfire.group;

import java.util.Collection;

import org.xmpp.packet.JID;

/** Stand-in for Openfire 5.1.1's Group: only what the plugin calls, with the real signatures. */
public class Group {
    public Collection<JID> getAll() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public String getName() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public GroupJID getJID() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }
}
