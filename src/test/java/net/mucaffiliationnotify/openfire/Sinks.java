package net.mucaffiliationnotify.openfire;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.jivesoftware.openfire.PacketRouter;

import net.mucaffiliationnotify.statistics.LastAnnouncements;
import net.mucaffiliationnotify.statistics.PluginCounters;

/** Routing sinks for tests that do not look at the counters or the last announced changes. */
final class Sinks {
    private Sinks() {
    }

    static RoutingNotificationSink routing(PacketRouter router) {
        return new RoutingNotificationSink(router, new PluginCounters(Instant.EPOCH),
            new LastAnnouncements(new ConcurrentHashMap<>()), Clock.systemUTC());
    }
}
