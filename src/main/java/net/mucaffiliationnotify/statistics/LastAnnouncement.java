package net.mucaffiliationnotify.statistics;

import java.time.Instant;
import java.util.Objects;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * A room's most recent affiliation change that was announced to its occupants.
 *
 * @param at when the notifications were handed to Openfire
 * @param jid the bare JID whose affiliation changed
 * @param affiliation its new affiliation
 * @param recipients how many occupant sessions were told
 */
public record LastAnnouncement(Instant at, String jid, MucAffiliation affiliation, int recipients) {
    public LastAnnouncement {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(affiliation, "affiliation");
    }
}
