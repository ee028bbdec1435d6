package net.mucaffiliationnotify.statistics;

import java.util.Locale;

/**
 * What the plugin counts on each node, for the admin console's service page and Openfire's statistics (JMX,
 * the Monitoring plugin's graphs).
 */
public enum Counter {
    /** Affiliation-change notifications delivered, one per recipient session. */
    NOTIFICATIONS_SENT,
    /** Messages with status 101 to users whose affiliation changed while they were not in the room. */
    AFFECTED_USERS_TOLD,
    /** Affiliation requests followed to their end. */
    REQUESTS_FOLLOWED,
    /** Affiliation requests seen but not followed: Openfire refuses them, or a limit was reached. */
    REQUESTS_NOT_FOLLOWED,
    /** Affiliation changes found by the sweep that no XMPP request explains (admin console, REST API, groups). */
    CHANGES_OUTSIDE_XMPP,
    /** XEP-0463 join answers with the differences since the client's version. */
    JOIN_DIFFS,
    /** XEP-0463 join answers with the full list (no version given, or one the history does not hold). */
    JOIN_FULL_LISTS,
    /** XEP-0463 joins whose version was current: nothing to send. */
    JOIN_CURRENT,
    /** XEP-0463 joins answered with an error: the joiner may not read the lists, now or at its version. */
    JOIN_FORBIDDEN,
    /** Replies held until their request's notifications were out (in a cluster). */
    REPLIES_HELD,
    /** Held replies delivered because their request's end never came in time. */
    HELD_REPLIES_EXPIRED,
    /** Failures logged as warnings (routing, a request's settling, the sweep, housekeeping). */
    FAILURES;

    /** @return the counter's key in statistic names and texts, e.g. {@code notifications_sent} */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
