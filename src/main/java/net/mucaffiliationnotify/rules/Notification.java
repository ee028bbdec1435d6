package net.mucaffiliationnotify.rules;

import java.util.Objects;

import org.xmpp.packet.Message;

/**
 * One stanza to deliver: a copy of an affiliation-change message addressed to one occupant session.
 *
 * @param stanza the message, with its {@code to} set to the recipient's real full JID
 */
public record Notification(Message stanza) {
    public Notification {
        Objects.requireNonNull(stanza, "stanza");
        Objects.requireNonNull(stanza.getTo(), "stanza.to");
    }
}
