package net.mucaffiliationnotify.statistics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import net.mucaffiliationnotify.rules.AffiliationChange;
import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.rules.Notification;

/** Each room's last announced change: per room, the batch's last change and how many sessions were told. */
public class LastAnnouncementsTest {
    private static final Instant AT = Instant.parse("2026-12-05T06:30:00Z");
    private final Map<String, String> store = new HashMap<>();
    private final LastAnnouncements announcements = new LastAnnouncements(store);

    private static Notification notification(String room, String to, String jid, MucAffiliation affiliation) {
        final Message message = new Message();
        message.setFrom(room);
        message.setTo(to);
        return new Notification(message, new AffiliationChange(new JID(jid), affiliation, null));
    }

    @Test
    public void notesEachRoomsLastChangeWithItsRecipients() {
        announcements.noteDelivered(List.of(
            notification("a@conference.localhost", "x@localhost/1", "juliet@localhost", MucAffiliation.member),
            notification("b@conference.localhost", "y@localhost/1", "tybalt@localhost", MucAffiliation.outcast),
            notification("a@conference.localhost", "x@localhost/1", "nurse@localhost", MucAffiliation.admin),
            notification("a@conference.localhost", "z@localhost/2", "nurse@localhost", MucAffiliation.admin),
            notification("b@conference.localhost", "w@localhost/1", "tybalt@localhost", MucAffiliation.outcast)), AT);

        assertEquals(new LastAnnouncement(AT, "nurse@localhost", MucAffiliation.admin, 2),
            announcements.of("a@conference.localhost").orElseThrow());
        assertEquals(new LastAnnouncement(AT, "tybalt@localhost", MucAffiliation.outcast, 2),
            announcements.of("b@conference.localhost").orElseThrow());
    }

    @Test
    public void aLaterBatchReplacesAnEarlierOne() {
        announcements.noteDelivered(List.of(
            notification("a@conference.localhost", "x@localhost/1", "juliet@localhost", MucAffiliation.member)), AT);
        announcements.noteDelivered(List.of(
            notification("a@conference.localhost", "x@localhost/1", "juliet@localhost", MucAffiliation.none)),
            AT.plusSeconds(60));

        assertEquals(new LastAnnouncement(AT.plusSeconds(60), "juliet@localhost", MucAffiliation.none, 1),
            announcements.of("a@conference.localhost").orElseThrow());
    }

    @Test
    public void messagesThatAnnounceNoChangeAreIgnored() {
        final Message answer = new Message();
        answer.setFrom("a@conference.localhost");
        answer.setTo("x@localhost/1");
        announcements.noteDelivered(List.of(new Notification(answer)), AT);
        assertFalse(announcements.of("a@conference.localhost").isPresent());
        assertEquals(0, store.size());
    }

    @Test
    public void encodingRoundTripsAndForeignTextIsNoAnnouncement() {
        final LastAnnouncement announcement = new LastAnnouncement(AT, "juliet@localhost", MucAffiliation.owner, 3);
        assertEquals(announcement, LastAnnouncements.decode(LastAnnouncements.encode(announcement)));
        assertNull(LastAnnouncements.decode("garbage"));
        assertNull(LastAnnouncements.decode("1\tjuliet@localhost\tking\t3"));
        store.put("a@conference.localhost", "x\ty\tz\tw");
        assertFalse(announcements.of("a@conference.localhost").isPresent());
    }

    @Test
    public void forgetRemovesTheRoom() {
        announcements.noteDelivered(List.of(
            notification("a@conference.localhost", "x@localhost/1", "juliet@localhost", MucAffiliation.member)), AT);
        announcements.forget("a@conference.localhost");
        assertFalse(announcements.of("a@conference.localhost").isPresent());
    }
}
