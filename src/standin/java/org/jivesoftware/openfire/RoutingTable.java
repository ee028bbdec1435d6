package org.jivesoftware.openfire;

import org.xmpp.packet.JID;

/** Stand-in for Openfire 5.1.1's RoutingTable (members used by the plugin). */
public interface RoutingTable {
    /**
     * @param jid the address of the route
     * @return true if the route is hosted by this JVM (this cluster node)
     */
    boolean isLocalRoute(JID jid);
}
