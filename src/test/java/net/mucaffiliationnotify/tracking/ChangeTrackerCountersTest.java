package net.mucaffiliationnotify.tracking;

import static net.mucaffiliationnotify.rules.MucAffiliation.member;
import static net.mucaffiliationnotify.rules.MucAffiliation.owner;
import static net.mucaffiliationnotify.tracking.Stanzas.OWNER;
import static net.mucaffiliationnotify.tracking.Stanzas.ROOM;
import static net.mucaffiliationnotify.tracking.Stanzas.admin;
import static net.mucaffiliationnotify.tracking.Stanzas.item;
import static net.mucaffiliationnotify.tracking.Stanzas.request;
import static net.mucaffiliationnotify.tracking.Stanzas.result;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Before;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.requests.AffiliationRequest;
import net.mucaffiliationnotify.statistics.Counter;
import net.mucaffiliationnotify.statistics.PluginCounters;

/** What the tracker counts for the admin page and Openfire's statistics. */
public class ChangeTrackerCountersTest {
    private final Map<JID, FakeRoom> rooms = new HashMap<>();
    private final RecordingSink sink = new RecordingSink();
    private final AtomicLong clock = new AtomicLong();
    private final PluginCounters counters = new PluginCounters(Instant.EPOCH);
    private boolean enabled = true;
    private FakeRoom room;

    @Before
    public void setUp() {
        room = new FakeRoom(ROOM).nonAnonymous(true).set("owner@localhost", owner).join(OWNER, true);
        rooms.put(room.jid(), room);
    }

    private ChangeTracker tracker(boolean liveRooms) {
        return Pipeline.tracker(Directories.of(rooms, liveRooms), sink, jid -> enabled, clock::get,
            new TrackerLimits(100, Duration.ofSeconds(60)), counters);
    }

    @Test
    public void followedAndNotFollowedRequestsAreCounted() {
        final ChangeTracker tracker = tracker(true);
        final IQ iq = admin("m1", item("member", "juliet@localhost"));
        assertTrue(tracker.mayFollow(room.jid(), iq.getFrom(), AffiliationRequest.Kind.ADMIN_ITEMS));
        assertTrue(tracker.requestReceived(iq, request(iq)));
        room.set("juliet@localhost", member);
        tracker.replyRouted(result(iq));
        tracker.requestProcessed(iq);
        assertEquals(1, counters.value(Counter.REQUESTS_FOLLOWED));
        assertEquals(0, counters.value(Counter.REQUESTS_NOT_FOLLOWED));

        // An outsider's request Openfire will refuse: not followed, before it is parsed.
        assertFalse(tracker.mayFollow(room.jid(), new JID("stranger@localhost/x"), AffiliationRequest.Kind.ADMIN_ITEMS));
        // Notifications off in the room: not followed.
        enabled = false;
        final IQ off = admin("m2", item("member", "romeo@localhost"));
        assertFalse(tracker.requestReceived(off, request(off)));
        assertEquals(1, counters.value(Counter.REQUESTS_FOLLOWED));
        assertEquals(2, counters.value(Counter.REQUESTS_NOT_FOLLOWED));
    }

    @Test
    public void heldRepliesAndTheirExpiriesAreCounted() {
        final ChangeTracker clustered = tracker(false);
        final IQ delivered = admin("m1", item("member", "juliet@localhost"));
        clustered.requestReceived(delivered, request(delivered));
        assertTrue(clustered.replyRouted(result(delivered)));
        room.set("juliet@localhost", member);
        clustered.requestProcessed(delivered);

        final IQ lost = admin("m2", item("member", "romeo@localhost"));
        clustered.requestReceived(lost, request(lost));
        assertTrue(clustered.replyRouted(result(lost)));
        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        assertEquals(1, clustered.expireLost());

        assertEquals(2, counters.value(Counter.REPLIES_HELD));
        assertEquals(1, counters.value(Counter.HELD_REPLIES_EXPIRED));
    }

    @Test
    public void aLostRequestWithoutAHeldReplyIsNoExpiredReply() {
        final ChangeTracker tracker = tracker(true);
        final IQ lost = admin("m1", item("member", "juliet@localhost"));
        tracker.requestReceived(lost, request(lost));
        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        assertEquals(1, tracker.expireLost());
        assertEquals(0, counters.value(Counter.HELD_REPLIES_EXPIRED));
    }
}
