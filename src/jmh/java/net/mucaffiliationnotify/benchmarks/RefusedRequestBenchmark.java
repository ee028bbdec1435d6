package net.mucaffiliationnotify.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.dom4j.DocumentHelper;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
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
import org.xmpp.packet.PacketError;

import net.mucaffiliationnotify.openfire.AffiliationChangeInterceptor;
import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * Issue 11: what a muc#admin set of 20,000 items to a room of 500 occupants costs the plugin when Openfire
 * refuses it (sent by an outsider, a participant or a member), beside the no-op interceptor and a request
 * the plugin follows (the owner's, one item), in one run. Each operation is what Openfire's routing does:
 * the request in, its reply (an error, or the result) routed and processed, the request processed. Wired
 * as the plugin wires it by default, with XEP-0463 versioning.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RefusedRequestBenchmark {
    private static final String ROOM = "room@conference.example.org";

    /** Who sends the 20,000 items. */
    @Param({"outsider", "participant", "member"})
    public String sender;

    private PacketInterceptor noop;
    private AffiliationChangeInterceptor plugin;
    private IQ flood;
    private IQ refusal;
    private AlternatingGrant followed;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        final BenchRooms.Room room = new BenchRooms.Room(ROOM, 500, true);
        room.affiliations.put(new JID("user2@example.org"), MucAffiliation.member);
        final BenchRooms.CountingSink sink = new BenchRooms.CountingSink();
        plugin = BenchRooms.interceptor(Map.of(room.jid(), room)::get, sink, true);
        noop = (packet, session, incoming, processed) -> { };

        final String from = switch (sender) {
            case "outsider" -> "mallory@elsewhere.example/x";
            case "participant" -> "user1@example.org/res";
            default -> "user2@example.org/res";
        };
        final StringBuilder items = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            items.append("<item affiliation='member' jid='flood").append(i).append("@example.org'/>");
        }
        flood = iq("flood", from, items.toString());
        refusal = IQ.createResultIQ(flood);
        refusal.setType(IQ.Type.error);
        refusal.setError(PacketError.Condition.forbidden);
        followed = new AlternatingGrant(room);
    }

    private static IQ iq(String id, String from, String items) throws Exception {
        final IQ iq = new IQ(DocumentHelper.parseText("<iq type='set' id='" + id + "' from='" + from + "' to='" + ROOM
            + "'><query xmlns='http://jabber.org/protocol/muc#admin'>" + items + "</query></iq>").getRootElement());
        iq.getTo();
        iq.getFrom();
        return iq;
    }

    private static void route(PacketInterceptor interceptor, IQ request, IQ reply) throws PacketRejectedException {
        interceptor.interceptPacket(request, null, true, false);
        interceptor.interceptPacket(reply, null, true, false);
        interceptor.interceptPacket(reply, null, true, true);
        interceptor.interceptPacket(request, null, true, true);
    }

    @Benchmark
    public IQ noopInterceptor() throws PacketRejectedException {
        route(noop, flood, refusal);
        return flood;
    }

    @Benchmark
    public IQ refusedRequest() throws PacketRejectedException {
        route(plugin, flood, refusal);
        return flood;
    }

    /** The owner's one-item request, followed and announced to 500 occupants (for scale). */
    @Benchmark
    public IQ followedRequest() throws PacketRejectedException {
        return followed.run(plugin);
    }
}
