package org.jivesoftware.openfire.muc.spi;

import org.xmpp.packet.JID;

/** Stand-in for Openfire 5.1.1's MUCRoomSearchInfo (members used by the plugin). */
public class MUCRoomSearchInfo {
    private MUCRoomSearchInfo() {
    }

    public String getServiceName() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public JID getJID() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public String getName() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public String getNaturalLanguageName() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public String getDescription() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }
}
