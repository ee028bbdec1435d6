package net.mucaffiliationnotify.cluster;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

import org.xmpp.packet.JID;

/**
 * A MUC room as the clustered room cache holds it, made of JDK types only: its affiliation lists and its
 * occupants, each with the cluster node its session is connected to. Stored in a Hazelcast {@code IMap} in
 * BINARY format, so every read is a deserialized copy, as Openfire's {@code MUCRoom}s are in a cluster:
 * changing a copy changes nothing until the copy is put back (Openfire's {@code syncChatRoom}).
 */
final class RoomRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    final String name;
    boolean membersOnly;
    /** Openfire's {@code canAnyoneDiscoverJID()}: non-anonymous when true, semi-anonymous when false. */
    boolean nonAnonymous;
    /** Bare JID to owner, admin, member or outcast (Openfire's four lists; a JID is on one at most). */
    final LinkedHashMap<String, String> affiliations = new LinkedHashMap<>();
    /** Real full JID of each joined session to its role (moderator, participant, visitor). */
    final LinkedHashMap<String, String> occupantRoles = new LinkedHashMap<>();
    /** Real full JID of each joined session to the name of the node that session is connected to. */
    final LinkedHashMap<String, String> occupantNodes = new LinkedHashMap<>();

    RoomRecord(String name) {
        this.name = name;
    }

    JID jid() {
        return new JID(name, ClusterHarness.SERVICE_DOMAIN, null);
    }

    /** Puts a JID on a list ({@code none} takes it off every list), normalised as Openfire stores it. */
    RoomRecord set(String jid, String affiliation) {
        final String bare = new JID(jid).toBareJID();
        if ("none".equals(affiliation)) {
            affiliations.remove(bare);
        } else {
            affiliations.put(bare, affiliation);
        }
        return this;
    }

    /** @return the list the bare JID is on, {@code none} when on none */
    String affiliation(String jid) {
        return affiliations.getOrDefault(new JID(jid).toBareJID(), "none");
    }

    RoomRecord join(String fullJid, String role, String node) {
        final String full = new JID(fullJid).toString();
        occupantRoles.put(full, role);
        occupantNodes.put(full, node);
        return this;
    }

    Map<String, String> occupantNodes() {
        return occupantNodes;
    }
}
