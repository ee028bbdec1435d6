package net.mucaffiliationnotify.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.xmpp.packet.Message;

import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.versioning.AffiliationHistory;
import net.mucaffiliationnotify.versioning.Difference;
import net.mucaffiliationnotify.versioning.JoinResponses;
import net.mucaffiliationnotify.versioning.ListAccess;
import net.mucaffiliationnotify.versioning.VersionHasher;

/**
 * XEP-0463 on a room of {@code affiliations} entries (mostly members, some admins, owners and outcasts):
 * computing a version from scratch (a node that starts, V2), the sweep's check of an unchanged room and of a
 * room with one change (V7, V9), a diff over the last 100 steps and a full response split into messages
 * (V4), and the decode/encode round trip a clustered history costs per update.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VersioningBenchmark {
    private static final String ROOM = "room@conference.example.org";
    private static final int MAX_STEPS = 256;

    @Param({"100", "10000"})
    public int affiliations;

    private VersionHasher hasher;
    private Map<String, MucAffiliation> state;
    private Map<String, MucAffiliation> changed;
    private AffiliationHistory history;
    private AffiliationHistory steady;
    private String hundredStepsAgo;
    private String encoded;
    private JID room;
    private JID joiner;
    private boolean flip;

    @Setup(Level.Trial)
    public void setUp() {
        hasher = new VersionHasher("benchmark-secret".getBytes(StandardCharsets.UTF_8));
        state = new TreeMap<>();
        for (int i = 0; i < affiliations; i++) {
            final MucAffiliation affiliation = i % 100 == 0 ? MucAffiliation.owner
                : i % 50 == 0 ? MucAffiliation.admin : i % 25 == 0 ? MucAffiliation.outcast : MucAffiliation.member;
            state.put("user" + i + "@example.org", affiliation);
        }
        changed = new TreeMap<>(state);
        changed.put("newcomer@example.org", MucAffiliation.member);

        history = AffiliationHistory.start(ROOM, hasher, MAX_STEPS, state);
        steady = AffiliationHistory.start(ROOM, hasher, MAX_STEPS, state);
        // 200 changes, so that the history is full-sized and the diff goes back over 100 of them
        for (int i = 0; i < 200; i++) {
            if (i == 100) {
                hundredStepsAgo = history.version();
            }
            history.apply("user" + (i * 7 % affiliations) + "@example.org",
                i % 2 == 0 ? MucAffiliation.admin : MucAffiliation.member);
        }
        encoded = history.encode();
        room = new JID(ROOM);
        joiner = new JID("juliet@example.org/balcony");
    }

    /** A version computed from the whole state, as a node does when it first sees a room. */
    @Benchmark
    public String versionFromScratch() {
        return hasher.of(ROOM, state).toString();
    }

    /** The sweep's check of a room whose lists did not change (the common case). */
    @Benchmark
    public int sweepUnchangedRoom() {
        return steady.observe(state).size();
    }

    /** The sweep's check of a room with one change: a step and its new version (alternately added and removed). */
    @Benchmark
    public int sweepOneChange() {
        flip = !flip;
        return steady.observe(flip ? changed : state).size();
    }

    /** The differences since a version 100 steps back. */
    @Benchmark
    public List<Difference> diffOverHundredSteps() {
        return history.changesSince(hundredStepsAgo);
    }

    /** A join's diff answer, as messages. */
    @Benchmark
    public List<Message> diffResponse() {
        return JoinResponses.respond(room, joiner, hundredStepsAgo, history, hasher, 250, ListAccess.LIST);
    }

    /** A bootstrap join's full list, split into messages of 250 items. */
    @Benchmark
    public List<Message> fullResponse() {
        return JoinResponses.respond(room, joiner, null, history, hasher, 250, ListAccess.LIST);
    }

    /** What a clustered history costs per update: read from the cache's string, written back. */
    @Benchmark
    public String clusteredDecodeEncode() {
        return AffiliationHistory.decode(ROOM, hasher, MAX_STEPS, encoded).encode();
    }
}
