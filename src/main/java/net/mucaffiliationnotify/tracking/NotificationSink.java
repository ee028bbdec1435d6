package net.mucaffiliationnotify.tracking;

import java.util.List;

import org.xmpp.packet.Packet;

import net.mucaffiliationnotify.rules.Notification;

/** Delivers notifications, in order, to their recipients. */
public interface NotificationSink {
    /**
     * @param notifications the stanzas to deliver, in the order given
     */
    void deliver(List<Notification> notifications);

    /**
     * Delivers a reply the tracker held back until its request's notifications were out.
     *
     * @param reply the requester's IQ result or error, or the error message answering an invitation
     */
    void deliverHeldReply(Packet reply);
}
