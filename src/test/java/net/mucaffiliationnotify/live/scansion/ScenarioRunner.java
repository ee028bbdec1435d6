package net.mucaffiliationnotify.live.scansion;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.dom4j.Element;

import net.mucaffiliationnotify.live.xmpp.XmppClient;

/**
 * Plays a {@link Scenario} against a live server, one real c2s connection per character, and reports
 * the first mismatch.
 * <ul>
 * <li>{@code connects}: STARTTLS, SASL, binds the JID's resource. {@code disconnects}: ends the stream.</li>
 * <li>{@code sends:} fills in the variables and captures, sends, then round-trips a ping so the server has
 * processed the stanzas before the script goes on.</li>
 * <li>{@code receives:} waits up to the timeout for a stanza that matches ({@link StanzaMatcher}); by
 * default stanzas that do not match are skipped (a warning), with {@link Options#strict()} the very next
 * stanza must match, and stanzas left unconsumed at a disconnect or at the end fail the run.</li>
 * <li>{@code receives: nothing}: nothing may arrive within {@link Options#nothingWait()} (0.5 s).</li>
 * </ul>
 * Scripts are written for the domain {@code localhost}; against another domain every {@code localhost}
 * (also in {@code conference.localhost}) is rewritten. Not thread-safe: one run at a time.
 */
public final class ScenarioRunner {

    /**
     * How a run behaves.
     *
     * @param lenient      match every element without {@code scansion:strict} non-strictly (Openfire adds
     *                     status codes and elements of its own)
     * @param strict       every stanza received must be the next one expected; leftovers fail
     * @param timeout      for each connect and each expected stanza
     * @param nothingWait  how long {@code receives: nothing} listens
     * @param settle       wait at the end of the script before looking for unconsumed stanzas
     * @param sync         round-trip a ping after each {@code sends:}
     * @param scriptDomain the domain the scripts are written for
     * @param log          receives one line per action and the warnings (progress for people)
     */
    public record Options(boolean lenient, boolean strict, Duration timeout, Duration nothingWait, Duration settle,
                          boolean sync, String scriptDomain, Consumer<String> log) {
        public Options {
            Objects.requireNonNull(timeout);
            Objects.requireNonNull(nothingWait);
            Objects.requireNonNull(settle);
            Objects.requireNonNull(scriptDomain);
            Objects.requireNonNull(log);
        }

        /** Not lenient, not strict, 5 s timeout, 0.5 s for "nothing", 0.2 s settle, sync on, no log. */
        public static Options defaults() {
            return new Options(false, false, Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofMillis(200),
                    true, "localhost", line -> { });
        }

        public Options withLenient(boolean value) {
            return new Options(value, strict, timeout, nothingWait, settle, sync, scriptDomain, log);
        }

        public Options withStrict(boolean value) {
            return new Options(lenient, value, timeout, nothingWait, settle, sync, scriptDomain, log);
        }

        public Options withTimeout(Duration value) {
            return new Options(lenient, strict, value, nothingWait, settle, sync, scriptDomain, log);
        }

        public Options withNothingWait(Duration value) {
            return new Options(lenient, strict, timeout, value, settle, sync, scriptDomain, log);
        }

        public Options withLog(Consumer<String> value) {
            return new Options(lenient, strict, timeout, nothingWait, settle, sync, scriptDomain, value);
        }
    }

    private static final Pattern CAPTURE_IN_SENDS = Pattern.compile("\\{scansion:capture:([^}]+)\\}");
    private static final Duration MAX_SYNC_WAIT = Duration.ofSeconds(2);

    private final String host;
    private final int port;
    private final String domain;
    private final Options options;
    private final StanzaMatcher matcher;
    private final Pattern scriptDomainPattern;

    /**
     * @param domain the server's XMPP domain; when it differs from the scripts' domain
     *               ({@code localhost}), the scripts are rewritten to it
     */
    public ScenarioRunner(String host, int port, String domain, Options options) {
        this.host = Objects.requireNonNull(host);
        this.port = port;
        this.domain = Objects.requireNonNull(domain);
        this.options = Objects.requireNonNull(options);
        this.matcher = new StanzaMatcher(options.lenient());
        // "localhost" as a whole label sequence: conference.localhost too, but not xlocalhost.
        this.scriptDomainPattern = Pattern.compile(
                "(?<![A-Za-z0-9-])" + Pattern.quote(options.scriptDomain()) + "(?![A-Za-z0-9-])");
    }

