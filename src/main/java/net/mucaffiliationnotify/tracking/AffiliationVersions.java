package net.mucaffiliationnotify.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.dom4j.Element;
import org.dom4j.Node;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

import net.mucaffiliationnotify.logging.ThrottledWarning;
import net.mucaffiliationnotify.rules.AffiliationChange;
import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.rules.Notification;
import net.mucaffiliationnotify.rules.NotificationComposer;
import net.mucaffiliationnotify.rules.RoomSnapshot;
import net.mucaffiliationnotify.statistics.Counter;
import net.mucaffiliationnotify.statistics.PluginCounters;
import net.mucaffiliationnotify.versioning.AffiliationHistory;
import net.mucaffiliationnotify.versioning.JoinResponses;
import net.mucaffiliationnotify.versioning.ListAccess;
import net.mucaffiliationnotify.versioning.ListContext;
import net.mucaffiliationnotify.versioning.Mav;
import net.mucaffiliationnotify.versioning.VersionHasher;
import net.mucaffiliationnotify.versioning.VersionStep;

/**
 * XEP-0463 on top of the notifications: keeps each room's history, answers joins that ask for the list,
 * puts versions on self-presences and on every announcement, and announces changes no request explains.
 *
 * <p>A join is answered when Openfire has accepted it, which the plugin learns from the first presence the
 * room sends the joiner: a join refused sends an error presence instead, and then nothing is sent (a
 * members-only room must not tell a refused user who its members are). The answer is routed while that
 * first presence is still in the interceptor, so it reaches the joiner before any presence (V4).</p>
 *
 * <p>Whatever observes the room (a join, an affiliation request, the periodic sweep, the end of a request)
 * compares its state with the history; every difference becomes a step and is announced once, with its
 * since/until, to the occupants R6 allows (V6, V7). A change of an occupant made by a request the tracker
 * follows is stepped when Openfire broadcasts its presence, and that presence carries the step.</p>
 */
public final class AffiliationVersions {
    private static final Logger Log = LoggerFactory.getLogger(AffiliationVersions.class);
    private static final QName MUC_USER_X = QName.get("x", Mav.MUC_USER);
    private static final ThrottledWarning CHECK_FAILED = new ThrottledWarning(Log,
        "Could not check the affiliations of {}");

    /** A join Openfire has yet to answer; {@code asked} when it asked for the list (else only observed). */
    private record PendingJoin(boolean asked, String since, String id, long atNanos) {
    }

    private final RoomDirectory rooms;
    private final NotificationSink sink;
    private final RoomSwitch enabled;
    private final VersionHasher hasher;
    private final HistoryStore histories;
    private final VersioningLimits limits;
    private final LongSupplier nanoClock;
    private final PluginCounters counters;
    private final Map<String, PendingJoin> pendingJoins = new ConcurrentHashMap<>();
    private volatile ChangeTracker tracker;

    /**
     * @param rooms finds rooms
     * @param sink delivers stanzas
     * @param enabled whether versioning is on for a room (the notification settings and its own switch)
     * @param hasher derives versions
     * @param histories where histories live
     * @param limits bounds
     * @param nanoClock monotonic time, for expiring joins Openfire never answered
     */
    public AffiliationVersions(RoomDirectory rooms, NotificationSink sink, RoomSwitch enabled, VersionHasher hasher,
                               HistoryStore histories, VersioningLimits limits, LongSupplier nanoClock) {
        this(rooms, sink, enabled, hasher, histories, limits, nanoClock, new PluginCounters(Instant.EPOCH));
    }

    /**
     * @param rooms finds rooms
     * @param sink delivers stanzas
     * @param enabled whether versioning is on for a room (the notification settings and its own switch)
     * @param hasher derives versions
     * @param histories where histories live
     * @param limits bounds
     * @param nanoClock monotonic time, for expiring joins Openfire never answered
     * @param counters counts changes found outside XMPP, join answers by kind, and failed checks
     */
    public AffiliationVersions(RoomDirectory rooms, NotificationSink sink, RoomSwitch enabled, VersionHasher hasher,
                               HistoryStore histories, VersioningLimits limits, LongSupplier nanoClock,
                               PluginCounters counters) {
        this.counters = counters;
        this.rooms = rooms;
        this.sink = sink;
        this.enabled = enabled;
        this.hasher = hasher;
        this.histories = histories;
        this.limits = limits;
        this.nanoClock = nanoClock;
    }

