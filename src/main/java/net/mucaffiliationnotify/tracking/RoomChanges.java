package net.mucaffiliationnotify.tracking;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.logging.ThrottledWarning;
import net.mucaffiliationnotify.rules.AffectedUserNotice;
import net.mucaffiliationnotify.rules.AffiliationChange;
import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.rules.Notification;
import net.mucaffiliationnotify.rules.NotificationComposer;
import net.mucaffiliationnotify.rules.RoomSnapshot;
import net.mucaffiliationnotify.statistics.Counter;
import net.mucaffiliationnotify.statistics.PluginCounters;
import net.mucaffiliationnotify.versioning.AffiliationHistory;
import net.mucaffiliationnotify.versioning.ListContext;
import net.mucaffiliationnotify.versioning.Mav;
import net.mucaffiliationnotify.versioning.VersionHasher;
import net.mucaffiliationnotify.versioning.VersionStep;

/**
 * The one truth of each room's changes, and the one place that announces them (R1–R7, V6, V7).
 *
 * <p>Every room the plugin looks at has a history ({@link AffiliationHistory}): the affiliations last
 * announced, their version, and the recent steps. It is kept whether XEP-0463 is on or off; off, its versions
 * are just not shown to clients. Whatever looks at a room (a request entering or settling, a join, the
 * sweep, a group change) reads it and steps the history to its state, all under the room's lock
 * ({@link RoomLocks}); each step is one announcement, composed and handed to the sink before the lock is
 * released, so the room's notifications leave in the order of its history, and each change is announced
 * once, by whoever steps it first.</p>
 *
 * <p>A change of a JID that a request in flight names ({@link HeldJids}) is left to that request, even if
 * already applied, so that it is announced with the request's reason and in its order; an occupant's own
 * change is told by Openfire's presence (R1), which carries its versions when XEP-0463 is on.</p>
 */
public final class RoomChanges {
    private static final Logger Log = LoggerFactory.getLogger(RoomChanges.class);
    private static final ThrottledWarning CHECK_FAILED = new ThrottledWarning(Log,
        "Could not check the affiliations of {}");

    /**
     * Most rooms whose histories one node keeps in its own memory (single node). Beyond it, the least
     * recently used room's history is dropped; the room's next look starts a new one from its state (a client
     * then gets the full list once, and a change made outside XMPP meanwhile is not announced).
     */
    public static final int MAX_LOCAL_ROOMS = 10_000;

    private final RoomDirectory rooms;
    private final NotificationSink sink;
    private final RoomSwitch notifying;
    private final RoomSwitch versioned;
    private final VersionHasher hasher;
    private final RoomLocks locks;
    private final RoomStore<HeldJids> held;
    private final RoomStore<AffiliationHistory> histories;
    private final int maxSteps;
    private final PluginCounters counters;
    private final RoomSwitch tellsAffected;
    private final AffectedUserNotice.Bodies bodies;

    /**
     * @param rooms finds rooms
     * @param sink delivers notifications
     * @param notifying whether notifications are on for a room
     * @param versioned whether XEP-0463 is on for a room (its versions shown to clients)
     * @param hasher derives versions
     * @param locks the rooms' locks
     * @param held what requests in flight hold, per room
     * @param histories the rooms' histories
     * @param maxSteps how many steps a history keeps
     * @param counters counts changes found outside XMPP and failed checks
     */
    public RoomChanges(RoomDirectory rooms, NotificationSink sink, RoomSwitch notifying, RoomSwitch versioned,
                       VersionHasher hasher, RoomLocks locks, RoomStore<HeldJids> held,
                       RoomStore<AffiliationHistory> histories, int maxSteps, PluginCounters counters) {
        this(rooms, sink, notifying, versioned, hasher, locks, held, histories, maxSteps, counters, room -> false,
            (room, change) -> null);
    }

    /**
     * @param rooms finds rooms
     * @param sink delivers notifications
     * @param notifying whether notifications are on for a room
     * @param versioned whether XEP-0463 is on for a room (its versions shown to clients)
     * @param hasher derives versions
     * @param locks the rooms' locks
     * @param held what requests in flight hold, per room
     * @param histories the rooms' histories
     * @param maxSteps how many steps a history keeps
     * @param counters counts changes found outside XMPP and failed checks
     * @param tellsAffected whether a room tells a user whose affiliation changed while not in it (status 101)
     * @param bodies the text of that message
     */
    public RoomChanges(RoomDirectory rooms, NotificationSink sink, RoomSwitch notifying, RoomSwitch versioned,
                       VersionHasher hasher, RoomLocks locks, RoomStore<HeldJids> held,
                       RoomStore<AffiliationHistory> histories, int maxSteps, PluginCounters counters,
                       RoomSwitch tellsAffected, AffectedUserNotice.Bodies bodies) {
        this.tellsAffected = tellsAffected;
        this.bodies = bodies;
        this.rooms = rooms;
        this.sink = sink;
        this.notifying = notifying;
        this.versioned = versioned;
        this.hasher = hasher;
        this.locks = locks;
        this.held = held;
        this.histories = histories;
        this.maxSteps = maxSteps;
        this.counters = counters;
    }

