package net.mucaffiliationnotify.live;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.dom4j.Element;

import net.mucaffiliationnotify.live.xmpp.XmppClient;

/**
 * Concurrency probe against a live server, run by the live suite ({@link LiveSuite}) or alone (main):
 * two owners, Romeo and Juliet, fire random multi-item affiliation requests for the same six JIDs at the
 * same time, pipelined without waiting for answers. Romeo and an observer (Rosaline) are in the room and
 * collect the notifications. Then:
 * <ul>
 * <li>Romeo and the observer saw the same notifications in the same order;</li>
 * <li>no notification repeats the state the JID already had (each change announced once, no no-ops);</li>
 * <li>the last state announced for each JID is the one in the room's affiliation lists.</li>
 * </ul>
 * Users user, user2, user3 (password "password") must exist; the room {@code afn-stress} is temporary.
 */
public final class StressCheck {

    private static final String MUC = "http://jabber.org/protocol/muc";
    private static final String MUC_USER = "http://jabber.org/protocol/muc#user";
    private static final String MUC_ADMIN = "http://jabber.org/protocol/muc#admin";
    private static final String MUC_OWNER = "http://jabber.org/protocol/muc#owner";
    private static final List<String> AFFILIATIONS = List.of("member", "none", "outcast", "admin", "owner");
    private static final List<String> LISTED = List.of("owner", "admin", "member", "outcast");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /**
     * What the check found.
     *
     * @param passed                 all three checks held
     * @param firstProblem           the first check that failed, in words; null when passed
     * @param requestsSent           requests of both owners together
     * @param romeoResults           IQ answers Romeo received (of his half of the requests)
     * @param romeoErrors            of which errors
     * @param romeoNotifications     notifications (jid, affiliation) Romeo received, in order
     * @param observerNotifications  the same for the observer
     * @param repeated               notifications that announced the state the JID already had
     * @param finalStateMismatches   "jid: announced X, room has Y" per JID that differs
     */
    public record Result(boolean passed, String firstProblem, int requestsSent, int romeoResults, int romeoErrors,
                         List<String> romeoNotifications, List<String> observerNotifications, int repeated,
                         List<String> finalStateMismatches) {
        @Override
        public String toString() {
            return (passed ? "PASS" : "FAIL: " + firstProblem) + System.lineSeparator()
                    + "  requests sent " + requestsSent + ", Romeo's results " + romeoResults + " of "
                    + requestsSent / 2 + " (errors " + romeoErrors + ")" + System.lineSeparator()
                    + "  notifications: Romeo " + romeoNotifications.size() + ", observer "
                    + observerNotifications.size() + ", same sequence: "
                    + romeoNotifications.equals(observerNotifications) + System.lineSeparator()
                    + "  repeated (no-op) announcements: " + repeated + System.lineSeparator()
                    + "  final-state mismatches: " + finalStateMismatches;
        }
    }

    private StressCheck() {
    }

    /**
     * Runs the probe.
     *
     * @param rounds requests per owner (the Python default is 60)
     * @param seed   for the random requests, so a failing run can be repeated
     */
    public static Result run(String host, int port, String domain, int rounds, long seed)
            throws IOException, InterruptedException {
        return run(host, port, domain, rounds, seed, true);
    }

