package net.mucaffiliationnotify.rules;

import java.util.Objects;

import org.xmpp.packet.JID;

/**
 * One joined session of a room: its real full JID, whether its role is moderator, and whether it is a
 * federated (FMUC) occupant that is reached through another service.
 *
 * @param realJid the occupant's real full JID (where a copy of a notification is addressed)
 * @param moderator whether the occupant's role is moderator
 * @param federated whether the occupant joined through a federated (FMUC) node
 */
public record Occupant(JID realJid, boolean moderator, boolean federated) {
    public Occupant {
        Objects.requireNonNull(realJid, "realJid");
    }
}