    /**
     * @param hasher derives versions
     * @param maxSteps how many steps a history keeps
     * @return the codec of histories, for a clustered store
     */
    public static RoomStore.Codec<AffiliationHistory> historyCodec(VersionHasher hasher, int maxSteps) {
        return new RoomStore.Codec<>() {
            @Override
            public String encode(AffiliationHistory history) {
                return history.encode();
            }

            @Override
            public AffiliationHistory decode(JID room, String text) {
                return AffiliationHistory.decode(room.toBareJID(), hasher, maxSteps, text);
            }
        };
    }

    /**
     * @param room a bare room JID
     * @return whether XEP-0463 is on for the room (V8)
     */
    public boolean isVersioned(JID room) {
        return versioned.isEnabled(room);
    }

    /**
     * A request enters: changes made outside XMPP since the room was last looked at are announced first (V7),
     * then the JIDs it names are held for it.
     *
     * @param pending the request
     * @param room the room as read before
     */
    void enter(PendingRequest pending, RoomState room) {
        final JID roomJid = pending.request.room();
        final boolean shown = versioned.isEnabled(roomJid);
        withLock(roomJid, () -> {
            // Read inside the lock: a copy read before it may predate a change settled meanwhile (cluster).
            final RoomState now = rooms.readsLiveRooms() ? room : rooms.find(roomJid);
            if (shown) {
                announceOutside(roomJid, now == null ? room : now, null, true);
            } else {
                // Without versions to keep in order, what changed outside XMPP meanwhile is announced when the
                // request settles, after its own changes; the history only has to exist before the request is
                // applied (a room's first look starts it), which spares every request a read of the whole room.
                startHistory(roomJid, now == null ? room : now);
            }
            held.update(roomJid, slot -> {
                if (slot.value == null) {
                    slot.value = new HeldJids();
                }
                slot.value.acquire(pending.targets);
                return null;
            });
            return null;
        });
    }

    /**
     * A request is over: steps the room's history to its state and announces the steps, this request's
     * changes first, in its order, with its reasons; then releases the JIDs it held, whatever fails.
     *
     * @param pending the request (claimed by the caller)
     */
    void settle(PendingRequest pending) {
        final JID roomJid = pending.request.room();
        if (!notifying.isEnabled(roomJid)) {
            // Switched off while the request was in flight: nothing is announced, nothing kept (see observe).
            histories.remove(roomJid);
            drop(pending);
            return;
        }
        final boolean shown = versioned.isEnabled(roomJid);
        withLock(roomJid, () -> {
            try {
                final RoomState room = rooms.find(roomJid);
                if (room == null) {
                    return null;
                }
                final Set<JID> others = held.update(roomJid,
                    slot -> slot.value == null ? Set.<JID>of() : slot.value.heldByOthers(pending.targets));
                final Stepped stepped = step(roomJid, room, pending.targets, others);
                if (!stepped.steps().isEmpty()) {
                    Log.debug("{} changed {} in {}", pending.request.kind(), stepped.steps(), roomJid);
                    deliver(room, stepped, pending.request::reasonFor, shown ? null : pending.presentAtCapture,
                        null, shown);
                }
            } finally {
                release(roomJid, pending);
            }
            return null;
        });
    }

    /**
     * A request is dropped without announcing (it expired with no reply): the JIDs it held are released, and
     * their changes go to the next look at the room.
     *
     * @param pending the request (claimed by the caller)
     */
    void drop(PendingRequest pending) {
        final JID roomJid = pending.request.room();
        withLock(roomJid, () -> {
            release(roomJid, pending);
            return null;
        });
    }

    private void release(JID roomJid, PendingRequest pending) {
        held.update(roomJid, slot -> {
            if (slot.value != null) {
                slot.value.release(pending.targets);
                if (slot.value.isEmpty()) {
                    slot.value = null;
                }
            }
            return null;
        });
    }

