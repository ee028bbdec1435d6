package net.mucaffiliationnotify.versioning;

import static net.mucaffiliationnotify.rules.MucAffiliation.admin;
import static net.mucaffiliationnotify.rules.MucAffiliation.member;
import static net.mucaffiliationnotify.rules.MucAffiliation.none;
import static net.mucaffiliationnotify.rules.MucAffiliation.outcast;
import static net.mucaffiliationnotify.rules.MucAffiliation.owner;
import static net.mucaffiliationnotify.versioning.Fixtures.JOINER;
import static net.mucaffiliationnotify.versioning.Fixtures.ROOM;
import static net.mucaffiliationnotify.versioning.Fixtures.ROOM_JID;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.Test;
import org.xmpp.packet.Message;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * XEP-0463's Security Considerations over time: "If an observer requests a version of which they weren't a
 * part of, a server MUST return an error." A joiner presenting a version is answered with a diff only when
 * they could read the lists both while that version was current and now, judged with the room and the
 * joiner as they were then: anonymity then × now, members-only then × now, and the joiner's standing then ×
 * now (owner, admin, member, none, outcast, or a service sysadmin, whom Openfire treats as an owner). Roles
 * are not a dimension: Openfire's affiliation-list queries do not look at them.
 *
 * <p>The expected answer is derived from Openfire's muc#admin query rules list by list
 * (IQAdminHandler.handleItemsElement), written here independently of {@link ListAccess}.</p>
 */
public class JoinAnswerPrivacyOverTimeTest {
    private static final String J = JOINER.toBareJID();
    private static final VersionHasher HASHER = Fixtures.hasher();

    /** The joiner's standing: an affiliation in the lists, or a sysadmin (listed as none). */
    private enum Standing {
        OWNER(owner), ADMIN(admin), MEMBER(member), NONE(none), OUTCAST(outcast), SYSADMIN(none);

        final MucAffiliation listed;

        Standing(MucAffiliation listed) {
            this.listed = listed;
        }

        MucAffiliation openfire() {
            return this == SYSADMIN ? owner : listed;
        }
    }

    /** Openfire: may a user of this standing query this list? */
    private static boolean mayQuery(MucAffiliation list, Standing who, boolean membersOnly, boolean nonAnonymous) {
        final MucAffiliation a = who.openfire();
        return switch (list) {
            case owner, admin -> nonAnonymous || a == owner;
            case member -> !membersOnly || a == member || a == admin || a == owner;
            case outcast -> a == admin || a == owner;
            case none -> true;
        };
    }

    /** Openfire: does the room admit this joiner at all? */
    private static boolean admitted(Standing who, boolean membersOnly) {
        final MucAffiliation a = who.openfire();
        return a != outcast && !(membersOnly && a == none);
    }

    private static boolean readsMembership(Standing who, boolean membersOnly, boolean nonAnonymous) {
        return admitted(who, membersOnly) && mayQuery(owner, who, membersOnly, nonAnonymous)
            && mayQuery(admin, who, membersOnly, nonAnonymous) && mayQuery(member, who, membersOnly, nonAnonymous);
    }

    private static ListContext context(boolean membersOnly, boolean nonAnonymous, Standing who) {
        return new ListContext(membersOnly, nonAnonymous, who == Standing.SYSADMIN ? Set.of(J) : Set.of());
    }

    private static Map<String, MucAffiliation> viewed(Map<String, MucAffiliation> state, boolean outcasts) {
        final TreeMap<String, MucAffiliation> result = new TreeMap<>();
        state.forEach((jid, affiliation) -> {
            if (affiliation != none && (outcasts || affiliation != outcast)) {
                result.put(jid, affiliation);
            }
        });
        return result;
    }

