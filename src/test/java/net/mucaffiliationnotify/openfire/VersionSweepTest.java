package net.mucaffiliationnotify.openfire;

import static org.junit.Assert.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jivesoftware.openfire.PacketRouter;
import org.jivesoftware.openfire.muc.Role;
import org.junit.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import net.mucaffiliationnotify.tracking.AffiliationVersions;
import net.mucaffiliationnotify.tracking.Pipeline;
import net.mucaffiliationnotify.tracking.VersioningLimits;
import net.mucaffiliationnotify.versioning.VersionHasher;

/**
 * The sweep for changes made outside XMPP (V7): it checks the occupied rooms once per interval (a changed
 * interval applies at once), only on the senior member, survives failures, and expires joins.
 */
public class VersionSweepTest {
    private final MockMuc muc = new MockMuc();
    private final PacketRouter router = mock(PacketRouter.class);
    private final AtomicLong clock = new AtomicLong();
    private final Pipeline pipeline = Pipeline.of(new OpenfireRoomDirectory(muc.manager, () -> false),
            Sinks.routing(router)).versioned(jid -> true).hasher(new VersionHasher("s".getBytes(StandardCharsets.UTF_8)))
        .versioningLimits(new VersioningLimits(16, 250, 100, Duration.ofSeconds(60))).clock(clock::get).build();
    private final AffiliationVersions versions = pipeline.versions;

    @Test
    public void occupiedRoomsAreTheLoadedRoomsWithOccupants() {
        muc.room("empty").set("romeo@localhost", "owner");
        muc.room("busy").join("romeo@localhost/desk", Role.moderator);
        assertEquals(List.of(new JID("busy@conference.localhost")), new OccupiedRooms(muc.manager).list());
    }

    @Test
    public void sweepsOncePerIntervalOnTheSeniorMemberOnly() {
        final MockMuc.Room room = muc.room("busy").set("romeo@localhost", "owner").join("romeo@localhost/desk", Role.moderator);
        room.nonAnonymous = true;
        final AtomicInteger interval = new AtomicInteger(10);
        final AtomicBoolean senior = new AtomicBoolean(true);
        final AtomicInteger listed = new AtomicInteger();
        final VersionSweep sweep = new VersionSweep(pipeline.changes, versions, () -> {
            listed.incrementAndGet();
            return new OccupiedRooms(muc.manager).list();
        }, interval::get, senior::get, clock::get);

        sweep.run(); // first tick sweeps: the room's history starts, nothing to announce
        assertEquals(1, listed.get());
        room.set("tybalt@localhost", "member"); // the admin console
        clock.addAndGet(TimeUnit.SECONDS.toNanos(5));
        sweep.run();
        assertEquals("not before the interval", 1, listed.get());
        verify(router, times(0)).route(any(Message.class));

        clock.addAndGet(TimeUnit.SECONDS.toNanos(5));
        sweep.run();
        assertEquals(2, listed.get());
        verify(router, times(1)).route(any(Message.class));

        interval.set(1);
        room.set("mercutio@localhost", "member");
        senior.set(false);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        sweep.run();
        assertEquals("a junior member does not sweep", 2, listed.get());
        verify(router, times(1)).route(any(Message.class));

        senior.set(true);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        sweep.run();
        verify(router, times(2)).route(any(Message.class));
    }

    @Test
    public void aFailingSweepDoesNotEndTheTask() {
        final AtomicInteger calls = new AtomicInteger();
        final VersionSweep sweep = new VersionSweep(pipeline.changes, versions, () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("room cache unavailable");
        }, () -> 1, () -> true, clock::get);
        sweep.run();
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        sweep.run();
        assertEquals(2, calls.get());
    }
}
