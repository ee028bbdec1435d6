package net.mucaffiliationnotify.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.openfire.interceptor.PacketRejectedException;
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

import net.mucaffiliationnotify.openfire.AffiliationChangeInterceptor;

/**
 * The interceptor's cost on the admin request path: the request entering (parse + capture), its result
 * passing (compare + compose one notification for a room of 10 occupants, non-anonymous), and the request
 * processed. The change alternates between member and none so that every request changes something.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AdminRequestBenchmark {
    /** Whether XEP-0463 versioning is wired in, as the plugin wires it by default. */
    @Param({"false", "true"})
    public boolean versioning;

    private AffiliationChangeInterceptor interceptor;
    private BenchRooms.CountingSink sink;
    private AlternatingGrant requests;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        final BenchRooms.Room room = new BenchRooms.Room("room@conference.example.org", 10, true);
        sink = new BenchRooms.CountingSink();
        interceptor = BenchRooms.interceptor(Map.of(room.jid(), room)::get, sink, versioning);
        requests = new AlternatingGrant(room);
    }

    @Benchmark
    public long requestReplyProcessed() throws PacketRejectedException {
        requests.run(interceptor);
        return sink.notifications;
    }
}
