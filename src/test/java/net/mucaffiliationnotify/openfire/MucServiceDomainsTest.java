package net.mucaffiliationnotify.openfire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

/** The interceptor's first filter: room addresses of this server's MUC services, new services picked up. */
public class MucServiceDomainsTest {
    private final Set<String> services = new HashSet<>(Set.of("conference.localhost"));
    private final AtomicInteger reads = new AtomicInteger();
    private final MucServiceDomains domains = new MucServiceDomains(() -> {
        reads.incrementAndGet();
        return services;
    });

    @Test
    public void recognisesRoomsAndOccupantsOfKnownServicesOnly() {
        assertTrue(domains.isRoomAddress("room@conference.localhost"));
        assertTrue(domains.isRoomAddress("room@conference.localhost/nick"));
        assertFalse("the service itself", domains.isRoomAddress("conference.localhost"));
        assertFalse(domains.isRoomAddress("user@localhost"));
        assertFalse(domains.isRoomAddress(null));
        assertTrue("domains compare as stringprep would", domains.isRoomAddress("Room@Conference.LocalHost/Nick"));
        assertFalse("an '@' in the resource is no node", domains.isRoomAddress("conference.localhost/a@b"));
        assertFalse("a longer domain is another domain", domains.isRoomAddress("room@conference.localhost.evil"));
        assertFalse("a shorter one too", domains.isRoomAddress("room@onference.localhost"));
    }

    @Test
    public void newServiceIsPickedUpByTheNextRefresh() {
        services.add("rooms.localhost");
        assertEquals(1, reads.get());
        assertFalse("a miss never re-reads on the stanza path", domains.isRoomAddress("r@rooms.localhost"));
        assertEquals(1, reads.get());

        domains.refresh();
        assertTrue(domains.isRoomAddress("r@rooms.localhost"));
        assertEquals(2, reads.get());
    }
}
