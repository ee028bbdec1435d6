package net.mucaffiliationnotify.tracking;

import org.xmpp.packet.JID;

/** Whether notifications are on for a room (R12). Must be cheap: it is asked on the request path. */
public interface RoomSwitch {
    /** A switch that is always on. */
    RoomSwitch ALWAYS_ON = room -> true;

    /**
     * @param roomJid a bare room JID
     * @return whether the plugin may notify for that room
     */
    boolean isEnabled(JID roomJid);
}
