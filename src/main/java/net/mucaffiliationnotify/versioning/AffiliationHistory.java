package net.mucaffiliationnotify.versioning;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * What the plugin last announced of one room's affiliations: that state, its version, and the most recent
 * steps that led to it (V2, V4, V9). The history is bounded: when it holds {@code maxSteps} steps the oldest
 * is dropped, and a client that asks since a version older than the oldest kept gets the full list.
 *
 * <p>The state is the room's lists as XEP-0045 queries return them (group JIDs expanded to their members),
 * keyed by bare JID; {@code none} is never stored. Not thread-safe: the store hands it to one caller at a
 * time.</p>
 *
 * <p>It also records who could read the lists while each version was current ({@link ListContext}, noted
 * at every observation and kept as long as the steps it covers), so that a client presenting an old
 * version is judged as the room was then, not as it is now (XEP-0463, Security Considerations).</p>
 *
 * <p>A history written before versions were HMACs ({@link VersionHasher}), or by a node keyed with another
 * secret, is carried over, not dropped: it
 * holds the state last announced, the baseline from which changes made meanwhile are announced. Its state,
 * steps and contexts are kept, its versions derived anew; a client holding one of its former versions gets
 * the full list once, as for any version the history does not know.</p>
 */
public final class AffiliationHistory {
    /** Histories written by 1.1.0: no contexts, no step count; versions of the former keyed SHA-256. */
    private static final String HEADER_V1 = "mav1";
    /** Histories written by 1.2.0: as now, with versions of the former keyed SHA-256. */
    private static final String HEADER_V2 = "mav2";
    /** Versions of HMAC-SHA256. */
    private static final String HEADER = "mav3";

    /** A context observed while the history stood at {@code position} (the number of steps applied). */
    private record ContextMark(long position, ListContext context) {
    }

    private final String room;
    private final VersionHasher hasher;
    private final int maxSteps;
    private final TreeMap<String, MucAffiliation> state;
    private final ArrayDeque<VersionStep> steps;
    private final ArrayDeque<ContextMark> contexts;
    private RoomVersion version;
    /** Steps applied since the history started; the last {@code steps.size()} of them are kept. */
    private long applied;

    private AffiliationHistory(String room, VersionHasher hasher, int maxSteps, TreeMap<String, MucAffiliation> state,
                               ArrayDeque<VersionStep> steps, RoomVersion version, long applied,
                               ArrayDeque<ContextMark> contexts) {
        if (maxSteps < 0) {
            throw new IllegalArgumentException("maxSteps must not be negative: " + maxSteps);
        }
        this.room = room;
        this.hasher = hasher;
        this.maxSteps = maxSteps;
        this.state = state;
        this.steps = steps;
        this.version = version;
        this.applied = applied;
        this.contexts = contexts;
    }

    /**
     * Starts a room's history from its current state, with no steps: nothing is announced for what happened
     * before the plugin saw the room.
     *
     * @param room the bare room JID
     * @param hasher derives versions
     * @param maxSteps how many steps to keep
     * @param current the room's state now
     * @return the history
     */
    public static AffiliationHistory start(String room, VersionHasher hasher, int maxSteps,
                                           Map<String, MucAffiliation> current) {
        final TreeMap<String, MucAffiliation> state = withoutNone(current);
        return new AffiliationHistory(room, hasher, maxSteps, state, new ArrayDeque<>(),
            hasher.of(room, state), 0, new ArrayDeque<>());
    }

    /**
     * As {@link #start(String, VersionHasher, int, Map)}, noting who can read the lists now.
     *
     * @param room the bare room JID
     * @param hasher derives versions
     * @param maxSteps how many steps to keep
     * @param current the room's state now
     * @param context who can read the lists now
     * @return the history
     */
    public static AffiliationHistory start(String room, VersionHasher hasher, int maxSteps,
                                           Map<String, MucAffiliation> current, ListContext context) {
        final AffiliationHistory history = start(room, hasher, maxSteps, current);
        history.noteContext(context);
        return history;
    }