    /**
     * Brings a room's history up to its state and announces what changed outside the requests followed (V7).
     * A room seen for the first time only starts a history.
     *
     * @param roomJid the bare room JID
     * @param excluded a session not to announce to (a joiner about to get its own answer), or {@code null}
     * @return the steps announced
     */
    public List<VersionStep> observe(JID roomJid, JID excluded) {
        if (!notifying.isEnabled(roomJid)) {
            // Nothing is announced for a room switched off, and nothing kept: switched on again, it starts
            // afresh instead of announcing what changed meanwhile.
            histories.remove(roomJid);
            return List.of();
        }
        final boolean shown = versioned.isEnabled(roomJid);
        return withLock(roomJid, () -> {
            final RoomState room = rooms.find(roomJid);
            return room == null ? List.<VersionStep>of() : announceOutside(roomJid, room, excluded, shown);
        });
    }

    /**
     * Observes every room given, as the periodic sweep does (V7).
     *
     * @param roomJids bare room JIDs with occupants
     * @return how many steps were announced
     */
    public int sweep(Iterable<JID> roomJids) {
        int announced = 0;
        for (JID room : roomJids) {
            try {
                announced += observe(room, null).size();
            } catch (RuntimeException e) {
                counters.increment(Counter.FAILURES);
                CHECK_FAILED.warn(room, e);
            }
        }
        return announced;
    }

    /** Under the room's lock: steps the history, leaving held JIDs to their requests, and announces. */
    private List<VersionStep> announceOutside(JID roomJid, RoomState room, JID excluded, boolean shown) {
        final Set<JID> all = held.update(roomJid, slot -> slot.value == null ? Set.<JID>of() : slot.value.all());
        final Stepped stepped = step(roomJid, room, List.of(), all);
        final List<VersionStep> steps = stepped.steps();
        if (!steps.isEmpty()) {
            counters.add(Counter.CHANGES_OUTSIDE_XMPP, steps.size());
            Log.debug("Affiliations of {} changed outside a followed request: {}", roomJid, steps);
            deliver(room, stepped, jid -> null, shown ? null : Set.of(), excluded, shown);
        }
        return steps;
    }

    /**
     * Steps a history took in one look.
     *
     * @param steps the steps, in order
     * @param position the history's position after them
     */
    private record Stepped(List<VersionStep> steps, long position) {
    }

    /**
     * Steps the history to the room's state. Under the room's lock.
     *
     * @param first JIDs whose changes come first, in this order (a request's items), then the others
     * @param deferred JIDs not to step now: requests in flight name them and will announce their changes
     * @return the steps, empty when nothing changed or when the room had no history (one is started from its
     *     state now: what changed before is unknown to it), and the history's position after them
     */
    private Stepped step(JID roomJid, RoomState room, List<JID> first, Set<JID> deferred) {
        final Map<String, MucAffiliation> state = room.affiliationState();
        final List<String> order = new ArrayList<>(first.size());
        for (JID jid : first) {
            order.add(jid.toBareJID());
        }
        final Set<String> skipped = new HashSet<>();
        for (JID jid : deferred) {
            skipped.add(jid.toBareJID());
        }
        final ListContext context = room.listContext();
        return histories.update(roomJid, slot -> {
            if (slot.value == null) {
                slot.value = newHistory(roomJid, state, context);
                return new Stepped(List.of(), slot.value.position());
            }
            // Who could read the lists until now, then the steps to the room's state.
            slot.value.noteContext(context);
            return new Stepped(slot.value.observe(state, order, skipped), slot.value.position());
        });
    }

    /** A room's history from its state now: nothing is announced for what happened before. */
    private AffiliationHistory newHistory(JID roomJid, Map<String, MucAffiliation> state, ListContext context) {
        return AffiliationHistory.start(roomJid.toBareJID(), hasher, maxSteps, state, context);
    }

    /** Starts the room's history from its state when it has none (nothing announced). Under the room's lock. */
    private void startHistory(JID roomJid, RoomState room) {
        histories.update(roomJid, slot -> {
            if (slot.value == null) {
                slot.value = newHistory(roomJid, room.affiliationState(), room.listContext());
            }
            return null;
        });
    }

