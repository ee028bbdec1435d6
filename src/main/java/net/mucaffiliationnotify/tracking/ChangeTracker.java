package net.mucaffiliationnotify.tracking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

import net.mucaffiliationnotify.logging.ThrottledWarning;
import net.mucaffiliationnotify.requests.AffiliationRequest;
import net.mucaffiliationnotify.requests.GroupJids;
import net.mucaffiliationnotify.requests.RequestAdmission;
import net.mucaffiliationnotify.rules.Occupant;
import net.mucaffiliationnotify.statistics.Counter;
import net.mucaffiliationnotify.statistics.PluginCounters;

/**
 * Follows each affiliation request through Openfire and announces what it actually changed (R1, R7, R9).
 *
 * <p>Openfire 5.1.1 handles a request on the thread that routes it: the interceptors see the request
 * ({@link #requestReceived}), then, while the MUC service still holds the room lock, the reply it routes
 * ({@link #replyRouted}), then the request again once processing is over ({@link #requestProcessed}).
 * The tracker notes the affiliations of the JIDs a request names when it enters, and when the reply
 * passes compares them with the room's lists and sends a notification per change, so the notifications
 * reach the occupants before the requester gets the result. Requests with no reply (invitations) are
 * settled when processing ends. Nothing here blocks: the only locks are map bins held for a few reads.</p>
 */
public final class ChangeTracker {
    private static final Logger Log = LoggerFactory.getLogger(ChangeTracker.class);
    private static final ThrottledWarning OVERFLOW = new ThrottledWarning(Log,
        "{} affiliation requests are in flight; not following more until some finish.");

    private final RoomDirectory rooms;
    private final RoomChanges changes;
    private final NotificationSink sink;
    private final RoomSwitch roomSwitch;
    private final LongSupplier nanoClock;
    private final TrackerLimits limits;

    private final Map<Thread, List<PendingRequest>> pendingByThread = new ConcurrentHashMap<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final PluginCounters counters;

    /**
     * @param rooms finds rooms
     * @param changes records and announces what changed
     * @param sink delivers held replies
     * @param roomSwitch whether a room is to be notified
     * @param nanoClock monotonic time, for expiring lost requests
     * @param limits bounds of the bookkeeping
     * @param counters counts requests followed and not, held replies and their expiries
     */
    public ChangeTracker(RoomDirectory rooms, RoomChanges changes, NotificationSink sink, RoomSwitch roomSwitch,
                         LongSupplier nanoClock, TrackerLimits limits, PluginCounters counters) {
        this.rooms = rooms;
        this.changes = changes;
        this.sink = sink;
        this.roomSwitch = roomSwitch;
        this.nanoClock = nanoClock;
        this.limits = limits;
        this.counters = counters;
    }

    /**
     * @param room a bare room JID
     * @return the request for that room being followed on this thread, or {@code null}
     */
    PendingRequest pendingOnThisThread(JID room) {
        final List<PendingRequest> mine = pendingByThread.get(Thread.currentThread());
        if (mine != null) {
            for (PendingRequest pending : mine) {
                if (!pending.isDone() && pending.request.room().equals(room)) {
                    return pending;
                }
            }
        }
        return null;
    }

    /**
     * Whether a request of this kind from this sender is one Openfire can accept in this room, decided from
     * what is cheap to read (the room's cache entry, the sender's affiliation, two flags), before the request
     * is parsed: a request Openfire will refuse costs nothing more.
     *
     * @param roomJid the bare room JID
     * @param sender the request's sender
     * @param kind what kind of request it is
     * @return whether to follow it
     */
    public boolean mayFollow(JID roomJid, JID sender, AffiliationRequest.Kind kind) {
        if (sender != null && admits(rooms.find(roomJid), sender, kind)) {
            return true;
        }
        counters.increment(Counter.REQUESTS_NOT_FOLLOWED);
        return false;
    }