    @Test
    public void aDiffTellsOnlyWhatTheJoinerCouldReadThenAndNow() {
        int cases = 0;
        final int[] answers = new int[4];
        for (boolean membersOnlyThen : new boolean[] {false, true}) {
            for (boolean membersOnlyNow : new boolean[] {false, true}) {
                for (boolean nonAnonymousThen : new boolean[] {false, true}) {
                    for (boolean nonAnonymousNow : new boolean[] {false, true}) {
                        for (Standing then : Standing.values()) {
                            for (Standing now : Standing.values()) {
                                check(membersOnlyThen, nonAnonymousThen, then, membersOnlyNow, nonAnonymousNow, now,
                                    answers);
                                cases++;
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("XEP-0463 privacy over time: %d cases (anonymity, members-only and the joiner's standing,"
            + " each then x now): %d nothing, %d forbidden, %d full lists, %d diffs%n", cases, answers[0], answers[1],
            answers[2], answers[3]);
        assertEquals(2 * 2 * 2 * 2 * 6 * 6, cases);
        for (int count : answers) {
            assertTrue("every kind of answer occurs", count > 0);
        }
    }

    private static void check(boolean membersOnlyThen, boolean nonAnonymousThen, Standing then,
                              boolean membersOnlyNow, boolean nonAnonymousNow, Standing now, int[] answers) {
        final String name = String.format("then %s%s %s, now %s%s %s", membersOnlyThen ? "members-only " : "",
            nonAnonymousThen ? "non-anonymous" : "semi-anonymous", then, membersOnlyNow ? "members-only " : "",
            nonAnonymousNow ? "non-anonymous" : "semi-anonymous", now);

        final Map<String, MucAffiliation> before = new TreeMap<>(Map.of("romeo@x.org", owner,
            "mercutio@x.org", member, "tybalt@x.org", outcast));
        if (then.listed != none) {
            before.put(J, then.listed);
        }
        final AffiliationHistory history = AffiliationHistory.start(ROOM, HASHER, 64, before,
            context(membersOnlyThen, nonAnonymousThen, then));
        final String v1 = history.version();
        history.apply("mercutio@x.org", none);
        history.apply("tybalt@x.org", none);
        history.apply("benvolio@x.org", admin);
        history.apply("paris@x.org", outcast);
        history.apply(J, now.listed);
        history.noteContext(context(membersOnlyNow, nonAnonymousNow, now));

        final ListAccess access = context(membersOnlyNow, nonAnonymousNow, now).accessOf(J, now.listed);
        final List<Message> answer = JoinResponses.answer(ROOM_JID, JOINER, "j1", v1, history, access, HASHER, 250);

        final boolean outcastsNow = mayQuery(outcast, now, membersOnlyNow, nonAnonymousNow);
        final boolean outcastsThen = mayQuery(outcast, then, membersOnlyThen, nonAnonymousThen);
        if (!admitted(now, membersOnlyNow)) {
            assertEquals(name + ": a refused joiner is told nothing", List.of(), answer);
            answers[0]++;
            return;
        }
        assertEquals(name, 1, answer.size());
        final Message message = answer.get(0);
        if (!readsMembership(now, membersOnlyNow, nonAnonymousNow)
            || !readsMembership(then, membersOnlyThen, nonAnonymousThen)) {
            assertEquals(name + ": " + message.toXML(), Message.Type.error, message.getType());
            assertEquals(name, "forbidden", message.getError().getCondition().toXMPP());
            assertTrue(name, !message.toXML().contains("@x.org"));
            answers[1]++;
            return;
        }
        final Map<String, MucAffiliation> current = viewed(history.state(), outcastsNow);
        if (outcastsNow && !outcastsThen) {
            assertEquals(name + ": sees the outcasts only now, so gets the present only", null, Fixtures.since(message));
            assertEquals(name, current, Fixtures.items(message));
            answers[2]++;
            return;
        }
        assertEquals(name + ": a diff", v1, Fixtures.since(message));
        // What the client held at v1 (as it could read it then), amended by the diff, is the list as it may
        // read it now; and no item tells of a list the joiner could not read then or now.
        final Map<String, MucAffiliation> held = viewed(before, outcastsThen && outcastsNow);
        assertEquals(name, current, Fixtures.clientApplies(held, answer));
        for (Map.Entry<String, MucAffiliation> item : Fixtures.items(message).entrySet()) {
            final MucAffiliation was = before.getOrDefault(item.getKey(), none);
            for (MucAffiliation list : EnumSet.of(was, item.getValue())) {
                assertTrue(name + ": " + item, mayQuery(list, then, membersOnlyThen, nonAnonymousThen)
                    && mayQuery(list, now, membersOnlyNow, nonAnonymousNow));
            }
        }
        answers[3]++;
    }

    /** The 1.1.0 leak as the issue reported it, step by step, in the pure module. */
    @Test
    public void aVersionFromASemiAnonymousPastIsRefusedInTheNonAnonymousPresent() {
        final AffiliationHistory history = AffiliationHistory.start(ROOM, HASHER, 64,
            Map.of("romeo@x.org", owner), new ListContext(false, false, Set.of()));
        history.apply("mercutio@x.org", member);
        final String v1 = history.version();
        history.noteContext(new ListContext(false, false, Set.of())); // Juliet joins: forbidden, until=v1
        history.apply("mercutio@x.org", none);
        history.noteContext(new ListContext(false, true, Set.of())); // the room becomes non-anonymous

        final List<Message> answer = JoinResponses.answer(ROOM_JID, JOINER, "j2", v1, history,
            ListAccess.LIST_WITHOUT_OUTCASTS, HASHER, 250);
        assertEquals(1, answer.size());
        assertEquals(Message.Type.error, answer.get(0).getType());
        assertTrue(answer.get(0).toXML(), !answer.get(0).toXML().contains("mercutio"));
    }

    /**
     * While one version was current the room changed its configuration: the joiner could read the lists
     * during part of that time, so the diff is theirs (they could have queried exactly that state).
     */
    @Test
    public void aVersionReadableDuringPartOfItsTimeIsAnsweredWithTheDiff() {
        final AffiliationHistory history = AffiliationHistory.start(ROOM, HASHER, 64,
            Map.of("romeo@x.org", owner), new ListContext(false, true, Set.of()));
        final String v0 = history.version();
        history.noteContext(new ListContext(false, false, Set.of()));
        history.apply("mercutio@x.org", member);
        history.noteContext(new ListContext(false, true, Set.of()));
        final List<Message> answer = JoinResponses.answer(ROOM_JID, JOINER, "j3", v0, history,
            ListAccess.LIST_WITHOUT_OUTCASTS, HASHER, 250);
        assertEquals(v0, Fixtures.since(answer.get(0)));
        assertEquals(Map.of("mercutio@x.org", member), Fixtures.items(answer.get(0)));
    }
}
