package net.mucaffiliationnotify.openfire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jivesoftware.openfire.PacketRouter;
import org.junit.Test;
import org.mockito.InOrder;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import net.mucaffiliationnotify.rules.AffiliationChange;
import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.rules.Notification;
import net.mucaffiliationnotify.statistics.Counter;
import net.mucaffiliationnotify.statistics.LastAnnouncement;
import net.mucaffiliationnotify.statistics.LastAnnouncements;
import net.mucaffiliationnotify.statistics.PluginCounters;

/**
 * Notifications are routed one by one, in order; one that cannot be routed does not stop the others. What
 * was routed is counted, and each room's last announced change noted.
 */
public class RoutingNotificationSinkTest {
    private static final String ROOM = "room@conference.localhost";
    private static final Instant NOW = Instant.parse("2026-12-05T06:00:00Z");

    private final PacketRouter router = mock(PacketRouter.class);
    private final PluginCounters counters = new PluginCounters(Instant.EPOCH);
    private final Map<String, String> store = new ConcurrentHashMap<>();
    private final RoutingNotificationSink sink = new RoutingNotificationSink(router, counters,
        new LastAnnouncements(store), Clock.fixed(NOW, ZoneOffset.UTC));

    private static Notification to(String jid, AffiliationChange change) {
        final Message message = new Message();
        message.setFrom(ROOM);
        message.setTo(jid);
        return new Notification(message, change);
    }

    private static AffiliationChange change(String jid, MucAffiliation affiliation) {
        return new AffiliationChange(new JID(jid), affiliation, null);
    }

    @Test
    public void routesEachInOrderAndSurvivesAFailure() {
        final AffiliationChange juliet = change("juliet@localhost", MucAffiliation.member);
        final Notification a = to("a@localhost/1", juliet);
        final Notification b = to("b@localhost/1", juliet);
        final Notification c = to("c@localhost/1", juliet);
        doThrow(new IllegalStateException("no route")).when(router).route(b.stanza());

        sink.deliver(List.of(a, b, c));

        final InOrder order = inOrder(router);
        order.verify(router).route(argThat((Message m) -> m == a.stanza()));
        order.verify(router).route(argThat((Message m) -> m == b.stanza()));
        order.verify(router).route(argThat((Message m) -> m == c.stanza()));
        assertEquals("only what was routed counts as sent", 2, counters.value(Counter.NOTIFICATIONS_SENT));
        assertEquals(1, counters.value(Counter.FAILURES));
        assertEquals(new LastAnnouncement(NOW, "juliet@localhost", MucAffiliation.member, 2),
            new LastAnnouncements(store).of(ROOM).orElseThrow());
    }

    @Test
    public void theLastChangeOfABatchIsTheRoomsLastAnnouncement() {
        sink.deliver(List.of(
            to("a@localhost/1", change("juliet@localhost", MucAffiliation.member)),
            to("b@localhost/1", change("juliet@localhost", MucAffiliation.member)),
            to("a@localhost/1", change("tybalt@localhost", MucAffiliation.outcast))));

        assertEquals(3, counters.value(Counter.NOTIFICATIONS_SENT));
        assertEquals(new LastAnnouncement(NOW, "tybalt@localhost", MucAffiliation.outcast, 1),
            new LastAnnouncements(store).of(ROOM).orElseThrow());
    }

    @Test
    public void joinAnswersAreNeitherCountedAsNotificationsNorAnnouncements() {
        sink.deliver(List.of(to("a@localhost/1", null)));

        assertEquals(0, counters.value(Counter.NOTIFICATIONS_SENT));
        assertFalse(new LastAnnouncements(store).of(ROOM).isPresent());
    }

    @Test
    public void aHeldReplyThatCannotBeRoutedCountsAsAFailure() {
        final IQ reply = new IQ(IQ.Type.result, "r1");
        reply.setTo("owner@localhost/1");
        doThrow(new IllegalStateException("no route")).when(router).route((org.xmpp.packet.Packet) reply);

        sink.deliverHeldReply(reply);

        assertEquals(1, counters.value(Counter.FAILURES));
    }

    /**
     * Issue 15: the status-101 message goes to the user's bare JID once, from the announcing node, in a cluster
     * too (not through the per-node delivery, which keeps only this node's sessions), and has its own counter.
     */
    @Test
    public void affectedUsersAreToldOnceWhereTheChangeIsAnnouncedAndCountedApart() {
        final java.util.List<net.mucaffiliationnotify.tracking.Announcement> broadcast = new java.util.ArrayList<>();
        final RoutingNotificationSink clustered = new RoutingNotificationSink(router, counters,
            new LastAnnouncements(store), Clock.fixed(NOW, ZoneOffset.UTC), () -> true, broadcast::add,
            jid -> false, System::nanoTime);
        final Notification notice = to("tybalt@localhost", change("tybalt@localhost", MucAffiliation.member));
        clustered.tellAffected(java.util.List.of(notice));
        verify(router).route(notice.stanza());
        assertEquals(1, counters.value(Counter.AFFECTED_USERS_TOLD));
        assertEquals(0, counters.value(Counter.NOTIFICATIONS_SENT));
        assertEquals("not an announcement: the other nodes get nothing", 0, broadcast.size());
    }
}
