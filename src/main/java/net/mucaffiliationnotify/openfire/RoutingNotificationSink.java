package net.mucaffiliationnotify.openfire;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.openfire.PacketRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Packet;

import net.mucaffiliationnotify.logging.ThrottledWarning;
import net.mucaffiliationnotify.rules.Notification;
import net.mucaffiliationnotify.statistics.Counter;
import net.mucaffiliationnotify.statistics.LastAnnouncements;
import net.mucaffiliationnotify.statistics.PluginCounters;
import net.mucaffiliationnotify.tracking.NotificationSink;

/**
 * Routes each notification through Openfire's packet router, so that occupants connected to other cluster
 * nodes are reached too. Never through {@code MUCRoom.broadcast}, which would store it in the room's
 * history (R8). Counts what it routed and what failed, and notes each room's last announced change.
 */
final class RoutingNotificationSink implements NotificationSink {
    private static final Logger Log = LoggerFactory.getLogger(RoutingNotificationSink.class);
    private static final ThrottledWarning ROUTING_FAILED = new ThrottledWarning(Log,
        "Could not route an affiliation notification to {}");

    private final PacketRouter router;
    private final PluginCounters counters;
    private final LastAnnouncements announcements;
    private final Clock clock;

    RoutingNotificationSink(PacketRouter router, PluginCounters counters, LastAnnouncements announcements,
                            Clock clock) {
        this.router = router;
        this.counters = counters;
        this.announcements = announcements;
        this.clock = clock;
    }

    @Override
    public void deliver(List<Notification> notifications) {
        final List<Notification> routed = new ArrayList<>(notifications.size());
        for (Notification notification : notifications) {
            try {
                router.route(notification.stanza());
                routed.add(notification);
                if (notification.change() != null) {
                    counters.increment(Counter.NOTIFICATIONS_SENT);
                }
                Log.debug("Sent affiliation notification to {}", notification.stanza().getTo());
            } catch (RuntimeException e) {
                counters.increment(Counter.FAILURES);
                ROUTING_FAILED.warn(notification.stanza().getTo(), e);
            }
        }
        try {
            announcements.noteDelivered(routed, clock.instant());
        } catch (RuntimeException e) {
            // Only the room page's "last change" misses it; the notifications are out.
            Log.debug("Could not note the last announced change", e);
        }
    }

    @Override
    public void deliverHeldReply(Packet reply) {
        try {
            router.route(reply);
        } catch (RuntimeException e) {
            counters.increment(Counter.FAILURES);
            Log.warn("Could not route the held reply {} to {}", reply.getID(), reply.getTo(), e);
        }
    }
}