    private static boolean admits(RoomState room, JID sender, AffiliationRequest.Kind kind) {
        return room != null && RequestAdmission.mayChange(kind, room.viewerAffiliation(sender.asBareJID()),
            room.membersOnly(), room.registrationEnabled());
    }

    /** @return how many JIDs a request is followed for at most */
    public int maxTargets() {
        return limits.maxTargets();
    }

    /** @return whether any request is being followed (the interceptor's fast path for replies) */
    public boolean hasPending() {
        return pendingCount.get() != 0;
    }

    /** @return how many requests are being followed */
    public int pendingCount() {
        return pendingCount.get();
    }

    /** @return how many rooms have JIDs held by requests in flight */
    public int heldCount() {
        return changes.heldCount();
    }

    /**
     * Notes a request as it enters, before Openfire handles it.
     *
     * @param packet the request stanza (identifies it when processing ends)
     * @param request what it names
     * @return whether the request is followed
     */
    public boolean requestReceived(Object packet, AffiliationRequest request) {
        final boolean followed = follow(packet, request);
        counters.increment(followed ? Counter.REQUESTS_FOLLOWED : Counter.REQUESTS_NOT_FOLLOWED);
        return followed;
    }

    private boolean follow(Object packet, AffiliationRequest request) {
        final JID roomJid = request.room();
        // Not loaded: nobody is in it to notify, and Openfire may well refuse the request. A room is looked
        // up before its settings, which may need the database.
        final RoomState room = rooms.find(roomJid);
        if (!admits(room, request.requester(), request.kind()) || !roomSwitch.isEnabled(roomJid)) {
            return false;
        }
        if (pendingCount.get() >= limits.maxPending() && !makeRoom()) {
            return false;
        }
        final Set<JID> targets = new LinkedHashSet<>(request.targets());
        if (request.ownersListSent()) {
            addUsers(targets, room.owners(), limits.maxTargets());
        }
        if (request.adminsListSent()) {
            addUsers(targets, room.admins(), limits.maxTargets());
        }
        final Set<JID> occupants = new HashSet<>();
        for (Occupant occupant : room.snapshot().occupants()) {
            occupants.add(occupant.realJid().asBareJID());
        }
        final Set<JID> present = new LinkedHashSet<>();
        for (JID target : targets) {
            if (occupants.contains(target)) {
                present.add(target);
            }
        }
        final Thread thread = Thread.currentThread();
        final PendingRequest pending = new PendingRequest(packet, request, new ArrayList<>(targets), present,
            thread, nanoClock.getAsLong());
        // Changes made outside XMPP since the room was last seen are announced before this request's (V7).
        changes.enter(pending, room);
        pendingByThread.compute(thread, (t, list) -> {
            final List<PendingRequest> result = list == null ? new ArrayList<>(1) : new ArrayList<>(list);
            result.add(pending);
            return List.copyOf(result);
        });
        pendingCount.incrementAndGet();
        Log.trace("Following {}", request);
        return true;
    }

    /** Adds the JIDs of a list that are users, up to a bound; Openfire group JIDs are not announced. */
    private static void addUsers(Set<JID> targets, Collection<JID> list, int max) {
        for (JID jid : list) {
            if (targets.size() >= max) {
                return;
            }
            if (!GroupJids.isGroup(jid)) {
                targets.add(jid);
            }
        }
    }

    /**
     * Settles the request this reply answers, if it is one being followed on this thread: the reply has not
     * been delivered yet, so the notifications go out first. When room reads are not live (cluster), a
     * muc#admin or muc#owner reply is held instead, to be delivered once the request has been processed and
     * its changes can be read.
     *
     * @param reply an IQ result or error, or an error message (the room refusing an invitation)
     * @return whether the caller must stop this reply: the tracker holds it and will deliver it itself
     */
    public boolean replyRouted(Packet reply) {
        final List<PendingRequest> mine = pendingByThread.get(Thread.currentThread());
        if (mine == null) {
            return false;
        }
        for (PendingRequest pending : mine) {
            if (!pending.isDone() && !pending.holdsReply()
                && pending.isReplyTo(reply.getFrom(), reply.getTo(), reply.getID())) {
                if (pending.repliedBeforeSync() && !rooms.readsLiveRooms()) {
                    if (!pending.hold(reply)) {
                        return false; // expired meanwhile: Openfire delivers it
                    }
                    counters.increment(Counter.REPLIES_HELD);
                    return true;
                }
                finish(pending, true);
                return false;
            }
        }
        return false;
    }

