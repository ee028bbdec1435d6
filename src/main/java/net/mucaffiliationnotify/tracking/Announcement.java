package net.mucaffiliationnotify.tracking;

import java.util.List;

import org.xmpp.packet.JID;

import net.mucaffiliationnotify.rules.Notification;

/**
 * What one look at a room announced: the notifications of its history's steps from position {@code from} and
 * version {@code since} to position {@code to} and version {@code until}, in order. Consecutive announcements
 * of a room chain (one's end is the next one's start), which lets each cluster node deliver them to its own
 * sessions in the history's order whatever order they reach it in ({@link ChainOrder}). Positions (the number
 * of steps the history has applied) tell them apart where versions do not: a version comes back whenever the
 * lists return to an earlier state. An announcement may carry no notification (nobody was to be told, or an
 * occupant's presence told them): it still moves the chain on.
 *
 * @param room the bare room JID
 * @param from the history's position before the steps
 * @param since the room's version before the steps
 * @param to the history's position after them
 * @param until the room's version after them
 * @param notifications the stanzas, in order
 */
public record Announcement(JID room, long from, String since, long to, String until,
                           List<Notification> notifications) {
    public Announcement {
        notifications = List.copyOf(notifications);
    }
}