    /** @param tracker the tracker whose requests' occupant presences carry their steps */
    void attach(ChangeTracker tracker) {
        this.tracker = tracker;
    }

    /**
     * @param room a bare room JID
     * @return whether versioning is on for the room (V8)
     */
    public boolean isEnabled(JID room) {
        return enabled.isEnabled(room);
    }

    /** @return how many joins wait for Openfire's answer */
    public int pendingJoins() {
        return pendingJoins.size();
    }

    /** @return how many rooms have a history (on this node, or in the cluster) */
    public int historyCount() {
        return histories.size();
    }

    /**
     * A join presence entering, before Openfire handles it (V3): notes it, and what it asks for, and removes
     * the {@code <mav/>}, when versioning is on for the room. Every join is noted, with or without a request:
     * the room is checked for changes made outside XMPP when Openfire accepts it (V7), so that the
     * self-presence carries the room's real current version (V5).
     *
     * @param presence the join presence, addressed to room@service/nick
     * @param request what its muc x asks for, or {@code null} when it asks for nothing
     */
    public void joinRequested(Presence presence, Mav.Request request) {
        final JID joiner = presence.getFrom();
        final JID room = presence.getTo().asBareJID();
        // A join to a room that does not exist yet creates it: its settings are asked when Openfire answers
        // (answerJoin), not now, so that joins to made-up rooms never reach the settings' database. Its <mav/>
        // is left as it is (nobody else is in a new room to see it; with versioning off, nothing is touched).
        final boolean exists = rooms.find(room) != null;
        if (joiner == null || joiner.getResource() == null || (exists && !isEnabled(room))) {
            return;
        }
        if (request != null && exists) {
            Mav.strip(presence.getElement());
        }
        if (pendingJoins.size() >= limits.maxPendingJoins() && expireJoins() == 0) {
            Log.debug("Too many joins in flight; not answering the join of {}", joiner);
            return;
        }
        pendingJoins.put(key(joiner.toString(), room), new PendingJoin(request != null,
            request == null ? null : request.since(), presence.getID(), nanoClock.getAsLong()));
    }

    /**
     * A presence the room sends one of its occupants (or a joiner), before it is delivered: answers a pending
     * join (V4), then puts the versions on an affiliation-change presence (V6) or a self-presence (V5).
     *
     * @param presence the presence, from room@service/nick to a full JID
     */
    public void presenceFromRoom(Presence presence) {
        final Element x = presence.getElement().element(MUC_USER_X);
        final boolean self = x != null && isSelfPresence(x);
        final ChangeTracker followed = tracker;
        // Most presences a room sends are none of these: return before any JID is parsed.
        if (pendingJoins.isEmpty() && !self && (followed == null || !followed.hasPending())) {
            return;
        }
        final JID from = presence.getFrom();
        final JID to = presence.getTo();
        if (from == null || to == null || from.getNode() == null) {
            return;
        }
        final JID room = from.asBareJID();
        if (!pendingJoins.isEmpty()) {
            final PendingJoin join = pendingJoins.remove(key(to.toString(), room));
            if (join != null && presence.getType() != Presence.Type.error) {
                if (join.asked()) {
                    answerJoin(room, to, join);
                } else {
                    // Nothing asked: the joiner is told of such a change like every other occupant.
                    observe(room, null);
                }
            }
        }
        if (x == null || Mav.present(x) || !isEnabled(room)) {
            return;
        }
        final VersionStep step = presenceStep(room, from.getResource(), x);
        if (step != null) {
            Mav.stamp(x, step.since(), step.until());
            return;
        }
        if (self) {
            final String version = currentVersion(room);
            if (version != null) {
                Mav.stamp(x, null, version);
            }
        }
    }

