package net.mucaffiliationnotify.benchmarks;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.dom4j.DocumentHelper;
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
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.openfire.AffiliationChangeInterceptor;
import net.mucaffiliationnotify.openfire.MucServiceDomains;
import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.tracking.AffiliationVersions;
import net.mucaffiliationnotify.tracking.ChangeTracker;
import net.mucaffiliationnotify.tracking.HistoryStore;
import net.mucaffiliationnotify.tracking.RoomSwitch;
import net.mucaffiliationnotify.tracking.TrackerLimits;
import net.mucaffiliationnotify.tracking.VersioningLimits;
import net.mucaffiliationnotify.versioning.VersionHasher;

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
    private BenchRooms.Room room;
    private BenchRooms.CountingSink sink;
    private IQ grant;
    private IQ revoke;
    private IQ grantResult;
    private IQ revokeResult;
    private boolean granted;
    private final JID target = new JID("juliet@example.org");

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        room = new BenchRooms.Room("room@conference.example.org", 10, true);
        sink = new BenchRooms.CountingSink();
        interceptor = BenchRooms.interceptor(Map.of(room.jid(), room)::get, sink, versioning);
        grant = request("grant", "member");
        revoke = request("revoke", "none");
        grantResult = IQ.createResultIQ(grant);
        revokeResult = IQ.createResultIQ(revoke);
    }

    private static IQ request(String id, String affiliation) throws Exception {
        final IQ iq = new IQ(DocumentHelper.parseText("<iq type='set' id='" + id + "' from='user0@example.org/res' "
            + "to='room@conference.example.org'><query xmlns='http://jabber.org/protocol/muc#admin'>"
            + "<item affiliation='" + affiliation + "' jid='juliet@example.org'/></query></iq>").getRootElement());
        iq.getTo();
        iq.getFrom();
        return iq;
    }

    @Benchmark
    public long requestReplyProcessed() throws PacketRejectedException {
        final IQ request = granted ? revoke : grant;
        final IQ result = granted ? revokeResult : grantResult;
        interceptor.interceptPacket(request, null, true, false);
        if (granted) {
            room.affiliations.remove(target);
        } else {
            room.affiliations.put(target, MucAffiliation.member);
        }
        granted = !granted;
        interceptor.interceptPacket(result, null, true, false);
        interceptor.interceptPacket(result, null, true, true);
        interceptor.interceptPacket(request, null, true, true);
        return sink.notifications;
    }
}
