package net.mucaffiliationnotify.live.scansion;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed scansion (.scs) file: its header (title, description, tags, the characters) and its
 * script, the actions in file order, each with the line it was written on.
 * Built by {@link ScenarioParser}, played by {@link ScenarioRunner}.
 */
public final class Scenario {

    /** What a character does in one action. */
    public enum Verb {
        CONNECTS, DISCONNECTS, SENDS, RECEIVES;

        /** The word as written in a script. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A {@code [Client]} character of the header.
     *
     * @param name       the name the script uses ("Romeo")
     * @param properties the indented {@code key: value} lines under it (jid, password, resource …)
     */
    public record Client(String name, Map<String, String> properties) {
        public Client {
            Objects.requireNonNull(name);
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }

        /** The JID as written, possibly with a resource. */
        public String jid() {
            return properties.get("jid");
        }

        /** The JID without its resource. */
        public String bareJid() {
            String jid = jid();
            int slash = jid.indexOf('/');
            return slash < 0 ? jid : jid.substring(0, slash);
        }

        /** The {@code password:} property, empty when absent. */
        public String password() {
            return properties.getOrDefault("password", "");
        }

        /** The {@code resource:} property, else the JID's resource, else null (the server picks one). */
        public String resource() {
            String resource = properties.get("resource");
            if (resource != null && !resource.isEmpty()) {
                return resource;
            }
            String jid = jid();
            int slash = jid.indexOf('/');
            return slash < 0 ? null : jid.substring(slash + 1);
        }
    }

    /**
     * One line of the script (with its indented block for sends/receives).
     *
     * @param line        the 1-based line of the action in the file
     * @param client      the character's name
     * @param verb        what it does
     * @param payload     the stanza text of a sends/receives block ("" otherwise and for "receives: nothing")
     * @param payloadLine the file line the payload starts on (0 when there is none)
     * @param nothing     true for {@code receives: nothing}
     */
    public record Action(int line, String client, Verb verb, String payload, int payloadLine, boolean nothing) {
        public Action {
            Objects.requireNonNull(client);
            Objects.requireNonNull(verb);
            Objects.requireNonNull(payload);
        }
    }

    private final String name;
    private final String title;
    private final List<String> description;
    private final List<String> tags;
    private final Map<String, Client> clients;
    private final List<Action> actions;

    Scenario(String name, String title, List<String> description, List<String> tags,
             Map<String, Client> clients, List<Action> actions) {
        this.name = Objects.requireNonNull(name);
        this.title = Objects.requireNonNull(title);
        this.description = List.copyOf(description);
        this.tags = List.copyOf(tags);
        this.clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
        this.actions = List.copyOf(actions);
    }

    /** The name it was parsed under (usually the file's path). */
    public String name() {
        return name;
    }

    /** The first {@code #} line of the header, "" when there is none. */
    public String title() {
        return title;
    }

    /** The further {@code #} lines of the header. */
    public List<String> description() {
        return description;
    }

    /** The {@code ##} lines of the header. */
    public List<String> tags() {
        return tags;
    }

    /** The characters, in the order the header declares them. */
    public Map<String, Client> clients() {
        return clients;
    }

    /** The actions in file order. */
    public List<Action> actions() {
        return actions;
    }

    @Override
    public String toString() {
        return name + " (" + clients.size() + " clients, " + actions.size() + " actions)";
    }
}
