package org.jivesoftware.openfire;

import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.muc.MultiUserChatManager;

/** Stand-in for Openfire 5.1.1's XMPPServer (members used by the plugin). */
public class XMPPServer {
    public static XMPPServer getInstance() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public PacketRouter getPacketRouter() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public MultiUserChatManager getMultiUserChatManager() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public RoutingTable getRoutingTable() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public PluginManager getPluginManager() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }
}
