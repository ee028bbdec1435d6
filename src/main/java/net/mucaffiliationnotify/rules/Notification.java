package net.mucaffiliationnotify.rules;

import java.util.Objects;

import org.xmpp.packet.Message;

/**
 * One stanza to deliver: a copy of an affiliation-change message addressed to one occupant session, or
 * another message of the room's to one session (an XEP-0463 join answer).
 *
 * @param stanza the message, with its {@code to} set to the recipient's real full JID
 * @param change the affiliation change the message announces, or {@code null} when it announces none
 */
public record Notification(Message stanza, AffiliationChange change) {
    public Notification {
        Objects.requireNonNull(stanza, "stanza");
        Objects.requireNonNull(stanza.getTo(), "stanza.to");
    }

    /**
     * @param stanza a message of the room's that announces no change
     */
    public Notification(Message stanza) {
        this(stanza, null);
    }
}
