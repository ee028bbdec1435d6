package net.mucaffiliationnotify.openfire;

import java.util.List;

import org.jivesoftware.openfire.PacketRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Packet;

import net.mucaffiliationnotify.logging.ThrottledWarning;
import net.mucaffiliationnotify.rules.Notification;
import net.mucaffiliationnotify.tracking.NotificationSink;

/**
 * Routes each notification through Openfire's packet router, so that occupants connected to other cluster
 * nodes are reached too. Never through {@code MUCRoom.broadcast}, which would store it in the room's
 * history (R8).
 */
final class RoutingNotificationSink implements NotificationSink {
    private static final Logger Log = LoggerFactory.getLogger(RoutingNotificationSink.class);
    private static final ThrottledWarning ROUTING_FAILED = new ThrottledWarning(Log,
        "Could not route an affiliation notification to {}");

    private final PacketRouter router;

    RoutingNotificationSink(PacketRouter router) {
        this.router = router;
    }

    @Override
    public void deliver(List<Notification> notifications) {
        for (Notification notification : notifications) {
            try {
                router.route(notification.stanza());
                Log.debug("Sent affiliation notification to {}", notification.stanza().getTo());
            } catch (RuntimeException e) {
                ROUTING_FAILED.warn(notification.stanza().getTo(), e);
            }
        }
    }

    @Override
    public void deliverHeldReply(Packet reply) {
        try {
            router.route(reply);
        } catch (RuntimeException e) {
            Log.warn("Could not route the held reply {} to {}", reply.getID(), reply.getTo(), e);
        }
    }
}
