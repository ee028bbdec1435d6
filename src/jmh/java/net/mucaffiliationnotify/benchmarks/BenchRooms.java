package net.mucaffiliationnotify.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xmpp.packet.JID;

import net.mucaffiliationnotify.openfire.AffiliationChangeInterceptor;
import net.mucaffiliationnotify.openfire.MucServiceDomains;
import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.rules.Notification;
import net.mucaffiliationnotify.rules.Occupant;
import net.mucaffiliationnotify.rules.RoomSnapshot;
import net.mucaffiliationnotify.statistics.PluginCounters;
import net.mucaffiliationnotify.tracking.AffiliationVersions;
import net.mucaffiliationnotify.tracking.ChangeTracker;
import net.mucaffiliationnotify.tracking.RoomChanges;
import net.mucaffiliationnotify.tracking.RoomLocks;
import net.mucaffiliationnotify.tracking.RoomStore;
import net.mucaffiliationnotify.tracking.NotificationSink;
import net.mucaffiliationnotify.tracking.RoomDirectory;
import net.mucaffiliationnotify.tracking.RoomState;
import net.mucaffiliationnotify.tracking.RoomSwitch;
import net.mucaffiliationnotify.tracking.TrackerLimits;
import net.mucaffiliationnotify.tracking.VersioningLimits;
import net.mucaffiliationnotify.versioning.VersionHasher;

/** In-memory rooms and a counting sink for the benchmarks (routing replaced by counting). */
final class BenchRooms {
    private BenchRooms() {
    }

    /**
     * @param rooms the rooms
     * @param sink where notifications go
     * @param versioning whether XEP-0463 versioning is wired in (the plugin's default)
     * @return the plugin's interceptor, wired as the plugin wires it, for rooms of conference.example.org
     */
    static AffiliationChangeInterceptor interceptor(RoomDirectory rooms, NotificationSink sink, boolean versioning) {
        final VersionHasher hasher = new VersionHasher(new byte[32]);
        final RoomChanges changes = new RoomChanges(rooms, sink, RoomSwitch.ALWAYS_ON, room -> versioning, hasher,
            RoomLocks.local(), RoomStore.local(Integer.MAX_VALUE), RoomStore.local(RoomChanges.MAX_LOCAL_ROOMS),
            VersioningLimits.DEFAULT.maxSteps(), new PluginCounters(Instant.EPOCH));
        final ChangeTracker tracker = new ChangeTracker(rooms, changes, sink, RoomSwitch.ALWAYS_ON, System::nanoTime,
            TrackerLimits.DEFAULT, new PluginCounters(Instant.EPOCH));
        final AffiliationVersions versions = new AffiliationVersions(rooms, sink, changes, tracker, hasher,
            VersioningLimits.DEFAULT, System::nanoTime, new PluginCounters(Instant.EPOCH));
        return new AffiliationChangeInterceptor(new MucServiceDomains(() -> Set.of("conference.example.org")),
            tracker, versions);
    }

    /** A room with {@code occupants} sessions, the first a moderator, the rest participants. */
    static final class Room implements RoomState {
        private final JID jid;
        final Map<JID, MucAffiliation> affiliations = new HashMap<>();
        private final List<Occupant> occupants = new ArrayList<>();
        private final RoomSnapshot snapshot;

        Room(String jid, int occupantCount, boolean nonAnonymous) {
            this.jid = new JID(jid);
            for (int i = 0; i < occupantCount; i++) {
                occupants.add(new Occupant(new JID("user" + i, "example.org", "res"), i == 0, false));
            }
            affiliations.put(new JID("user0@example.org"), MucAffiliation.owner);
            snapshot = new RoomSnapshot(this.jid, false, nonAnonymous, occupants);
        }

        @Override
        public JID jid() {
            return jid;
        }

        @Override
        public MucAffiliation affiliationOf(JID bareJid) {
            return affiliations.getOrDefault(bareJid, MucAffiliation.none);
        }

        @Override
        public Collection<JID> owners() {
            return List.of();
        }

        @Override
        public Collection<JID> admins() {
            return List.of();
        }

        @Override
        public Map<String, MucAffiliation> affiliationState() {
            final Map<String, MucAffiliation> state = new HashMap<>();
            affiliations.forEach((bare, affiliation) -> state.put(bare.toBareJID(), affiliation));
            return state;
        }

        @Override
        public JID occupantByNickname(String nickname) {
            return null;
        }

        @Override
        public RoomSnapshot snapshot() {
            return snapshot;
        }

        @Override
        public boolean membersOnly() {
            return snapshot.membersOnly();
        }
    }

    /** Counts what would be routed. */
    static final class CountingSink implements NotificationSink {
        long notifications;
        long replies;

        @Override
        public void deliver(List<Notification> list) {
            notifications += list.size();
        }

        @Override
        public void deliverHeldReply(org.xmpp.packet.Packet reply) {
            replies++;
        }
    }
}