    /**
     * Notes who can read the lists at this point of the history (kept only when it differs from the last).
     *
     * @param context the room's configuration and the service's sysadmins now
     */
    public void noteContext(ListContext context) {
        final ContextMark last = contexts.peekLast();
        if (last == null || !last.context().equals(context)) {
            contexts.addLast(new ContextMark(applied, context));
            pruneContexts();
        }
    }

    /**
     * Drops contexts no kept version needs: a kept version needs the contexts noted while it was current and
     * the last one noted before, so of those noted before the oldest kept version only the last stays.
     */
    private void pruneContexts() {
        final long oldest = applied - steps.size();
        while (contexts.size() > 1) {
            final Iterator<ContextMark> it = contexts.iterator();
            it.next();
            if (it.next().position() >= oldest) {
                return;
            }
            contexts.removeFirst();
        }
    }

    /**
     * What a viewer could receive while a version was current: the most any context noted during that time
     * allowed them (they could have read the lists then), judged with their affiliation at that version and
     * the sysadmins of that time.
     *
     * @param since a version a client holds
     * @param jid the viewer's bare JID
     * @return their access then, or {@code null} when the history does not reach back to that version or
     *     noted no context during it
     */
    public ListAccess accessAt(String since, String jid) {
        if (since == null) {
            return null;
        }
        long first = -1;
        long last = -1;
        long position = applied - steps.size();
        for (VersionStep step : steps) {
            if (step.since().equals(since)) {
                first = first < 0 ? position : first;
                last = position;
            }
            position++;
        }
        if (version.toString().equals(since)) {
            first = first < 0 ? applied : first;
            last = applied;
        }
        if (first < 0) {
            return null;
        }
        final MucAffiliation listed = affiliationAt(since, jid);
        ListAccess best = null;
        ContextMark inForce = null;
        for (ContextMark mark : contexts) {
            // The last context noted before the version became current was still in force then (a request
            // notes it in the same critical section as its step); those noted while it was current count too.
            if (mark.position() < first) {
                inForce = mark;
            } else if (mark.position() <= last) {
                best = ListAccess.most(best, mark.context().accessOf(jid, listed));
            }
        }
        return inForce == null ? best : ListAccess.most(best, inForce.context().accessOf(jid, listed));
    }

    /** @return the current version */
    public String version() {
        return version.toString();
    }

    /**
     * @return the number of steps applied since the history started (kept or not): its position, which grows
     *     by one per step, unlike its version, which comes back when the state does
     */
    public long position() {
        return applied;
    }

    /** @return the current state, sorted by bare JID, without {@code none} entries */
    public Map<String, MucAffiliation> state() {
        return Collections.unmodifiableMap(state);
    }

    /**
     * @param jid a bare JID
     * @return its affiliation in the current state
     */
    public MucAffiliation affiliationOf(String jid) {
        return state.getOrDefault(jid, MucAffiliation.none);
    }

    /** @return the steps kept, oldest first */
    public List<VersionStep> steps() {
        return List.copyOf(steps);
    }

    /**
     * Records one change.
     *
     * @param jid the bare JID
     * @param after its new affiliation
     * @return the step, or {@code null} when the state already gives the JID that affiliation
     */
    public VersionStep apply(String jid, MucAffiliation after) {
        final MucAffiliation before = affiliationOf(jid);
        if (before == after) {
            return null;
        }
        final RoomVersion next = hasher.step(room, version, jid, before, after);
        final VersionStep step = new VersionStep(version.toString(), next.toString(), jid, before, after);
        if (after == MucAffiliation.none) {
            state.remove(jid);
        } else {
            state.put(jid, after);
        }
        version = next;
        applied++;
        steps.addLast(step);
        while (steps.size() > maxSteps) {
            steps.removeFirst();
        }
        pruneContexts();
        return step;
    }

    /**
     * Brings the history up to the room's state, one step per JID whose affiliation differs, in JID order.
     *
     * @param current the room's state now
     * @return the steps, empty when nothing changed
     */
    public List<VersionStep> observe(Map<String, MucAffiliation> current) {
        return observe(current, List.of());
    }

