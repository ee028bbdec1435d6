package net.mucaffiliationnotify.statistics;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import net.mucaffiliationnotify.rules.AffiliationChange;
import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.rules.Notification;

/**
 * Each room's last announced affiliation change, for the room's admin page. Kept in a map of strings (in
 * Openfire a cache, clustered when the server is: any node's page shows what any node announced; its size
 * bound drops the least recently used rooms).
 */
public final class LastAnnouncements {
    private final Map<String, String> store;

    /**
     * @param store bare room JID to encoded announcement; in a cluster shared by every node
     */
    public LastAnnouncements(Map<String, String> store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Notes the changes the delivered notifications announced: per room, the last change and how many
     * sessions were told of it. Notifications that announce no change (join answers) are ignored.
     *
     * @param delivered notifications handed to Openfire, in order
     * @param at when
     */
    public void noteDelivered(List<Notification> delivered, Instant at) {
        final Map<String, AffiliationChange> lastChange = new LinkedHashMap<>();
        final Map<String, Integer> recipients = new LinkedHashMap<>();
        for (Notification notification : delivered) {
            final AffiliationChange change = notification.change();
            if (change == null || notification.stanza().getFrom() == null) {
                continue;
            }
            final String room = notification.stanza().getFrom().toBareJID();
            if (!change.equals(lastChange.put(room, change))) {
                recipients.put(room, 0);
            }
            recipients.merge(room, 1, Integer::sum);
        }
        lastChange.forEach((room, change) -> store.put(room, encode(new LastAnnouncement(at,
            change.jid().toBareJID(), change.affiliation(), recipients.get(room)))));
    }

    /**
     * @param roomJid a bare room JID
     * @return its last announced change, if one is known
     */
    public Optional<LastAnnouncement> of(String roomJid) {
        final String text = store.get(roomJid);
        return text == null ? Optional.empty() : Optional.ofNullable(decode(text));
    }

    /** @param roomJid a room that no longer exists */
    public void forget(String roomJid) {
        store.remove(roomJid);
    }

    static String encode(LastAnnouncement announcement) {
        return announcement.at().toEpochMilli() + "\t" + announcement.jid() + "\t"
            + announcement.affiliation().name() + "\t" + announcement.recipients();
    }

    /** @return the announcement, or {@code null} for a text this version did not write */
    static LastAnnouncement decode(String text) {
        final String[] fields = text.split("\t", -1);
        if (fields.length != 4) {
            return null;
        }
        try {
            return new LastAnnouncement(Instant.ofEpochMilli(Long.parseLong(fields[0])), fields[1],
                MucAffiliation.valueOf(fields[2]), Integer.parseInt(fields[3]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
