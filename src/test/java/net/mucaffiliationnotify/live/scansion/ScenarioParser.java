package net.mucaffiliationnotify.live.scansion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the scansion format: a header ({@code #} title and description lines, {@code ##} tags,
 * {@code [Client] Name} characters with indented {@code key: value} properties), a line of dashes, then
 * the script: {@code Name connects}, {@code Name disconnects}, {@code Name sends:} and
 * {@code Name receives:} with the stanzas on the following indented lines (or {@code receives: nothing}).
 * {@code #}, {@code //} and {@code --} lines are comments. Variables must name a character
 * ({@code ${Romeo's JID}}, {@code ${Romeo's full JID}}); stanza blocks must be well-formed XML.
 * Errors name the file and line ({@link ScenarioFormatException}).
 */
public final class ScenarioParser {

    private static final Pattern SEPARATOR = Pattern.compile("^-{3,}\\s*$");
    private static final Pattern COMMENT = Pattern.compile("^(#|//|--)");
    private static final Pattern CLASS = Pattern.compile("^\\[(\\w+)\\]\\s*(.+?)\\s*$");
    private static final Pattern ACTION = Pattern.compile(
            "^(?<name>\\S.*?)\\s+(?<verb>connects|disconnects|sends|receives)(?<colon>:)?\\s*(?<rest>.*?)\\s*$");
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)\\}");
    static final Pattern JID_VARIABLE = Pattern.compile("^(.+)'s (full JID|JID)$");

    private ScenarioParser() {
    }

    /** Parses a file; the scenario's name is the path as given. */
    public static Scenario parse(Path file) throws IOException, ScenarioFormatException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses a scenario's text.
     *
     * @param name used in error messages and as {@link Scenario#name()}
     */
    public static Scenario parse(String name, String text) throws ScenarioFormatException {
        String[] lines = text.split("\\R", -1);
        Header header = new Header();
        int separator = parseHeader(name, lines, header);
        List<Scenario.Action> actions = parseBody(name, lines, separator + 1, header.clients);
        Map<String, Scenario.Client> clients = new LinkedHashMap<>();
        header.clients.forEach((clientName, properties) ->
                clients.put(clientName, new Scenario.Client(clientName, properties)));
        return new Scenario(name, header.title, header.description, header.tags, clients, actions);
    }

    /** What the header collects while it is read. */
    private static final class Header {
        String title = "";
        final List<String> description = new ArrayList<>();
        final List<String> tags = new ArrayList<>();
        final Map<String, Map<String, String>> clients = new LinkedHashMap<>();
    }

    /** Reads the header into {@code header}; returns the index of the separator line. */
    private static int parseHeader(String name, String[] lines, Header header) throws ScenarioFormatException {
        Map<String, String> current = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (SEPARATOR.matcher(line).matches()) {
                for (Map.Entry<String, Map<String, String>> client : header.clients.entrySet()) {
                    if (!client.getValue().containsKey("jid")) {
                        throw new ScenarioFormatException(name, 0, "client '" + client.getKey() + "' has no jid");
                    }
                }
                return i;
            }
            String stripped = line.strip();
            Matcher character = CLASS.matcher(line);
            if (stripped.isEmpty()) {
                current = null;
            } else if (line.startsWith("##")) {
                header.tags.add(line.substring(2).strip());
            } else if (line.startsWith("#")) {
                if (header.title.isEmpty()) {
                    header.title = line.substring(1).strip();
                } else {
                    header.description.add(line.substring(1).strip());
                }
            } else if (COMMENT.matcher(line).find()) {
                continue;
            } else if (character.matches()) {
                String kind = character.group(1);
                String clientName = character.group(2);
                if (!kind.equals("Client")) {
                    throw new ScenarioFormatException(name, i + 1,
                            "unsupported character class [" + kind + "] (only [Client])");
                }
                if (header.clients.containsKey(clientName)) {
                    throw new ScenarioFormatException(name, i + 1, "duplicate character '" + clientName + "'");
                }
                current = new LinkedHashMap<>();
                header.clients.put(clientName, current);
            } else if (isIndented(line) && current != null && stripped.contains(":")) {
                int colon = stripped.indexOf(':');
                current.put(stripped.substring(0, colon).strip(), stripped.substring(colon + 1).strip());
            } else {
                throw new ScenarioFormatException(name, i + 1, "cannot parse header line: '" + line + "'");
            }
        }
        throw new ScenarioFormatException(name, 0, "no '-----' line separating the header from the script");
    }

    private static List<Scenario.Action> parseBody(String name, String[] lines, int start,
                                                   Map<String, Map<String, String>> clients)
            throws ScenarioFormatException {
        List<Scenario.Action> actions = new ArrayList<>();
        int i = start;
        while (i < lines.length) {
            String line = lines[i];
            if (line.isBlank() || COMMENT.matcher(line).find()) {
                i++;
                continue;
            }
            int lineNumber = i + 1;
            if (isIndented(line)) {
                throw new ScenarioFormatException(name, lineNumber,
                        "indented line outside of a sends:/receives: block: '" + line.strip() + "'");
            }
            Matcher action = ACTION.matcher(line);
            if (!action.matches() || !clients.containsKey(action.group("name"))) {
                throw new ScenarioFormatException(name, lineNumber, "cannot parse action line: '" + line + "'"
                        + (action.matches() ? " (unknown character '" + action.group("name") + "')" : ""));
            }
            String client = action.group("name");
            Scenario.Verb verb = Scenario.Verb.valueOf(action.group("verb").toUpperCase(java.util.Locale.ROOT));
            boolean colon = action.group("colon") != null;
            String rest = action.group("rest");
            i++;
            if (verb == Scenario.Verb.CONNECTS || verb == Scenario.Verb.DISCONNECTS) {
                if (colon || !rest.isEmpty()) {
                    throw new ScenarioFormatException(name, lineNumber,
                            "unexpected text after '" + verb.word() + "': '" + line + "'");
                }
                actions.add(new Scenario.Action(lineNumber, client, verb, "", 0, false));
                continue;
            }
            // The colon after sends/receives is optional in scansion. The block is every following
            // line that is indented or blank, up to the next line that starts in the first column.
            List<String> block = new ArrayList<>();
            int payloadLine = 0;
            if (!rest.isEmpty()) {
                block.add(rest);
                payloadLine = lineNumber;
            }
            while (i < lines.length && (isIndented(lines[i]) || lines[i].isBlank())) {
                if (payloadLine == 0 && !lines[i].isBlank()) {
                    payloadLine = i + 1;
                }
                block.add(lines[i]);
                i++;
            }
            String payload = String.join("\n", block).strip();
            if (verb == Scenario.Verb.RECEIVES && payload.equals("nothing")) {
                actions.add(new Scenario.Action(lineNumber, client, verb, "", 0, true));
                continue;
            }
            if (payload.isEmpty()) {
                throw new ScenarioFormatException(name, lineNumber, "'" + verb.word() + ":' without a stanza");
            }
            checkVariables(name, lineNumber, payload, clients);
            try {
                // Syntax only, before anything connects; variables stand in as plain text.
                StanzaXml.parseFragment(VARIABLE.matcher(payload).replaceAll("x"));
            } catch (StanzaXml.BadXmlException e) {
                int badLine = e.line() > 0 ? payloadLine + e.line() - 1 : lineNumber;
                throw new ScenarioFormatException(name, badLine,
                        "bad XML in '" + verb.word() + ":' block of line " + lineNumber + ": " + e.getMessage());
            }
            actions.add(new Scenario.Action(lineNumber, client, verb, payload, payloadLine, false));
        }
        return actions;
    }

    private static void checkVariables(String name, int lineNumber, String payload,
                                       Map<String, Map<String, String>> clients) throws ScenarioFormatException {
        Matcher variable = VARIABLE.matcher(payload);
        while (variable.find()) {
            Matcher jid = JID_VARIABLE.matcher(variable.group(1));
            if (!jid.matches() || !clients.containsKey(jid.group(1))) {
                throw new ScenarioFormatException(name, lineNumber, "unknown variable ${" + variable.group(1)
                        + "} (known: ${NAME's JID}, ${NAME's full JID} for " + String.join(", ", clients.keySet())
                        + ")");
            }
        }
    }

    private static boolean isIndented(String line) {
        return !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
    }
}