    /** Plays the scenario; every connection it opened is closed when this returns. */
    public ScenarioResult run(Scenario scenario) {
        return new Run(scenario).play();
    }

    /** A script action did not go as written. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ScenarioResult.Mismatch mismatch;

        Failure(int line, String expected, String received, String reason) {
            super(reason, null, false, false);
            this.mismatch = new ScenarioResult.Mismatch(line, expected, received, reason);
        }
    }

    /** The state of one run: connections, captures, warnings. */
    private final class Run {
        private final Scenario scenario;
        private final Map<String, ScriptedClient> connected = new LinkedHashMap<>();
        private final Map<String, String> fullJids = new HashMap<>();
        private final Map<String, String> captures = new HashMap<>();
        private final List<String> warnings = new ArrayList<>();

        Run(Scenario scenario) {
            this.scenario = scenario;
        }

        ScenarioResult play() {
            options.log().accept("== " + scenario.name() + (scenario.title().isEmpty() ? "" : ": " + scenario.title()));
            long start = System.nanoTime();
            ScenarioResult.Mismatch mismatch = null;
            try {
                for (Scenario.Action action : scenario.actions()) {
                    perform(action);
                }
                sleep(options.settle());
                for (Map.Entry<String, ScriptedClient> client : connected.entrySet()) {
                    reportUnconsumed(0, client.getKey(), client.getValue(), "end of script");
                }
            } catch (Failure failure) {
                mismatch = failure.mismatch;
            } finally {
                connected.values().forEach(ScriptedClient::close);
                connected.clear();
            }
            Duration duration = Duration.ofNanos(System.nanoTime() - start);
            ScenarioResult result = mismatch == null
                    ? ScenarioResult.passed(scenario.name(), duration, warnings)
                    : ScenarioResult.failed(scenario.name(), duration, mismatch, warnings);
            if (mismatch != null) {
                options.log().accept("  FAILED: " + mismatch.describe().replace("\n", "\n  "));
            }
            options.log().accept(String.format("%s %s (%d actions, %.2fs%s)", result.passed() ? "PASS" : "FAIL",
                    scenario.name(), scenario.actions().size(), duration.toMillis() / 1000.0,
                    warnings.isEmpty() ? "" : ", " + warnings.size() + " warning(s)"));
            return result;
        }

        private void perform(Scenario.Action action) throws Failure {
            switch (action.verb()) {
                case CONNECTS -> connect(action);
                case DISCONNECTS -> disconnect(action);
                case SENDS -> send(action);
                case RECEIVES -> {
                    ScriptedClient client = connected.get(action.client());
                    if (client == null) {
                        throw new Failure(action.line(), payloadOrNothing(action), "(not connected)",
                                action.client() + " receives but is not connected");
                    }
                    if (action.nothing()) {
                        receiveNothing(action, client);
                    } else {
                        for (Element expected : parse(action, substituteVariables(action))) {
                            receiveOne(action, client, expected);
                        }
                    }
                }
                default -> throw new IllegalStateException(action.verb().toString());
            }
        }

        private void connect(Scenario.Action action) throws Failure {
            Scenario.Client character = scenario.clients().get(action.client());
            String jid = mapDomain(character.jid());
            String bare = jid.contains("/") ? jid.substring(0, jid.indexOf('/')) : jid;
            if (connected.containsKey(action.client())) {
                throw new Failure(action.line(), "a connection as " + jid, "(already connected)",
                        action.client() + " is already connected");
            }
            int at = bare.indexOf('@');
            if (at < 0) {
                throw new Failure(action.line(), "a connection as " + jid, "(no username)",
                        "JID " + jid + " has no username");
            }
            long start = System.nanoTime();
            String jidDomain = bare.substring(at + 1);
            XmppClient xmpp;
            try {
                xmpp = XmppClient.connect(host, port, jidDomain, bare.substring(0, at), character.password(),
                        character.resource(), options.timeout());
            } catch (IOException e) {
                throw new Failure(action.line(), "a connection as " + jid, describe(e),
                        action.client() + " could not connect as " + jid + " to " + host + ":" + port);
            }
            connected.put(action.client(), new ScriptedClient(xmpp, jidDomain));
            fullJids.put(action.client(), xmpp.fullJid());
            log(action, "connects ... ok as " + xmpp + " (" + elapsed(start) + ")");
        }

