package net.mucaffiliationnotify.requests;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.xmpp.packet.JID;

/**
 * A stanza that may change affiliations in a room, described by what it names. Whether it changes
 * anything is decided later, from the room's state, never from the request alone (R9).
 */
public final class AffiliationRequest {
    /** The XMPP paths that change affiliations (R10). */
    public enum Kind {
        /** muc#admin {@code <item affiliation=… jid=…/>}s, one or several. */
        ADMIN_ITEMS,
        /** The owner's muc#owner configuration form with the owners and/or admins lists. */
        CONFIGURATION_FORM,
        /** jabber:iq:register with the room: register or {@code <remove/>}. */
        REGISTRATION,
        /** A mediated invitation, which makes the invitee a member of a members-only room. */
        INVITATION
    }

    private final Kind kind;
    private final JID requester;
    private final JID addressee;
    private final String stanzaId;
    private final List<JID> targets;
    private final Map<JID, String> reasons;
    private final boolean ownersListSent;
    private final boolean adminsListSent;

    AffiliationRequest(Kind kind, JID requester, JID addressee, String stanzaId, List<JID> targets,
                       Map<JID, String> reasons, boolean ownersListSent, boolean adminsListSent) {
        this.kind = Objects.requireNonNull(kind);
        this.requester = Objects.requireNonNull(requester);
        this.addressee = Objects.requireNonNull(addressee);
        this.stanzaId = stanzaId;
        this.targets = List.copyOf(targets);
        this.reasons = Map.copyOf(reasons);
        this.ownersListSent = ownersListSent;
        this.adminsListSent = adminsListSent;
    }

    /** @return which path this request takes */
    public Kind kind() {
        return kind;
    }

    /** @return the sender's address, as the server stamped it (the reply goes there) */
    public JID requester() {
        return requester;
    }

    /** @return the address the request was sent to (the reply comes from there) */
    public JID addressee() {
        return addressee;
    }

    /** @return the bare room JID */
    public JID room() {
        return addressee.asBareJID();
    }

    /** @return the stanza id, possibly {@code null} */
    public String stanzaId() {
        return stanzaId;
    }

    /** @return the bare JIDs the request names, in request order, each once */
    public List<JID> targets() {
        return targets;
    }

    /**
     * @param jid a target
     * @return the reason given for that target (the last one given when named twice), or {@code null}
     */
    public String reasonFor(JID jid) {
        return reasons.get(jid);
    }

    /** @return whether a configuration form carried {@code muc#roomconfig_roomowners}: owners left out lose it */
    public boolean ownersListSent() {
        return ownersListSent;
    }

    /** @return whether a configuration form carried {@code muc#roomconfig_roomadmins}: admins left out lose it */
    public boolean adminsListSent() {
        return adminsListSent;
    }

    /** @return whether the request also changes JIDs it does not name (a form's full lists demote the others) */
    public boolean demotesUnnamed() {
        return ownersListSent || adminsListSent;
    }

    @Override
    public String toString() {
        return kind + " from " + requester + " to " + addressee + " id=" + stanzaId + " targets=" + targets;
    }
}