    /**
     * Brings the history up to the room's state, one step per JID whose affiliation differs: first the JIDs
     * of {@code first} in their order (a request's items, so that its changes are announced in item order),
     * then the others in JID order.
     *
     * @param current the room's state now
     * @param first bare JIDs to step first
     * @return the steps, empty when nothing changed
     */
    public List<VersionStep> observe(Map<String, MucAffiliation> current, List<String> first) {
        return observe(current, first, Set.of());
    }

    /**
     * As {@link #observe(Map, List)}, leaving out the JIDs of {@code deferred}: their changes stay to be
     * recorded by a later call (a request in flight that will announce them).
     *
     * @param current the room's state now
     * @param first bare JIDs to step first
     * @param deferred bare JIDs not to step now
     * @return the steps, empty when nothing changed
     */
    public List<VersionStep> observe(Map<String, MucAffiliation> current, List<String> first, Set<String> deferred) {
        if (matches(current)) {
            return List.of(); // the common case (every sweep, every join): one hash lookup per entry, no sorting
        }
        final TreeSet<String> rest = new TreeSet<>(state.keySet());
        for (Map.Entry<String, MucAffiliation> entry : current.entrySet()) {
            if (entry.getValue() != MucAffiliation.none) {
                rest.add(entry.getKey());
            }
        }
        final List<VersionStep> result = new ArrayList<>();
        for (String jid : first) {
            if (!deferred.contains(jid)) {
                step(jid, current, result);
            }
        }
        for (String jid : rest) {
            if (!deferred.contains(jid)) {
                step(jid, current, result);
            }
        }
        return result;
    }

