package net.mucaffiliationnotify.openfire;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Tells, without allocating, whether an address is a room of one of this server's MUC services: the
 * interceptor's first filter. The domains are re-read by {@link #refresh()}, which the plugin's
 * housekeeping calls periodically, so that services created at run time are picked up without any cost on
 * the stanza path.
 */
public final class MucServiceDomains {
    private final Supplier<Set<String>> source;
    private volatile String[] domains;

    /**
     * @param source reads the current service domains
     */
    public MucServiceDomains(Supplier<Set<String>> source) {
        this.source = source;
        refresh();
    }

    /** Re-reads the service domains. */
    public void refresh() {
        domains = source.get().toArray(new String[0]);
    }

    /**
     * Works on the raw {@code to} attribute, before any JID is parsed: Tinder's {@code Packet.getTo()}
     * builds a new string each time, which the fast path cannot afford. Domains compare case-insensitively,
     * as stringprep would make them equal.
     *
     * @param to a stanza's {@code to} attribute, possibly {@code null}
     * @return whether it addresses a room (or an occupant) of a MUC service of this server
     */
    public boolean isRoomAddress(String to) {
        if (to == null) {
            return false;
        }
        final int at = to.indexOf('@');
        if (at <= 0) {
            return false;
        }
        final int slash = to.indexOf('/');
        if (slash >= 0 && slash < at) {
            return false; // the '@' is in the resource: no node
        }
        final int end = slash < 0 ? to.length() : slash;
        final int length = end - at - 1;
        for (String domain : domains) {
            if (domain.length() == length && to.regionMatches(true, at + 1, domain, 0, length)) {
                return true;
            }
        }
        return false;
    }
}