    /**
     * Runs the probe.
     *
     * @param rounds requests per owner (the Python default is 60)
     * @param seed   for the random requests, so a failing run can be repeated
     * @param requesterOrder whether Romeo, who sends requests himself, must see the notifications in the
     *     observer's order; Openfire 5.0 delivers stanzas routed to a client from other threads only after
     *     that client's read batch (README, Compatibility), so there only the same notifications are required
     */
    public static Result run(String host, int port, String domain, int rounds, long seed, boolean requesterOrder)
            throws IOException, InterruptedException {
        Random random = new Random(seed);
        String room = "afn-stress@conference." + domain;
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            targets.add("t" + i + "@" + domain);
        }
        try (XmppClient romeo = XmppClient.connect(host, port, domain, "user", "password", "stress-r", TIMEOUT);
             XmppClient juliet = XmppClient.connect(host, port, domain, "user2", "password", "stress-j", TIMEOUT);
             XmppClient observer = XmppClient.connect(host, port, domain, "user3", "password", "stress-o", TIMEOUT)) {
            // Set up: Romeo creates the room, Juliet becomes a second owner from outside, the observer joins.
            romeo.send("<presence to='" + room + "/Romeo'><x xmlns='" + MUC + "'/></presence>");
            Thread.sleep(300);
            romeo.send("<iq id='cfg' type='set' to='" + room + "'><query xmlns='" + MUC_OWNER + "'>"
                    + "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'>"
                    + "<value>http://jabber.org/protocol/muc#roomconfig</value></field></x></query></iq>");
            Thread.sleep(300);
            romeo.send("<iq id='own' type='set' to='" + room + "'><query xmlns='" + MUC_ADMIN + "'>"
                    + "<item affiliation='owner' jid='user2@" + domain + "'/></query></iq>");
            Thread.sleep(300);
            observer.send("<presence to='" + room + "/Obs'><x xmlns='" + MUC + "'/></presence>");
            Thread.sleep(500);
            drain(romeo, Duration.ofMillis(200));
            drain(observer, Duration.ofMillis(200));
            drain(juliet, Duration.ofMillis(100));

            // Fire: both owners, interleaved, no waiting.
            int sent = 0;
            for (int i = 0; i < rounds; i++) {
                for (XmppClient owner : List.of(romeo, juliet)) {
                    StringBuilder items = new StringBuilder();
                    int count = 1 + random.nextInt(3);
                    for (int k = 0; k < count; k++) {
                        items.append("<item affiliation='").append(AFFILIATIONS.get(random.nextInt(AFFILIATIONS.size())))
                                .append("' jid='").append(targets.get(random.nextInt(targets.size()))).append("'/>");
                    }
                    String id = (owner == romeo ? "r" : "j") + i;
                    owner.send("<iq id='" + id + "' type='set' to='" + room + "'><query xmlns='" + MUC_ADMIN + "'>"
                            + items + "</query></iq>");
                    sent++;
                }
            }
            // Until nothing more comes for a while: on a loaded machine 120 requests may take longer than a fixed
            // window (the live suite once cut Romeo's stream at 109 of 147 notifications that way).
            List<Element> romeoGot = drainUntilQuiet(romeo, Duration.ofMillis(1500), Duration.ofSeconds(60));
            List<Element> observerGot = drainUntilQuiet(observer, Duration.ofMillis(500), Duration.ofSeconds(30));
            drain(juliet, Duration.ofMillis(100));

            int results = 0;
            int errors = 0;
            for (Element element : romeoGot) {
                if (element.getName().equals("iq")) {
                    results++;
                    if ("error".equals(element.attributeValue("type"))) {
                        errors++;
                    }
                }
            }
            List<String[]> romeoNotes = notifications(romeoGot);
            List<String[]> observerNotes = notifications(observerGot);

            // Each announcement must change the JID's state (everyone starts as none).
            Map<String, String> announced = new HashMap<>();
            int repeated = 0;
            String firstRepeat = null;
            for (int i = 0; i < observerNotes.size(); i++) {
                String[] note = observerNotes.get(i);
                if (announced.getOrDefault(note[0], "none").equals(note[1])) {
                    repeated++;
                    if (firstRepeat == null) {
                        firstRepeat = "notification " + (i + 1) + " announced " + note[0] + " as " + note[1]
                                + ", which it already was";
                    }
                }
                announced.put(note[0], note[1]);
            }

            // The room's lists now.
            for (String affiliation : LISTED) {
                romeo.send("<iq id='q" + affiliation + "' type='get' to='" + room + "'><query xmlns='" + MUC_ADMIN
                        + "'><item affiliation='" + affiliation + "'/></query></iq>");
            }
            Map<String, String> lists = new HashMap<>();
            for (Element element : drain(romeo, Duration.ofMillis(1500))) {
                if (element.getName().equals("iq") && element.attributeValue("id", "").startsWith("q")) {
                    Element query = element.element(org.dom4j.QName.get("query", MUC_ADMIN));
                    if (query != null) {
                        for (Element item : query.elements("item")) {
                            lists.put(item.attributeValue("jid"), item.attributeValue("affiliation"));
                        }
                    }
                }
            }
            List<String> mismatches = new ArrayList<>();
            for (String target : targets) {
                String last = announced.getOrDefault(target, "none");
                String actual = lists.getOrDefault(target, "none");
                if (!last.equals(actual)) {
                    mismatches.add(target + ": announced " + last + ", room has " + actual);
                }
            }

            List<String> romeoSeen = describe(romeoNotes);
            List<String> observerSeen = describe(observerNotes);
            String problem = null;
            if (requesterOrder ? !romeoSeen.equals(observerSeen) : !sorted(romeoSeen).equals(sorted(observerSeen))) {
                problem = "Romeo and the observer saw different notifications: " + firstDifference(romeoSeen, observerSeen);
            } else if (repeated > 0) {
                problem = repeated + " repeated announcement(s), first: " + firstRepeat;
            } else if (!mismatches.isEmpty()) {
                problem = "last announced state differs from the room's lists: " + mismatches.get(0);
            }
            return new Result(problem == null, problem, sent, results, errors, romeoSeen, observerSeen, repeated,
                    mismatches);
        }
    }

    /** (jid, affiliation) of every item of every notification (a message without a type) in order. */
    private static List<String[]> notifications(List<Element> received) {
        List<String[]> notes = new ArrayList<>();
        for (Element element : received) {
            if (!element.getName().equals("message") || element.attributeValue("type") != null) {
                continue;
            }
            Element x = element.element(org.dom4j.QName.get("x", MUC_USER));
            if (x == null) {
                continue;
            }
            for (Element item : x.elements(org.dom4j.QName.get("item", MUC_USER))) {
                notes.add(new String[] {item.attributeValue("jid"), item.attributeValue("affiliation")});
            }
        }
        return notes;
    }

    private static List<String> sorted(List<String> notes) {
        final List<String> copy = new ArrayList<>(notes);
        Collections.sort(copy);
        return copy;
    }

        private static List<String> describe(List<String[]> notes) {
        List<String> out = new ArrayList<>();
        for (String[] note : notes) {
            out.add(note[0] + "=" + note[1]);
        }
        return out;
    }

    private static String firstDifference(List<String> a, List<String> b) {
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
            i++;
        }
        return "at notification " + (i + 1) + ": Romeo " + (i < a.size() ? a.get(i) : "(none)") + ", observer "
                + (i < b.size() ? b.get(i) : "(none)") + " (" + a.size() + " and " + b.size() + " in all)";
    }

    /** Everything that arrives until nothing has for {@code quiet}, or {@code max} has passed. */
    private static List<Element> drainUntilQuiet(XmppClient client, Duration quiet, Duration max) {
        List<Element> out = new ArrayList<>();
        long end = System.nanoTime() + max.toNanos();
        try {
            while (System.nanoTime() < end) {
                Element element = client.receive(quiet);
                if (element == null) {
                    return out;
                }
                out.add(element);
            }
            return out;
        } catch (IOException e) {
            return out; // the stream ended: what came before counts
        }
    }

    /** Everything that arrives within {@code duration} (not a quiet gap: the whole time). */
    private static List<Element> drain(XmppClient client, Duration duration) {
        List<Element> out = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        try {
            while (true) {
                Element element = client.receive(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
                if (element == null) {
                    return out;
                }
                out.add(element);
            }
        } catch (IOException e) {
            return out; // the stream ended: what came before counts
        }
    }

    /** {@code StressCheck [--host H] [--port P] [--domain D] [ROUNDS [SEED]]}; exit 1 when a check fails. */
    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 5222;
        String domain = "localhost";
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--domain" -> domain = args[++i];
                default -> rest.add(args[i]);
            }
        }
        int rounds = rest.size() > 0 ? Integer.parseInt(rest.get(0)) : 60;
        long seed = rest.size() > 1 ? Long.parseLong(rest.get(1)) : 1;
        Result result = run(host, port, domain, rounds, seed);
        System.out.println(result);
        System.exit(result.passed() ? 0 : 1);
    }
}