    /**
     * Brings a room's history up to its state and announces what changed (V7). A room seen for the first
     * time only starts a history.
     *
     * @param roomJid the bare room JID
     * @param excluded a session not to announce to (a joiner about to get its own answer), or {@code null}
     * @return the steps announced
     */
    public List<VersionStep> observe(JID roomJid, JID excluded) {
        if (!isEnabled(roomJid)) {
            return List.of();
        }
        final RoomState[] read = new RoomState[1];
        final Function<Set<JID>, List<VersionStep>> work = held -> {
            // Read inside the ledger's critical section: a copy read before it may predate a change that a
            // request settled meanwhile (cluster), which this comparison would then undo.
            read[0] = rooms.find(roomJid);
            final List<VersionStep> steps = read[0] == null ? null : record(roomJid, read[0], List.of(), held);
            // A history (re)started now has no past to compare with: nothing to announce.
            return steps == null ? List.<VersionStep>of() : steps;
        };
        final ChangeTracker followed = tracker;
        final List<VersionStep> steps = followed == null ? work.apply(Set.of()) : followed.withHeld(roomJid, work);
        if (!steps.isEmpty()) {
            counters.add(Counter.CHANGES_OUTSIDE_XMPP, steps.size());
            Log.debug("Affiliations of {} changed outside a followed request: {}", roomJid, steps);
            announce(read[0], steps, jid -> null, excluded);
        }
        return steps;
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

    /**
     * Steps the history to the room's state without announcing (the caller does).
     *
     * @param roomJid the bare room JID
     * @param room the room, read now
     * @param first JIDs whose changes come first, in this order (a request's items), then the others
     * @param deferred JIDs not to step now: requests in flight name them and will announce their changes
     * @return the steps, empty when nothing changed; {@code null} when the room had no history this node
     *     could read (none yet, or one kept with another secret, e.g. during a rolling upgrade), which is
     *     started from the room's state now: what changed before is unknown to it
     */
    List<VersionStep> record(JID roomJid, RoomState room, List<JID> first, Set<JID> deferred) {
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
            if (slot.history == null) {
                slot.history = startHistory(roomJid, state, context);
                return null;
            }
            // Who could read the lists until now, then the steps to the room's state.
            slot.history.noteContext(context);
            return slot.history.observe(state, order, skipped);
        });
    }

    /**
     * Sends each step's change, with its versions, to the occupants R6 allows, the target's own sessions
     * included (no presence of Openfire's carried these versions).
     *
     * @param room the room
     * @param steps the steps, in order
     * @param reasons the reason a request gave for a JID, or {@code null}
     * @param excluded a session not to send to, or {@code null}
     */
    void announce(RoomState room, List<VersionStep> steps, Function<JID, String> reasons, JID excluded) {
        final RoomSnapshot snapshot = room.snapshot();
        final List<Notification> out = new ArrayList<>();
        for (VersionStep step : steps) {
            final JID target = new JID(step.jid());
            final AffiliationChange change = new AffiliationChange(target, step.after(), reasons.apply(target));
            for (Notification notification : NotificationComposer.announce(snapshot, change)) {
                if (notification.stanza().getTo().equals(excluded)) {
                    continue;
                }
                Mav.stamp(notification.stanza().getChildElement("x", Mav.MUC_USER), step.since(), step.until());
                out.add(notification);
            }
        }
        if (!out.isEmpty()) {
            sink.deliver(out);
        }
    }

    /**
     * @param room a bare room JID
     * @return the version last announced to the room's occupants, starting the history if there is none
     */
    String currentVersion(JID room) {
        final String version = histories.version(room);
        if (version != null) {
            return version;
        }
        observe(room, null);
        return histories.version(room);
    }

    /**
     * Drops a room's history and the joins waiting for it (the room was destroyed).
     *
     * @param room the bare room JID
     */
    public void forgetRoom(JID room) {
        histories.remove(room);
        final String suffix = "|" + room.toBareJID();
        pendingJoins.keySet().removeIf(key -> key.endsWith(suffix));
    }

    /** Forgets every pending join and this node's own histories (the plugin is stopping). */
    public void clear() {
        pendingJoins.clear();
        histories.clear();
    }

    /**
     * Forgets joins Openfire never answered (another interceptor dropped them, or the client went away).
     *
     * @return how many were forgotten
     */
    public int expireJoins() {
        final long now = nanoClock.getAsLong();
        final long maxAge = limits.joinTimeout().toNanos();
        int expired = 0;
        final Iterator<PendingJoin> it = pendingJoins.values().iterator();
        while (it.hasNext()) {
            if (now - it.next().atNanos() > maxAge) {
                it.remove();
                expired++;
            }
        }
        return expired;
    }

    /** Openfire accepted the join: the list, the diff, nothing, or forbidden, before any presence (V4). */
    private void answerJoin(JID roomJid, JID joiner, PendingJoin join) {
        final RoomState room = rooms.find(roomJid);
        if (room == null || !isEnabled(roomJid)) {
            return;
        }
        // Changes nobody announced yet go to the others; the joiner's answer includes them anyway.
        observe(roomJid, joiner);
        final ListContext context = room.listContext();
        final ListAccess access = ListAccess.decide(room.viewerAffiliation(joiner.asBareJID()),
            context.membersOnly(), context.nonAnonymous());
        final List<Message> answer = !access.lists()
            ? JoinResponses.answer(roomJid, joiner, join.id(), join.since(), null, access, hasher, limits.maxItems())
            : histories.update(roomJid, slot -> slot.history == null ? List.<Message>of()
                : JoinResponses.answer(roomJid, joiner, join.id(), join.since(), slot.history, access, hasher,
                    limits.maxItems()));
        if (access != ListAccess.NOTHING) {
            counters.increment(switch (JoinResponses.kindOf(answer)) {
                case DIFF -> Counter.JOIN_DIFFS;
                case FULL_LIST -> Counter.JOIN_FULL_LISTS;
                case CURRENT -> Counter.JOIN_CURRENT;
                case FORBIDDEN -> Counter.JOIN_FORBIDDEN;
            });
        }
        Log.debug("Join of {} to {} asked for affiliations since {}: {}, {} message(s)", joiner, roomJid,
            join.since(), access, answer.size());
        if (!answer.isEmpty()) {
            final List<Notification> out = new ArrayList<>(answer.size());
            for (Message message : answer) {
                out.add(new Notification(message));
            }
            sink.deliver(out);
        }
    }

    /**
     * The step of a presence Openfire broadcasts because a followed request changed an occupant's
     * affiliation: made once per JID and request, and reused for every copy of the presence.
     */
    private VersionStep presenceStep(JID roomJid, String nickname, Element x) {
        final ChangeTracker followed = tracker;
        if (followed == null || !followed.hasPending()) {
            return null;
        }
        final PendingRequest pending = followed.pendingOnThisThread(roomJid);
        if (pending == null) {
            return null;
        }
        final Element item = x.element("item");
        if (item == null) {
            return null;
        }
        final MucAffiliation affiliation = MucAffiliation.fromAttribute(item.attributeValue("affiliation"));
        if (affiliation == null) {
            return null;
        }
        final JID target = occupantOf(roomJid, nickname, item.attributeValue("jid"));
        if (target == null || !pending.presentAtCapture.contains(target)) {
            return null;
        }
        final VersionStep known = pending.presenceSteps.get(target);
        if (known != null && known.after() == affiliation) {
            return known;
        }
        final VersionStep step = histories.update(roomJid, slot -> {
            if (slot.history == null) {
                final RoomState room = rooms.find(roomJid);
                if (room == null) {
                    return null;
                }
                slot.history = startHistory(roomJid, room.affiliationState(), room.listContext());
            }
            return slot.history.apply(target.toBareJID(), affiliation);
        });
        if (step != null) {
            pending.presenceSteps.put(target, step);
        }
        return step;
    }

    /** A room's history from its state now: nothing is announced for what happened before. */
    private AffiliationHistory startHistory(JID roomJid, Map<String, MucAffiliation> state, ListContext context) {
        return AffiliationHistory.start(roomJid.toBareJID(), hasher, limits.maxSteps(), state, context);
    }

    private JID occupantOf(JID roomJid, String nickname, String itemJid) {
        if (itemJid != null) {
            try {
                return new JID(itemJid).asBareJID();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (nickname == null) {
            return null;
        }
        final RoomState room = rooms.find(roomJid);
        return room == null ? null : room.occupantByNickname(nickname);
    }

    private static boolean isSelfPresence(Element x) {
        // By index: Element.elements(name) would allocate a list for every presence a room sends.
        for (int i = 0, n = x.nodeCount(); i < n; i++) {
            final Node node = x.node(i);
            if (node instanceof Element && "status".equals(node.getName())
                && "110".equals(((Element) node).attributeValue("code"))) {
                return true;
            }
        }
        return false;
    }

    private static String key(String joiner, JID room) {
        return joiner + "|" + room.toBareJID();
    }
}