    /** @return whether the room's state is the one this history holds */
    private boolean matches(Map<String, MucAffiliation> current) {
        int affiliated = 0;
        for (MucAffiliation affiliation : current.values()) {
            if (affiliation != MucAffiliation.none) {
                affiliated++;
            }
        }
        if (affiliated != state.size()) {
            return false;
        }
        for (Map.Entry<String, MucAffiliation> entry : state.entrySet()) {
            if (current.get(entry.getKey()) != entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void step(String jid, Map<String, MucAffiliation> current, List<VersionStep> result) {
        final VersionStep step = apply(jid, current.getOrDefault(jid, MucAffiliation.none));
        if (step != null) {
            result.add(step);
        }
    }

    /**
     * @param since a version a client holds
     * @return what differs between that version and now, sorted by JID (empty when it is the current
     *     version), or {@code null} when the history does not reach back to it
     */
    public List<Difference> changesSince(String since) {
        if (since == null) {
            return null;
        }
        if (since.equals(version.toString())) {
            return List.of();
        }
        final Map<String, MucAffiliation> before = new LinkedHashMap<>();
        boolean found = false;
        for (VersionStep step : steps) {
            if (!found && step.since().equals(since)) {
                found = true;
            }
            if (found) {
                before.putIfAbsent(step.jid(), step.before());
            }
        }
        if (!found) {
            return null;
        }
        final List<Difference> result = new ArrayList<>();
        new TreeMap<>(before).forEach((jid, old) -> {
            final MucAffiliation now = affiliationOf(jid);
            if (now != old) {
                result.add(new Difference(jid, old, now));
            }
        });
        return result;
    }

    /**
     * @param since a version a client holds
     * @param jid a bare JID
     * @return the JID's affiliation at that version, or {@code null} when the history does not reach back to it
     */
    public MucAffiliation affiliationAt(String since, String jid) {
        if (since == null) {
            return null;
        }
        if (since.equals(version.toString())) {
            return affiliationOf(jid);
        }
        boolean found = false;
        for (VersionStep step : steps) {
            if (!found && step.since().equals(since)) {
                found = true;
            }
            if (found && step.jid().equals(jid)) {
                return step.before();
            }
        }
        return found ? affiliationOf(jid) : null;
    }

    /**
     * @return the history as one string, for a clustered cache (JDK types only): a header line
     *     {@code mav3 version applied}, then {@code S jid affiliation} per entry, {@code H since until jid before
     *     after} per step and {@code C position membersOnly nonAnonymous sysadmin…} per context, tab-separated
     *     (a normalised JID holds neither tabs nor line breaks)
     */
    public String encode() {
        final StringBuilder text = new StringBuilder(64 + 48 * state.size() + 96 * steps.size());
        text.append(HEADER).append('\t').append(version).append('\t').append(applied).append('\n');
        state.forEach((jid, affiliation) -> text.append("S\t").append(jid).append('\t').append(affiliation.name())
            .append('\n'));
        for (VersionStep step : steps) {
            text.append("H\t").append(step.since()).append('\t').append(step.until()).append('\t').append(step.jid())
                .append('\t').append(step.before().name()).append('\t').append(step.after().name()).append('\n');
        }
        for (ContextMark mark : contexts) {
            final ListContext context = mark.context();
            text.append("C\t").append(mark.position()).append('\t').append(context.membersOnly() ? '1' : '0')
                .append('\t').append(context.nonAnonymous() ? '1' : '0');
            new TreeSet<>(context.sysadmins()).forEach(jid -> text.append('\t').append(jid));
            text.append('\n');
        }
        return text.toString();
    }

    /**
     * @param text a history as {@link #encode()} wrote it
     * @return its version, read from the header line alone, or {@code null} when there is none or the text
     *     is of a former format (its version is no longer one; {@link #decode} derives the current one)
     */
    public static String versionOf(String text) {
        if (!text.startsWith(HEADER + '\t')) {
            return null;
        }
        final int tab = text.indexOf('\t');
        final int end = text.indexOf('\n');
        if (tab < 0 || end < tab) {
            return null;
        }
        final int next = text.indexOf('\t', tab + 1);
        return text.substring(tab + 1, next < 0 || next > end ? end : next);
    }

    /**
     * @param room the bare room JID
     * @param hasher derives versions
     * @param maxSteps how many steps to keep
     * @param text a history as {@link #encode()} wrote it, or as 1.1.0 or 1.2.0 did, or with another secret
     *     (their versions are derived anew)
     * @return the history, or {@code null} when the text is not one (then the caller starts afresh)
     */
    public static AffiliationHistory decode(String room, VersionHasher hasher, int maxSteps, String text) {
        try {
            final Iterator<String> lines = text.lines().iterator();
            final String[] header = lines.next().split("\t", -1);
            final boolean v1 = header.length == 2 && HEADER_V1.equals(header[0]);
            final boolean current = header.length == 3 && HEADER.equals(header[0]);
            if (!v1 && !current && (header.length != 3 || !HEADER_V2.equals(header[0]))) {
                return null;
            }
            RoomVersion version = RoomVersion.parse(header[1]);
            final TreeMap<String, MucAffiliation> state = new TreeMap<>();
            final ArrayDeque<VersionStep> steps = new ArrayDeque<>();
            final ArrayDeque<ContextMark> contexts = new ArrayDeque<>();
            while (lines.hasNext()) {
                final String[] f = lines.next().split("\t", -1);
                if (f[0].equals("S") && f.length == 3) {
                    final MucAffiliation affiliation = MucAffiliation.valueOf(f[2]);
                    if (affiliation == MucAffiliation.none || state.put(f[1], affiliation) != null) {
                        return null;
                    }
                } else if (f[0].equals("H") && f.length == 6) {
                    steps.addLast(new VersionStep(f[1], f[2], f[3], MucAffiliation.valueOf(f[4]),
                        MucAffiliation.valueOf(f[5])));
                } else if (f[0].equals("C") && f.length >= 4 && !v1) {
                    final long position = Long.parseLong(f[1]);
                    if (!contexts.isEmpty() && contexts.peekLast().position() > position) {
                        return null;
                    }
                    contexts.addLast(new ContextMark(position, new ListContext(flag(f[2]), flag(f[3]),
                        Set.of(Arrays.copyOfRange(f, 4, f.length)))));
                } else {
                    return null;
                }
            }
            final long applied = v1 ? steps.size() : Long.parseLong(header[2]);
            if (version == null || applied < steps.size()
                || (!contexts.isEmpty() && contexts.peekLast().position() > applied)) {
                return null;
            }
            if (!current || !chains(room, hasher, steps, version)) {
                // Versions of the former hash, or of another secret (a node that disagrees, e.g. during a rolling
                // restart after the secret changed): the state and steps are still what was announced, so they
                // are kept and their versions derived anew, and nothing announced since is announced again.
                version = rederive(room, hasher, state, steps, version);
            }
            if (version == null) {
                return null;
            }
            final AffiliationHistory history = new AffiliationHistory(room, hasher, maxSteps, state, steps, version,
                applied, contexts);
            while (steps.size() > maxSteps) {
                steps.removeFirst();
            }
            history.pruneContexts();
            return history;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether the steps lead, one after the other, to the version: each step's until is its since moved by
     * its change, and the next step starts there. Two hashes per step; the state lines are not re-hashed (the
     * text is only ever written by {@link #encode()} under the cache's lock, and a full re-hash would cost one
     * hash per affiliation on every clustered update).
     */
    private static boolean chains(String room, VersionHasher hasher, ArrayDeque<VersionStep> steps,
                                  RoomVersion version) {
        RoomVersion at = null;
        for (VersionStep step : steps) {
            final RoomVersion since = RoomVersion.parse(step.since());
            final RoomVersion until = RoomVersion.parse(step.until());
            if (since == null || until == null || step.before() == step.after() || (at != null && !at.equals(since))
                || !hasher.step(room, since, step.jid(), step.before(), step.after()).equals(until)) {
                return false;
            }
            at = until;
        }
        return at == null || at.equals(version);
    }

    /**
     * The versions of a history of a former format, derived anew from its state: the current one is the
     * state's, and walking back from the last step each step's since is its until with the step undone.
     * Its own versions, of the former hash, are dropped; the steps are still checked in their own terms:
     * each leads to the next (its until is the next one's since, the last's the header's version) and,
     * undone from the last, they agree with the state (each step's after is what the JID has there).
     *
     * @param steps the steps read, replaced by the same steps with the new versions
     * @param stored the version the text's header holds
     * @return the current version, or {@code null} when the steps do not hold together
     */
    private static RoomVersion rederive(String room, VersionHasher hasher, Map<String, MucAffiliation> state,
                                        ArrayDeque<VersionStep> steps, RoomVersion stored) {
        final Map<String, MucAffiliation> at = new HashMap<>(state);
        final ArrayDeque<VersionStep> derived = new ArrayDeque<>(steps.size());
        final RoomVersion current = hasher.of(room, state);
        RoomVersion until = current;
        String storedUntil = stored.toString();
        for (Iterator<VersionStep> it = steps.descendingIterator(); it.hasNext(); ) {
            final VersionStep step = it.next();
            if (!step.until().equals(storedUntil) || RoomVersion.parse(step.since()) == null
                || step.before() == step.after()
                || at.getOrDefault(step.jid(), MucAffiliation.none) != step.after()) {
                return null;
            }
            at.put(step.jid(), step.before());
            final RoomVersion since = hasher.step(room, until, step.jid(), step.after(), step.before());
            derived.addFirst(new VersionStep(since.toString(), until.toString(), step.jid(), step.before(),
                step.after()));
            until = since;
            storedUntil = step.since();
        }
        steps.clear();
        steps.addAll(derived);
        return current;
    }

    private static boolean flag(String value) {
        if (!value.equals("0") && !value.equals("1")) {
            throw new IllegalArgumentException("not a flag: " + value);
        }
        return value.equals("1");
    }

    private static TreeMap<String, MucAffiliation> withoutNone(Map<String, MucAffiliation> current) {
        final TreeMap<String, MucAffiliation> result = new TreeMap<>();
        current.forEach((jid, affiliation) -> {
            if (affiliation != MucAffiliation.none) {
                result.put(jid, affiliation);
            }
        });
        return result;
    }
}