        private void disconnect(Scenario.Action action) throws Failure {
            ScriptedClient client = connected.get(action.client());
            if (client == null) {
                log(action, "disconnects ... (was not connected; nothing to do)");
                return;
            }
            log(action, "disconnects");
            reportUnconsumed(action.line(), action.client(), client, "at disconnect, line " + action.line());
            connected.remove(action.client());
            client.close();
            reportUnconsumed(action.line(), action.client(), client, "while disconnecting, line " + action.line());
        }

        private void send(Scenario.Action action) throws Failure {
            ScriptedClient client = connected.get(action.client());
            if (client == null) {
                throw new Failure(action.line(), action.payload(), "(not connected)",
                        action.client() + " sends but is not connected");
            }
            String text = substituteCaptures(action, substituteVariables(action));
            for (Element stanza : parse(action, text)) {
                String xml = StanzaXml.compact(stanza, StanzaXml.NS_CLIENT, true);
                log(action, "sends: " + StanzaXml.shorten(xml, 110));
                try {
                    client.send(xml);
                } catch (IOException e) {
                    throw new Failure(action.line(), StanzaXml.pretty(stanza), describe(e),
                            action.client() + " could not send: the connection is gone");
                }
            }
            if (options.sync()) {
                Duration wait = options.timeout().compareTo(MAX_SYNC_WAIT) < 0 ? options.timeout() : MAX_SYNC_WAIT;
                if (!client.sync(wait) && client.endReason() == null) {
                    options.log().accept("         (note: server did not answer " + action.client()
                            + "'s sync ping within " + seconds(wait) + " s; going on)");
                }
            }
        }

        private void receiveNothing(Scenario.Action action, ScriptedClient client) throws Failure {
            Element got;
            try {
                got = client.next(options.nothingWait());
            } catch (IOException e) {
                got = null; // a closed stream delivers nothing
            }
            if (got != null) {
                throw new Failure(action.line(), "nothing", StanzaXml.pretty(got),
                        action.client() + " should receive nothing, but received a stanza");
            }
            log(action, "receives: nothing ... ok (waited " + seconds(options.nothingWait()) + " s)");
        }

        private void receiveOne(Scenario.Action action, ScriptedClient client, Element expected) throws Failure {
            long start = System.nanoTime();
            long deadline = start + options.timeout().toNanos();
            List<Element> skipped = new ArrayList<>();
            List<String> skippedReasons = new ArrayList<>();
            while (true) {
                Element got;
                String ended = null;
                try {
                    got = client.next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                } catch (IOException e) {
                    got = null;
                    ended = e.getMessage();
                }
                if (got == null) {
                    throw noMatch(action, expected, skipped, skippedReasons, ended);
                }
                Map<String, String> trial = new HashMap<>(captures);
                String reason = matcher.match(expected, got, trial);
                if (reason == null) {
                    captures.putAll(trial);
                    break;
                }
                if (options.strict()) {
                    throw new Failure(action.line(), StanzaXml.pretty(expected), StanzaXml.pretty(got),
                            action.client() + " received a stanza that does not match (--strict: receives must "
                                    + "match the very next stanza): " + reason);
                }
                skipped.add(got);
                skippedReasons.add(reason);
            }
            log(action, "receives: " + StanzaXml.shorten(StanzaXml.compact(expected, StanzaXml.NS_CLIENT, true), 110)
                    + " ... ok (" + elapsed(start) + ")");
            if (!skipped.isEmpty()) {
                String message = action.client() + " skipped " + skipped.size() + " stanza(s) that did not match "
                        + "before the one expected at line " + action.line();
                warnings.add(message);
                options.log().accept("  WARNING: " + message + ":");
                for (int i = 0; i < skipped.size(); i++) {
                    options.log().accept("      (not matching: " + skippedReasons.get(i) + ")");
                    options.log().accept(StanzaXml.indent(StanzaXml.pretty(skipped.get(i)), 6));
                }
            }
        }

