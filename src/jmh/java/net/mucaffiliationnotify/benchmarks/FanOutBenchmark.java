package net.mucaffiliationnotify.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.rules.AffiliationChange;
import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.rules.Notification;
import net.mucaffiliationnotify.rules.NotificationComposer;
import net.mucaffiliationnotify.rules.RoomSnapshot;

/**
 * Building the notifications of one change for every eligible session of a non-anonymous room of 10,
 * 1,000 and 10,000 occupants, handed to a counting sink instead of Openfire's router.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FanOutBenchmark {
    @Param({"10", "1000", "10000"})
    public int occupants;

    private RoomSnapshot room;
    private AffiliationChange change;
    private BenchRooms.CountingSink sink;

    @Setup(Level.Trial)
    public void setUp() {
        room = new BenchRooms.Room("room@conference.example.org", occupants, true).snapshot();
        change = new AffiliationChange(new JID("juliet@example.org"), MucAffiliation.member, null);
        sink = new BenchRooms.CountingSink();
    }

    @Benchmark
    public long composeAndDeliver() {
        final List<Notification> notifications = NotificationComposer.compose(room, change);
        sink.deliver(notifications);
        return sink.notifications;
    }
}
