package net.mucaffiliationnotify.tracking;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.dom4j.Element;
import org.dom4j.Node;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.rules.Notification;
import net.mucaffiliationnotify.statistics.Counter;
import net.mucaffiliationnotify.statistics.PluginCounters;
import net.mucaffiliationnotify.versioning.JoinResponses;
import net.mucaffiliationnotify.versioning.ListAccess;
import net.mucaffiliationnotify.versioning.ListContext;
import net.mucaffiliationnotify.versioning.Mav;
import net.mucaffiliationnotify.versioning.VersionHasher;
import net.mucaffiliationnotify.versioning.VersionStep;

/**
 * XEP-0463's join side, on top of the rooms' histories ({@link RoomChanges}): answers joins that ask for the
 * list, and puts versions on self-presences and on the presences Openfire broadcasts for occupants whose
 * affiliation a followed request changed.
 *
 * <p>A join is answered when Openfire has accepted it, which the plugin learns from the first presence the
 * room sends the joiner: a join refused sends an error presence instead, and then nothing is sent (a
 * members-only room must not tell a refused user who its members are). The answer is routed while that
 * first presence is still in the interceptor, so it reaches the joiner before any presence (V4).</p>
 *
 * <p>A join brings the room's history up to date first (changes nobody announced yet go to the others; the
 * joiner's answer includes them). A change of an occupant made by a request the tracker follows is stepped when
 * Openfire broadcasts its presence, and that presence carries the step (V6).</p>
 */
public final class AffiliationVersions {
    private static final Logger Log = LoggerFactory.getLogger(AffiliationVersions.class);
    private static final QName MUC_USER_X = QName.get("x", Mav.MUC_USER);

    /** A join Openfire has yet to answer; {@code asked} when it asked for the list (else only observed). */
    private record PendingJoin(boolean asked, String since, String id, long atNanos) {
    }

    private final RoomDirectory rooms;
    private final NotificationSink sink;
    private final RoomChanges changes;
    private final ChangeTracker tracker;
    private final VersionHasher hasher;
    private final VersioningLimits limits;
    private final LongSupplier nanoClock;
    private final PluginCounters counters;
    private final Map<String, PendingJoin> pendingJoins = new ConcurrentHashMap<>();

    /**
     * @param rooms finds rooms
     * @param sink delivers join answers
     * @param changes the rooms' histories and their announcements
     * @param tracker the requests followed, whose occupants' presences carry their steps
     * @param hasher derives versions
     * @param limits bounds
     * @param nanoClock monotonic time, for expiring joins Openfire never answered
     * @param counters counts join answers by kind
     */
    public AffiliationVersions(RoomDirectory rooms, NotificationSink sink, RoomChanges changes, ChangeTracker tracker,
                               VersionHasher hasher, VersioningLimits limits, LongSupplier nanoClock,
                               PluginCounters counters) {
        this.rooms = rooms;
        this.sink = sink;
        this.changes = changes;
        this.tracker = tracker;
        this.hasher = hasher;
        this.limits = limits;
        this.nanoClock = nanoClock;
        this.counters = counters;
    }

    /**
     * @param room a bare room JID
     * @return whether versioning is on for the room (V8)
     */
    public boolean isEnabled(JID room) {
        return changes.isVersioned(room);
    }

    /** @return how many joins wait for Openfire's answer */
    public int pendingJoins() {
        return pendingJoins.size();
    }

    /** @return how many rooms have a history (on this node, or in the cluster) */
    public int historyCount() {
        return changes.historyCount();
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
                    changes.observe(room, null);
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
     * @param room a bare room JID
     * @return the version last announced to the room's occupants, starting the history if there is none
     */
    String currentVersion(JID room) {
        return changes.currentVersion(room);
    }

    /**
     * Drops the joins waiting for a room (it was destroyed).
     *
     * @param room the bare room JID
     */
    public void forgetRoom(JID room) {
        final String suffix = "|" + room.toBareJID();
        pendingJoins.keySet().removeIf(key -> key.endsWith(suffix));
    }

    /** Forgets every pending join (the plugin is stopping). */
    public void clear() {
        pendingJoins.clear();
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
        changes.observe(roomJid, joiner);
        final ListContext context = room.listContext();
        final ListAccess access = ListAccess.decide(room.viewerAffiliation(joiner.asBareJID()),
            context.membersOnly(), context.nonAnonymous());
        final List<Message> answer = !access.lists()
            ? JoinResponses.answer(roomJid, joiner, join.id(), join.since(), null, access, hasher, limits.maxItems())
            : changes.readHistory(roomJid, history -> history == null ? List.<Message>of()
                : JoinResponses.answer(roomJid, joiner, join.id(), join.since(), history, access, hasher,
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
        final JID target = occupantOf(roomJid, nickname, item.attributeValue("jid"), pending);
        if (target == null || !pending.presentAtCapture.contains(target)) {
            return null;
        }
        final VersionStep known = pending.presenceSteps.get(target);
        if (known != null && known.after() == affiliation) {
            return known;
        }
        final VersionStep step = changes.stepOccupant(roomJid, target, affiliation);
        if (step != null) {
            pending.presenceSteps.put(target, step);
        }
        return step;
    }

    /**
     * The occupant a presence is about: its item's JID, or (a copy without one, in a semi-anonymous room) the
     * room's occupant with that nickname, looked up once per request: Openfire sends a copy to every occupant,
     * and in a cluster each lookup reads the whole room from the clustered cache.
     */
    private JID occupantOf(JID roomJid, String nickname, String itemJid, PendingRequest pending) {
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
        return pending.occupantsByNickname.computeIfAbsent(nickname, nick -> {
            final RoomState room = rooms.find(roomJid);
            return room == null ? null : room.occupantByNickname(nick);
        });
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