    /**
     * Ends the following of a request: settles it if no reply did (invitations, cluster mode), delivers a
     * held reply, and forgets it.
     *
     * @param packet the request stanza, as given to {@link #requestReceived}
     */
    public void requestProcessed(Object packet) {
        final List<PendingRequest> mine = pendingByThread.get(Thread.currentThread());
        if (mine == null) {
            return;
        }
        for (PendingRequest pending : mine) {
            if (pending.packet == packet) {
                finish(pending, true);
                return;
            }
        }
    }

    /**
     * Drops what is known of a room (it was destroyed).
     *
     * @param roomJid the bare room JID
     */
    public void forgetRoom(JID roomJid) {
        changes.forgetRoom(roomJid);
    }

    /**
     * Stops following every request (the plugin is stopping): nothing more is announced, except for
     * requests whose reply is held, which are settled and whose reply is delivered so that no requester
     * waits forever.
     */
    public void clear() {
        for (List<PendingRequest> list : pendingByThread.values()) {
            for (PendingRequest pending : list) {
                finish(pending, pending.holdsReply());
            }
        }
        changes.clear();
    }

    /** Settles (or drops) a request, delivers its held reply if any, and forgets it. */
    private void finish(PendingRequest pending, boolean announce) {
        try {
            if (announce) {
                settle(pending);
            } else {
                drop(pending);
            }
        } finally {
            final Packet held = pending.takeHeldReply();
            forget(pending);
            if (held != null) {
                sink.deliverHeldReply(held);
            }
        }
    }

    private void settle(PendingRequest pending) {
        if (pending.claim()) {
            changes.settle(pending);
        }
    }

    /** Drops a request without announcing, releasing what it holds. */
    private void drop(PendingRequest pending) {
        if (pending.claim()) {
            changes.drop(pending);
        }
    }

    private void forget(PendingRequest pending) {
        final boolean[] removed = new boolean[1];
        pendingByThread.computeIfPresent(pending.thread, (t, list) -> {
            final List<PendingRequest> rest = new ArrayList<>(list.size());
            for (PendingRequest p : list) {
                if (p == pending) {
                    removed[0] = true;
                } else {
                    rest.add(p);
                }
            }
            return rest.isEmpty() ? null : List.copyOf(rest);
        });
        if (removed[0]) {
            pendingCount.decrementAndGet();
        }
    }

    /**
     * Makes room for one more request by expiring lost ones.
     *
     * @return whether there is room for one more request
     */
    private boolean makeRoom() {
        expireLost();
        if (pendingCount.get() < limits.maxPending()) {
            return true;
        }
        OVERFLOW.warn(pendingCount.get(), null);
        return false;
    }

    /**
     * Expires requests older than {@link TrackerLimits#maxAge()}, whose end never came (another interceptor
     * rejected them, or processing threw). Those with a held reply are settled and their reply delivered;
     * the others are dropped without announcing. Called when the bookkeeping is full, and periodically.
     *
     * @return how many were expired
     */
    public int expireLost() {
        final long now = nanoClock.getAsLong();
        final long maxAge = limits.maxAge().toNanos();
        int expired = 0;
        for (List<PendingRequest> list : pendingByThread.values()) {
            for (PendingRequest pending : list) {
                if (now - pending.capturedAtNanos > maxAge && !pending.isDone()) {
                    final boolean held = pending.holdsReply();
                    if (held) {
                        counters.increment(Counter.HELD_REPLIES_EXPIRED);
                    }
                    finish(pending, held);
                    expired++;
                }
            }
        }
        return expired;
    }
}
