package net.mucaffiliationnotify.openfire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;
import org.xmpp.packet.JID;

/** The interceptor's first filter: room addresses of this server's MUC services, new services picked up. */
public class MucServiceDomainsTest {
    private final Set<String> services = new HashSet<>(Set.of("conference.localhost"));
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong();
    private final MucServiceDomains domains = new MucServiceDomains(() -> {
        reads.incrementAndGet();
        return services;
    }, clock::get);

    @Test
    public void recognisesRoomsAndOccupantsOfKnownServicesOnly() {
        assertTrue(domains.isRoomAddress(new JID("room@conference.localhost")));
        assertTrue(domains.isRoomAddress(new JID("room@conference.localhost/nick")));
        assertFalse("the service itself", domains.isRoomAddress(new JID("conference.localhost")));
        assertFalse(domains.isRoomAddress(new JID("user@localhost")));
        assertFalse(domains.isRoomAddress(null));
    }

    @Test
    public void newServiceIsPickedUpOnAMissAtMostOncePerInterval() {
        services.add("rooms.localhost");
        assertEquals(1, reads.get());
        assertFalse("within the interval a miss does not re-read", domains.isRoomAddress(new JID("r@rooms.localhost")));
        assertEquals(1, reads.get());

        clock.addAndGet(6_000_000_000L);
        assertTrue(domains.isRoomAddress(new JID("r@rooms.localhost")));
        assertEquals(2, reads.get());
        assertFalse(domains.isRoomAddress(new JID("u@localhost")));
        assertEquals("no second read within the interval", 2, reads.get());
    }
}