    /**
     * Composes each step's change for the occupants R6 allows and hands them over, in order. Under the room's
     * lock, so that no other announcement of the room overtakes them.
     *
     * @param reasons the reason a request gave for a JID, or {@code null}
     * @param exempt when XEP-0463 is off: JIDs whose presence Openfire broadcast (occupants when the request
     *     came; occupants now are always exempt, R1); {@code null} when it is on (an occupant's change was
     *     stepped by its presence, which carried its versions, and the target's own sessions are told too)
     * @param excluded a session not to send to, or {@code null}
     * @param shown whether the versions are put on the notifications
     */
    private void deliver(RoomState room, Stepped stepped, Function<JID, String> reasons, Set<JID> exempt,
                         JID excluded, boolean shown) {
        final List<VersionStep> steps = stepped.steps();
        final RoomSnapshot snapshot = room.snapshot();
        final List<Notification> out = new ArrayList<>();
        final boolean tellAffected = tellsAffected.isEnabled(room.jid().asBareJID());
        final List<Notification> notices = new ArrayList<>();
        for (VersionStep step : steps) {
            final JID target = new JID(step.jid());
            final AffiliationChange change = new AffiliationChange(target, step.after(), reasons.apply(target));
            if (tellAffected) {
                // A step is never a no-op, and a history holds users, never group JIDs; one in the room is told by
                // Openfire's presence (compose leaves it out).
                AffectedUserNotice.compose(snapshot, change, bodies.describe(snapshot.roomJid(), change))
                    .ifPresent(notices::add);
            }
            if (exempt != null && exempt.contains(target)) {
                continue;
            }
            final List<Notification> composed = exempt == null ? NotificationComposer.announce(snapshot, change)
                : NotificationComposer.compose(snapshot, change);
            for (Notification notification : composed) {
                if (notification.stanza().getTo().equals(excluded)) {
                    continue;
                }
                if (shown) {
                    Mav.stamp(notification.stanza().getChildElement("x", Mav.MUC_USER), step.since(),
                        step.until());
                }
                out.add(notification);
            }
        }
        sink.announce(new Announcement(room.jid().asBareJID(), stepped.position() - steps.size(), steps.get(0).since(),
            stepped.position(), steps.get(steps.size() - 1).until(), out));
        if (!notices.isEmpty()) {
            sink.tellAffected(notices);
        }
    }

    /**
     * Steps an occupant's change as Openfire broadcasts its presence (V6): the presence carries the step.
     *
     * @param roomJid the bare room JID
     * @param target the occupant's bare JID
     * @param after its new affiliation
     * @return the step, or {@code null} when the history already has that affiliation or the room is gone
     */
    VersionStep stepOccupant(JID roomJid, JID target, MucAffiliation after) {
        return withLock(roomJid, () -> histories.update(roomJid, slot -> {
            if (slot.value == null) {
                final RoomState room = rooms.find(roomJid);
                if (room == null) {
                    return null;
                }
                slot.value = newHistory(roomJid, room.affiliationState(), room.listContext());
            }
            final VersionStep step = slot.value.apply(target.toBareJID(), after);
            if (step != null) {
                // Openfire's presence tells this step; the chain still moves on on every node.
                final long position = slot.value.position();
                sink.announce(new Announcement(roomJid, position - 1, step.since(), position, step.until(), List.of()));
            }
            return step;
        }));
    }

    /**
     * @param room a bare room JID
     * @return the version last announced to the room's occupants, starting the history if there is none
     */
    String currentVersion(JID room) {
        return withLock(room, () -> {
            final String version = readHistory(room, history -> history == null ? null : history.version());
            if (version != null) {
                return version;
            }
            observe(room, null);
            return readHistory(room, history -> history == null ? null : history.version());
        });
    }

    /**
     * Reads a room's history under its lock.
     *
     * @param room a bare room JID
     * @param read what to read; given {@code null} when the room has no history
     * @param <R> what is read
     * @return what was read
     */
    <R> R readHistory(JID room, Function<AffiliationHistory, R> read) {
        return withLock(room, () -> histories.update(room, slot -> read.apply(slot.value)));
    }

    /** @return how many rooms have a history (on this node, or in the cluster) */
    public int historyCount() {
        return histories.size();
    }

    /** @return how many rooms have JIDs held by requests in flight */
    public int heldCount() {
        return held.size();
    }

    /**
     * Drops what is known of a room (it was destroyed).
     *
     * @param room the bare room JID
     */
    public void forgetRoom(JID room) {
        withLock(room, () -> {
            histories.remove(room);
            held.remove(room);
            return null;
        });
    }

    /** Forgets this node's own histories and holds (the plugin is stopping; shared ones serve other nodes). */
    public void clear() {
        histories.clear();
        held.clear();
    }

    private <R> R withLock(JID room, Supplier<R> work) {
        final Lock lock = locks.of(room);
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
