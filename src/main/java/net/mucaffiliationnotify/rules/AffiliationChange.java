package net.mucaffiliationnotify.rules;

import java.util.Objects;

import org.xmpp.packet.JID;

/**
 * An affiliation change that actually happened in a room.
 *
 * @param jid the bare, normalised JID whose affiliation changed
 * @param affiliation the new affiliation
 * @param reason the reason the request gave for this JID, or {@code null} when it gave none
 */
public record AffiliationChange(JID jid, MucAffiliation affiliation, String reason) {
    public AffiliationChange {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(affiliation, "affiliation");
        if (jid.getResource() != null) {
            throw new IllegalArgumentException("Affiliations are held by bare JIDs: " + jid);
        }
        if (reason != null && reason.isBlank()) {
            reason = null;
        }
    }
}
