package net.mucaffiliationnotify.versioning;

import java.util.Objects;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * How one bare JID's affiliation differs between an older version and the current one.
 *
 * @param jid the bare JID
 * @param before its affiliation at the older version
 * @param after its affiliation now ({@code none} when it was removed)
 */
public record Difference(String jid, MucAffiliation before, MucAffiliation after) {
    public Difference {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
