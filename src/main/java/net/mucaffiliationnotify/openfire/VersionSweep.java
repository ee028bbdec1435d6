package net.mucaffiliationnotify.openfire;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.statistics.Counter;
import net.mucaffiliationnotify.statistics.PluginCounters;
import net.mucaffiliationnotify.tracking.AffiliationVersions;
import net.mucaffiliationnotify.tracking.RoomChanges;

/**
 * The periodic check that announces affiliation changes no XMPP request explains (V7): admin-console pages,
 * the REST API plugin, group membership. Run every second; it sweeps once the configured interval has
 * passed (so a changed interval applies at once), only on the node that leads the sweep (one node of the
 * cluster that has the plugin: {@link net.mucaffiliationnotify.tracking.SweepLeadership}), and also expires
 * joins Openfire never answered.
 */
final class VersionSweep implements Runnable {
    private static final Logger Log = LoggerFactory.getLogger(VersionSweep.class);

    private final RoomChanges changes;
    private final AffiliationVersions versions;
    private final Supplier<? extends Iterable<JID>> rooms;
    private final IntSupplier intervalSeconds;
    private final BooleanSupplier leads;
    private final LongSupplier nanoClock;
    private final PluginCounters counters;
    private long lastSweep;
    private boolean swept;

    /**
     * @param changes the rooms' histories
     * @param versions the joins waiting for Openfire's answer
     * @param rooms the rooms to check
     * @param intervalSeconds seconds between two sweeps
     * @param leads whether this node sweeps (it leads the sweep, or is not clustered)
     * @param nanoClock monotonic time
     */
    VersionSweep(RoomChanges changes, AffiliationVersions versions, OccupiedRooms rooms, IntSupplier intervalSeconds,
                 BooleanSupplier leads, LongSupplier nanoClock, PluginCounters counters) {
        this(changes, versions, rooms::list, intervalSeconds, leads, nanoClock, counters);
    }

    VersionSweep(RoomChanges changes, AffiliationVersions versions, Supplier<? extends Iterable<JID>> rooms, IntSupplier intervalSeconds,
                 BooleanSupplier leads, LongSupplier nanoClock) {
        this(changes, versions, rooms, intervalSeconds, leads, nanoClock, new PluginCounters(Instant.EPOCH));
    }

    VersionSweep(RoomChanges changes, AffiliationVersions versions, Supplier<? extends Iterable<JID>> rooms, IntSupplier intervalSeconds,
                 BooleanSupplier leads, LongSupplier nanoClock, PluginCounters counters) {
        this.counters = counters;
        this.changes = changes;
        this.versions = versions;
        this.rooms = rooms;
        this.intervalSeconds = intervalSeconds;
        this.leads = leads;
        this.nanoClock = nanoClock;
    }

    @Override
    public void run() {
        // Never let an exception end the scheduled task.
        try {
            versions.expireJoins();
            final long now = nanoClock.getAsLong();
            if (swept && now - lastSweep < TimeUnit.SECONDS.toNanos(intervalSeconds.getAsInt())) {
                return;
            }
            swept = true;
            lastSweep = now;
            if (!leads.getAsBoolean()) {
                return;
            }
            final int announced = changes.sweep(rooms.get());
            if (announced > 0) {
                Log.debug("Announced {} affiliation change(s) made outside XMPP requests.", announced);
            }
        } catch (RuntimeException e) {
            counters.increment(Counter.FAILURES);
            Log.warn("The sweep for affiliation changes made outside XMPP requests failed", e);
        }
    }
}
