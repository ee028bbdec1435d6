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
     * Delivers what one look at a room announced. A sink that serves a cluster delivers them, on every node,
     * in the room's history's order; this default, for a single node, delivers them as they come (the room's
     * lock already orders them).
     *
     * @param announcement the notifications of a span of the room's history, possibly none
     */
    default void announce(Announcement announcement) {
        if (!announcement.notifications().isEmpty()) {
            deliver(announcement.notifications());
        }
    }

    /**
     * Sends users whose affiliation changed while they were not in the room the XEP-0045 status-101 message,
     * once in a cluster (from the node that announced the change; Openfire routes a message to a bare JID to the
     * user's sessions, or stores it offline).
     *
     * @param notices the messages, each to a bare JID
     */
    default void tellAffected(List<Notification> notices) {
        deliver(notices);
    }

    /**
     * Delivers a reply the tracker held back until its request's notifications were out.
     *
     * @param reply the requester's IQ result or error, or the error message answering an invitation
     */
    void deliverHeldReply(Packet reply);
}
