package net.mucaffiliationnotify.openfire;

import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.xmpp.packet.JID;

/**
 * Tells, without allocating, whether an address is a room of one of this server's MUC services: the
 * interceptor's first filter. Services created at run time are picked up by a refresh on a miss, at most
 * once per interval.
 */
public final class MucServiceDomains {
    private static final long REFRESH_INTERVAL_NANOS = 5_000_000_000L;

    private final Supplier<Set<String>> source;
    private final LongSupplier nanoClock;
    private volatile Set<String> domains;
    private volatile long refreshedAt;

    /**
     * @param source reads the current service domains
     * @param nanoClock monotonic time
     */
    public MucServiceDomains(Supplier<Set<String>> source, LongSupplier nanoClock) {
        this.source = source;
        this.nanoClock = nanoClock;
        this.domains = Set.copyOf(source.get());
        this.refreshedAt = nanoClock.getAsLong();
    }

    /**
     * @param to a stanza's addressee, possibly {@code null}
     * @return whether it addresses a room (or an occupant) of a MUC service of this server
     */
    public boolean isRoomAddress(JID to) {
        if (to == null || to.getNode() == null) {
            return false;
        }
        final String domain = to.getDomain();
        if (domains.contains(domain)) {
            return true;
        }
        final long now = nanoClock.getAsLong();
        if (now - refreshedAt < REFRESH_INTERVAL_NANOS) {
            return false;
        }
        refreshedAt = now;
        domains = Set.copyOf(source.get());
        return domains.contains(domain);
    }
}