        /**
         * The failure of a receive that timed out or met the end of the stream. Of the stanzas skipped
         * meanwhile it shows the first with the expected element's name (the likeliest near miss), else
         * the first.
         */
        private Failure noMatch(Scenario.Action action, Element expected, List<Element> skipped,
                                List<String> reasons, String ended) {
            String why = ended == null
                    ? "did not receive a matching stanza within " + seconds(options.timeout()) + " s"
                    : "stream ended (" + ended + ") before a matching stanza arrived";
            if (skipped.isEmpty()) {
                String received = ended == null ? "nothing within " + seconds(options.timeout()) + " s"
                        : "nothing before the stream ended (" + ended + ")";
                return new Failure(action.line(), StanzaXml.pretty(expected), received, action.client() + " " + why);
            }
            int shown = 0;
            for (int i = 0; i < skipped.size(); i++) {
                if (skipped.get(i).getName().equals(expected.getName())) {
                    shown = i;
                    break;
                }
            }
            return new Failure(action.line(), StanzaXml.pretty(expected), StanzaXml.pretty(skipped.get(shown)),
                    action.client() + " " + why + "; " + skipped.size() + " stanza(s) arrived, none matched ("
                            + (skipped.size() > 1 ? "shown: number " + (shown + 1) + ", " : "")
                            + reasons.get(shown) + ")");
        }

        /** Stanzas a client received that no action consumed: a warning, or with --strict a failure. */
        private void reportUnconsumed(int line, String name, ScriptedClient client, String when) throws Failure {
            List<Element> left = client.drain();
            if (left.isEmpty()) {
                return;
            }
            String message = name + " received " + left.size() + " stanza(s) that the script never consumed ("
                    + when + ")";
            String received = left.stream().map(StanzaXml::pretty).collect(Collectors.joining("\n"));
            if (options.strict()) {
                throw new Failure(line, "no further stanza (--strict)", received, message);
            }
            warnings.add(message);
            options.log().accept("  WARNING: " + message + ":");
            options.log().accept(StanzaXml.indent(received, 6));
        }

        private List<Element> parse(Scenario.Action action, String text) throws Failure {
            try {
                return StanzaXml.parseFragment(text);
            } catch (StanzaXml.BadXmlException e) {
                // The parser checked the block with placeholders; a value filled in can still break it.
                throw new Failure(action.line(), text, "(not sent)", "bad XML after substitution: " + e.getMessage());
            }
        }

        /** ${Name's JID} and ${Name's full JID}, XML-escaped; the script domain mapped to the server's. */
        private String substituteVariables(Scenario.Action action) throws Failure {
            String text = mapDomain(action.payload());
            Matcher variable = ScenarioParser.VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (variable.find()) {
                String inner = variable.group(1);
                Matcher jid = ScenarioParser.JID_VARIABLE.matcher(inner);
                Scenario.Client character = jid.matches() ? scenario.clients().get(jid.group(1)) : null;
                if (character == null) {
                    throw new Failure(action.line(), action.payload(), "(not sent)", "unknown variable ${" + inner + "}");
                }
                String value;
                if (jid.group(2).equals("JID")) {
                    value = mapDomain(character.bareJid());
                } else {
                    value = fullJids.get(character.name());
                    if (value == null) {
                        throw new Failure(action.line(), action.payload(), "(not sent)",
                                "${" + inner + "} used before " + character.name() + " connected");
                    }
                }
                variable.appendReplacement(out, Matcher.quoteReplacement(StanzaXml.escape(value, true)));
            }
            variable.appendTail(out);
            return out.toString();
        }

        /** In a sends: block, {scansion:capture:NAME} stands for the value a receives: captured. */
        private String substituteCaptures(Scenario.Action action, String text) throws Failure {
            Matcher capture = CAPTURE_IN_SENDS.matcher(text);
            StringBuilder out = new StringBuilder();
            while (capture.find()) {
                String value = captures.get(capture.group(1));
                if (value == null) {
                    throw new Failure(action.line(), action.payload(), "(not sent)",
                            "capture '" + capture.group(1) + "' is sent before anything captured it");
                }
                capture.appendReplacement(out, Matcher.quoteReplacement(StanzaXml.escape(value, true)));
            }
            capture.appendTail(out);
            return out.toString();
        }

        private void log(Scenario.Action action, String text) {
            options.log().accept(String.format("  %-6s %s %s", "[L" + action.line() + "]", action.client(), text));
        }
    }

    private String mapDomain(String text) {
        if (domain.equals(options.scriptDomain())) {
            return text;
        }
        return scriptDomainPattern.matcher(text).replaceAll(Matcher.quoteReplacement(domain));
    }

    private static String payloadOrNothing(Scenario.Action action) {
        return action.nothing() ? "nothing" : action.payload();
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String elapsed(long startNanos) {
        return String.format("%.2fs", (System.nanoTime() - startNanos) / 1e9);
    }

    /** 5 s as "5", half a second as "0.5". */
    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
