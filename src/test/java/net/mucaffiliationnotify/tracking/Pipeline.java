package net.mucaffiliationnotify.tracking;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.LongSupplier;

import net.mucaffiliationnotify.statistics.PluginCounters;
import net.mucaffiliationnotify.versioning.AffiliationHistory;
import net.mucaffiliationnotify.versioning.VersionHasher;

/**
 * The change pipeline wired as the plugin wires it ({@link RoomChanges}, {@link ChangeTracker},
 * {@link AffiliationVersions}), with parts a test may replace. By default: notifications on, XEP-0463 off,
 * stores and locks of this JVM.
 */
public final class Pipeline {
    /** The rooms' histories and their announcements. */
    public final RoomChanges changes;
    /** The requests followed. */
    public final ChangeTracker tracker;
    /** Joins and presences (XEP-0463). */
    public final AffiliationVersions versions;

    private Pipeline(Builder b) {
        final VersionHasher hasher = b.hasher;
        changes = new RoomChanges(b.rooms, b.sink, b.notifying, b.versioned, hasher, b.locks, b.held,
            b.histories == null ? RoomStore.local(RoomChanges.MAX_LOCAL_ROOMS) : b.histories,
            b.versioningLimits.maxSteps(), b.counters, b.tellsAffected, b.bodies);
        tracker = new ChangeTracker(b.rooms, changes, b.sink, b.notifying, b.clock, b.trackerLimits, b.counters);
        versions = new AffiliationVersions(b.rooms, b.sink, changes, tracker, hasher, b.versioningLimits, b.clock,
            b.counters);
    }

    /**
     * @param rooms finds rooms
     * @param sink delivers stanzas
     * @return a builder
     */
    public static Builder of(RoomDirectory rooms, NotificationSink sink) {
        return new Builder(rooms, sink);
    }

    /** A tracker with XEP-0463 off, as the tracker's constructor took its parts before 1.4.0. */
    public static ChangeTracker tracker(RoomDirectory rooms, NotificationSink sink, RoomSwitch notifying,
                                        LongSupplier clock, TrackerLimits limits) {
        return of(rooms, sink).notifying(notifying).clock(clock).trackerLimits(limits).build().tracker;
    }

    /** The same, with counters. */
    public static ChangeTracker tracker(RoomDirectory rooms, NotificationSink sink, RoomSwitch notifying,
                                        LongSupplier clock, TrackerLimits limits, PluginCounters counters) {
        return of(rooms, sink).notifying(notifying).clock(clock).trackerLimits(limits).counters(counters).build()
            .tracker;
    }

    /** The parts. */
    public static final class Builder {
        private final RoomDirectory rooms;
        private final NotificationSink sink;
        private RoomSwitch notifying = RoomSwitch.ALWAYS_ON;
        private RoomSwitch versioned = room -> false;
        private VersionHasher hasher = new VersionHasher("test-secret".getBytes(StandardCharsets.UTF_8));
        private RoomLocks locks = RoomLocks.local();
        private RoomStore<HeldJids> held = RoomStore.local(Integer.MAX_VALUE);
        private RoomStore<AffiliationHistory> histories;
        private LongSupplier clock = System::nanoTime;
        private TrackerLimits trackerLimits = TrackerLimits.DEFAULT;
        private VersioningLimits versioningLimits = VersioningLimits.DEFAULT;
        private PluginCounters counters = new PluginCounters(Instant.EPOCH);
        private RoomSwitch tellsAffected = room -> false;
        private net.mucaffiliationnotify.rules.AffectedUserNotice.Bodies bodies = (room, change) -> null;

        private Builder(RoomDirectory rooms, NotificationSink sink) {
            this.rooms = rooms;
            this.sink = sink;
        }

        public Builder notifying(RoomSwitch value) {
            notifying = value;
            return this;
        }

        /** Notifications and XEP-0463 both follow the switch. */
        public Builder versioned(RoomSwitch value) {
            notifying = value;
            versioned = value;
            return this;
        }

        public Builder versionedOnly(RoomSwitch value) {
            versioned = value;
            return this;
        }

        public Builder hasher(VersionHasher value) {
            hasher = value;
            return this;
        }

        public Builder locks(RoomLocks value) {
            locks = value;
            return this;
        }

        public Builder held(RoomStore<HeldJids> value) {
            held = value;
            return this;
        }

        public Builder histories(RoomStore<AffiliationHistory> value) {
            histories = value;
            return this;
        }

        public Builder clock(LongSupplier value) {
            clock = value;
            return this;
        }

        public Builder trackerLimits(TrackerLimits value) {
            trackerLimits = value;
            return this;
        }

        public Builder versioningLimits(VersioningLimits value) {
            versioningLimits = value;
            return this;
        }

        public Builder counters(PluginCounters value) {
            counters = value;
            return this;
        }

        /** Users whose affiliation changed while not in the room are told (status 101), with these bodies. */
        public Builder tellsAffected(RoomSwitch value, net.mucaffiliationnotify.rules.AffectedUserNotice.Bodies texts) {
            tellsAffected = value;
            bodies = texts;
            return this;
        }

        public Pipeline build() {
            return new Pipeline(this);
        }
    }
}
