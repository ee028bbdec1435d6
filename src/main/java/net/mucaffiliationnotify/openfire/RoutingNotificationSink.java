package net.mucaffiliationnotify.openfire;

import java.time.Clock;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.jivesoftware.openfire.PacketRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

import net.mucaffiliationnotify.logging.ThrottledWarning;
import net.mucaffiliationnotify.rules.Notification;
import net.mucaffiliationnotify.statistics.Counter;
import net.mucaffiliationnotify.statistics.LastAnnouncements;
import net.mucaffiliationnotify.statistics.PluginCounters;
import net.mucaffiliationnotify.tracking.Announcement;
import net.mucaffiliationnotify.tracking.ChainOrder;
import net.mucaffiliationnotify.tracking.NotificationSink;

/**
 * Routes notifications through Openfire's packet router; never through {@code MUCRoom.broadcast}, which
 * would store them in the room's history (R8). Counts what it routed and what failed, and notes each room's
 * last announced change.
 *
 * <p>In a cluster, Openfire would hand each stanza for a session on another node to that node as its own
 * asynchronous task, run there on any of several threads: two announcements of a room could then reach an
 * occupant reversed ("X none" before "X member"), and a plain XEP-0045 client keeps the wrong state. So an
 * announcement goes to every other node as one {@link AnnouncementTask}, and each node delivers to its own
 * sessions only, through a {@link ChainOrder} that restores the room's history's order.</p>
 */
final class RoutingNotificationSink implements NotificationSink {
    /** How long an announcement that arrived early waits for the one before it. */
    static final Duration MAX_WAIT = Duration.ofSeconds(2);
    /** How long the first announcements of a room this node has not seen wait for an earlier one. */
    static final Duration FIRST_WAIT = Duration.ofMillis(200);
    private static final Logger Log = LoggerFactory.getLogger(RoutingNotificationSink.class);
    private static final ThrottledWarning ROUTING_FAILED = new ThrottledWarning(Log,
        "Could not route an affiliation notification to {}");
    private static final ThrottledWarning GAVE_UP = new ThrottledWarning(Log,
        "An earlier announcement of {} made on another cluster node did not arrive within 2 s; delivered this "
            + "node's next one without it");

    private final PacketRouter router;
    private final PluginCounters counters;
    private final LastAnnouncements announcements;
    private final Clock clock;
    private final BooleanSupplier clustered;
    private final Consumer<Announcement> broadcast;
    private final Predicate<JID> localRoute;
    private final ChainOrder<Announcement> order;

    /** A sink for a node that is never clustered. */
    RoutingNotificationSink(PacketRouter router, PluginCounters counters, LastAnnouncements announcements,
                            Clock clock) {
        this(router, counters, announcements, clock, () -> false, a -> { }, jid -> true, System::nanoTime);
    }

    /**
     * @param router routes stanzas
     * @param counters counts notifications and failures
     * @param announcements notes each room's last announced change
     * @param clock wall-clock time, for the last change
     * @param clustered whether the node is in a cluster now
     * @param broadcast hands an announcement to every other node (Openfire: an {@link AnnouncementTask})
     * @param localRoute whether a session is connected to this node
     * @param nanoClock monotonic time, for how long an early announcement waits
     */
    RoutingNotificationSink(PacketRouter router, PluginCounters counters, LastAnnouncements announcements,
                            Clock clock, BooleanSupplier clustered, Consumer<Announcement> broadcast,
                            Predicate<JID> localRoute, LongSupplier nanoClock) {
        this.router = router;
        this.counters = counters;
        this.announcements = announcements;
        this.clock = clock;
        this.clustered = clustered;
        this.broadcast = broadcast;
        this.localRoute = localRoute;
        this.order = new ChainOrder<>(MAX_WAIT.toNanos(), FIRST_WAIT.toNanos(), 10_000, 1_000, nanoClock,
            this::deliverLocally);
    }

    @Override
    public void announce(Announcement announcement) {
        if (!clustered.getAsBoolean()) {
            if (!announcement.notifications().isEmpty()) {
                deliver(announcement.notifications());
            }
            return;
        }
        try {
            broadcast.accept(announcement);
        } catch (RuntimeException e) {
            counters.increment(Counter.FAILURES);
            ROUTING_FAILED.warn("the other cluster nodes", e);
        }
        noteDelivered(announcement.notifications());
        // Made under the room's lock: an earlier one another node made may still be on its way here; it goes
        // first (this waits for it, briefly), and this one is out before the requester's reply.
        if (order.offerOwn(announcement.room().toBareJID(), announcement.from(), announcement.since(),
                announcement.to(), announcement.until(), announcement)) {
            GAVE_UP.warn(announcement.room(), null);
        }
    }

    /**
     * An announcement of this node or another: delivered to this node's sessions once every earlier one of
     * its room has been (or has been waited for long enough).
     *
     * @param announcement the announcement
     */
    void receive(Announcement announcement) {
        order.offer(announcement.room().toBareJID(), announcement.from(), announcement.since(), announcement.to(),
            announcement.until(), announcement);
    }

    /** @return how many announcements wait for an earlier one of their room */
    int waitingCount() {
        return order.waitingCount();
    }

    /** Releases announcements that waited long enough for an earlier one (run every 50 ms). */
    void releaseOverdue() {
        try {
            order.expire();
        } catch (RuntimeException e) {
            counters.increment(Counter.FAILURES);
            Log.warn("Could not deliver announcements that waited for an earlier one", e);
        }
    }

    /** Under the order's lock: to this node's sessions, in order. Never throws (the order's state must hold). */
    private void deliverLocally(Announcement announcement) {
        for (Notification notification : announcement.notifications()) {
            final JID to = notification.stanza().getTo();
            try {
                if (localRoute.test(to)) {
                    route(notification, Counter.NOTIFICATIONS_SENT);
                }
            } catch (RuntimeException e) {
                counters.increment(Counter.FAILURES);
                ROUTING_FAILED.warn(to, e);
            }
        }
    }

    /**
     * Routes one stanza; a failure is counted and logged, never thrown.
     *
     * @param counted what a routed stanza counts as, or {@code null} (a join answer)
     * @return whether it was routed
     */
    private boolean route(Notification notification, Counter counted) {
        try {
            router.route(notification.stanza());
            if (counted != null) {
                counters.increment(counted);
            }
            Log.debug("Routed {} to {}", counted == null ? "a join answer" : counted.key(),
                notification.stanza().getTo());
            return true;
        } catch (RuntimeException e) {
            counters.increment(Counter.FAILURES);
            ROUTING_FAILED.warn(notification.stanza().getTo(), e);
            return false;
        }
    }

    @Override
    public void deliver(List<Notification> notifications) {
        final List<Notification> routed = new ArrayList<>(notifications.size());
        for (Notification notification : notifications) {
            final boolean change = notification.change() != null; // else a join answer
            if (route(notification, change ? Counter.NOTIFICATIONS_SENT : null) && change) {
                routed.add(notification);
            }
        }
        noteDelivered(routed);
    }

    @Override
    public void tellAffected(List<Notification> notices) {
        for (Notification notice : notices) {
            route(notice, Counter.AFFECTED_USERS_TOLD);
        }
    }

    private void noteDelivered(List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return;
        }
        try {
            announcements.noteDelivered(notifications, clock.instant());
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
