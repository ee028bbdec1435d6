package net.mucaffiliationnotify.tracking;

import java.util.List;

import org.xmpp.packet.JID;

import net.mucaffiliationnotify.rules.Notification;

/**
 * What one look at a room announced: the notifications of its history's steps from {@code since} to
 * {@code until}, in order. Consecutive announcements of a room chain (one's until is the next one's since),
 * which lets each cluster node deliver them to its own sessions in the history's order whatever order they
 * reach it in. An announcement may carry no notification (nobody was to be told, or an occupant's presence
 * told them): it still moves the chain on.
 *
 * @param room the bare room JID
 * @param since the room's version before the steps
 * @param until the room's version after them
 * @param notifications the stanzas, in order
 */
public record Announcement(JID room, String since, String until, List<Notification> notifications) {
    public Announcement {
        notifications = List.copyOf(notifications);
    }
}
