package net.mucaffiliationnotify.benchmarks;

import java.util.Set;
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
import org.openjdk.jmh.infra.Blackhole;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import net.mucaffiliationnotify.openfire.AffiliationChangeInterceptor;
import net.mucaffiliationnotify.openfire.MucServiceDomains;

/**
 * The interceptor's cost per unrelated stanza, against a no-op interceptor measured in the same run. Each
 * stanza kind is its own parameter value so that the fast path of each is visible; the invocation is the
 * pair Openfire makes for an incoming stanza (before and after processing) plus one outgoing call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InterceptorFastPathBenchmark {
    @Param({"groupchat", "chat", "presence", "muc-presence", "room-presence", "ping", "iq-result", "roster-push",
        "pubsub-iq", "muc-disco-get"})
    public String stanza;

    private Packet packet;
    private PacketInterceptor plugin;
    private PacketInterceptor noop;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        // Wired as the plugin wires it: XEP-0463 versioning on.
        plugin = BenchRooms.interceptor(jid -> null, new BenchRooms.CountingSink(), true);
        noop = (p, s, incoming, processed) -> { };
        packet = stanza(stanza);
        // Openfire has parsed the addresses while routing, before interceptors run.
        packet.getTo();
        packet.getFrom();
    }

    static Packet stanza(String kind) throws Exception {
        switch (kind) {
            case "groupchat":
                return new Message(DocumentHelper.parseText("<message type='groupchat' from='romeo@example.org/res' "
                    + "to='room@conference.example.org'><body>Hello</body></message>").getRootElement());
            case "chat":
                return new Message(DocumentHelper.parseText("<message type='chat' from='romeo@example.org/res' "
                    + "to='juliet@example.org'><body>Hi</body><active xmlns='http://jabber.org/protocol/chatstates'/></message>")
                    .getRootElement());
            case "presence":
                return new Presence(DocumentHelper.parseText("<presence from='romeo@example.org/res'><show>away</show></presence>")
                    .getRootElement());
            case "muc-presence":
                return new Presence(DocumentHelper.parseText("<presence from='romeo@example.org/res' "
                    + "to='room@conference.example.org/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>").getRootElement());
            case "room-presence":
                return new Presence(DocumentHelper.parseText("<presence from='room@conference.example.org/Juliet' "
                    + "to='romeo@example.org/res'><x xmlns='http://jabber.org/protocol/muc#user'>"
                    + "<item affiliation='member' role='participant'/></x></presence>").getRootElement());
            case "iq-result":
                return new IQ(DocumentHelper.parseText("<iq type='result' id='p1' from='example.org' "
                    + "to='romeo@example.org/res'/>").getRootElement());
            case "ping":
                return new IQ(DocumentHelper.parseText("<iq type='get' id='p1' from='romeo@example.org/res' to='example.org'>"
                    + "<ping xmlns='urn:xmpp:ping'/></iq>").getRootElement());
            case "roster-push":
                return new IQ(DocumentHelper.parseText("<iq type='set' id='r1' to='romeo@example.org/res'>"
                    + "<query xmlns='jabber:iq:roster'><item jid='juliet@example.org'/></query></iq>").getRootElement());
            case "pubsub-iq":
                return new IQ(DocumentHelper.parseText("<iq type='set' id='ps1' from='romeo@example.org/res' to='pubsub.example.org'>"
                    + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='n'/></pubsub></iq>").getRootElement());
            case "muc-disco-get":
                return new IQ(DocumentHelper.parseText("<iq type='get' id='d1' from='romeo@example.org/res' to='room@conference.example.org'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>").getRootElement());
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    @Benchmark
    public void noopInterceptor(Blackhole bh) throws PacketRejectedException {
        noop.interceptPacket(packet, null, true, false);
        noop.interceptPacket(packet, null, true, true);
        noop.interceptPacket(packet, null, false, false);
        bh.consume(packet);
    }

    @Benchmark
    public void pluginInterceptor(Blackhole bh) throws PacketRejectedException {
        plugin.interceptPacket(packet, null, true, false);
        plugin.interceptPacket(packet, null, true, true);
        plugin.interceptPacket(packet, null, false, false);
        bh.consume(packet);
    }
}
