package net.mucaffiliationnotify.versioning;

import java.util.Objects;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * One change in a room's history: the affiliation of one bare JID moved the room from version
 * {@code since} to version {@code until}. One JID per step, so that each announcement carries its own
 * since/until and a client can chain them (V6).
 *
 * @param since the version before
 * @param until the version after
 * @param jid the bare JID
 * @param before its affiliation before
 * @param after its affiliation after
 */
public record VersionStep(String since, String until, String jid, MucAffiliation before, MucAffiliation after) {
    public VersionStep {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
