package net.mucaffiliationnotify.requests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * Recognises the stanzas that can change affiliations in a room (R10) and names their targets the way
 * Openfire 5.1.1 will apply them. Pure: it reads the stanza and nothing else.
 */
public final class AffiliationRequestParser {
    static final String MUC_ADMIN = "http://jabber.org/protocol/muc#admin";
    static final String MUC_OWNER = "http://jabber.org/protocol/muc#owner";
    static final String MUC_USER = "http://jabber.org/protocol/muc#user";
    static final String REGISTER = "jabber:iq:register";
    static final String DATA_FORMS = "jabber:x:data";
    static final String ROOM_OWNERS = "muc#roomconfig_roomowners";
    static final String ROOM_ADMINS = "muc#roomconfig_roomadmins";

    /** A JID has at most three parts of 1023 bytes and two separators (RFC 7622); longer is invalid. */
    static final int MAX_JID_LENGTH = 3 * 1023 + 2;

    private AffiliationRequestParser() {
    }

    /**
     * What kind of request an IQ set to a room could be, from its child element's namespace alone (no JID
     * is parsed, nothing is allocated): enough to decide whether its sender may make it at all.
     *
     * @param iq an IQ set addressed to a room
     * @return the kind, or {@code null} when the IQ cannot change an affiliation
     */
    public static AffiliationRequest.Kind kindOf(IQ iq) {
        final Element query = iq.getElement().element("query");
        if (query == null) {
            return null;
        }
        return switch (query.getNamespaceURI()) {
            case MUC_ADMIN -> AffiliationRequest.Kind.ADMIN_ITEMS;
            case MUC_OWNER -> AffiliationRequest.Kind.CONFIGURATION_FORM;
            case REGISTER -> AffiliationRequest.Kind.REGISTRATION;
            default -> null;
        };
    }

    /**
     * @param iq an IQ addressed to a room of a MUC service
     * @return the request, or {@code null} when the IQ cannot change an affiliation
     */
    public static AffiliationRequest fromIq(IQ iq) {
        return fromIq(iq, Integer.MAX_VALUE);
    }

    /**
     * @param iq an IQ addressed to a room of a MUC service
     * @param maxTargets most JIDs to name: items beyond them are not read (their changes are left to the
     *     out-of-band check)
     * @return the request, or {@code null} when the IQ cannot change an affiliation
     */
    public static AffiliationRequest fromIq(IQ iq, int maxTargets) {
        if (!"set".equals(iq.getElement().attributeValue("type")) || iq.getFrom() == null || iq.getTo() == null || iq.getTo().getNode() == null) {
            return null;
        }
        final AffiliationRequest.Kind kind = kindOf(iq);
        if (kind == null) {
            return null;
        }
        final Element query = iq.getElement().element("query");
        return switch (kind) {
            case ADMIN_ITEMS -> adminItems(iq, query, maxTargets);
            case CONFIGURATION_FORM -> configurationForm(iq, query, maxTargets);
            case REGISTRATION -> registration(iq, query);
            case INVITATION -> null;
        };
    }

    /**
     * @param message a message addressed to a room of a MUC service
     * @return whether it carries a mediated invitation (read without parsing a JID)
     */
    public static boolean isInvitation(Message message) {
        final Element x = message.getChildElement("x", MUC_USER);
        return x != null && x.element("invite") != null;
    }

    /**
     * @param message a message addressed to a room of a MUC service
     * @return an invitation request, or {@code null} when the message invites nobody
     */
    public static AffiliationRequest fromMessage(Message message) {
        return fromMessage(message, Integer.MAX_VALUE);
    }

    /**
     * @param message a message addressed to a room of a MUC service
     * @param maxTargets most invitees to name
     * @return an invitation request, or {@code null} when the message invites nobody
     */
    public static AffiliationRequest fromMessage(Message message, int maxTargets) {
        final JID to = message.getTo();
        if (message.getFrom() == null || to == null || to.getNode() == null || to.getResource() != null) {
            return null;
        }
        // Openfire handles invitations in normal messages only.
        final String type = message.getElement().attributeValue("type");
        if (type != null && !"normal".equals(type)) {
            return null;
        }
        final Element x = message.getChildElement("x", MUC_USER);
        if (x == null) {
            return null;
        }
        final Set<JID> targets = new LinkedHashSet<>();
        for (Iterator<Element> it = x.elementIterator("invite"); it.hasNext() && targets.size() < maxTargets; ) {
            final JID invitee = bareJid(it.next().attributeValue("to"));
            if (invitee != null) {
                targets.add(invitee);
            }
        }
        if (targets.isEmpty()) {
            return null;
        }
        // The invitation's reason is addressed to the invitee, not to the room: it is not announced.
        return new AffiliationRequest(AffiliationRequest.Kind.INVITATION, message.getFrom(), to, message.getID(),
            new ArrayList<>(targets), Map.of(), false, false);
    }

    private static AffiliationRequest adminItems(IQ iq, Element query, int maxTargets) {
        final Iterator<Element> items = query.elementIterator("item");
        // Openfire decides from the first item whether items name JIDs or nicknames; nickname items
        // target occupants, whom Openfire's own presence informs.
        final Element first = items.hasNext() ? items.next() : null;
        if (first == null || first.attributeValue("jid") == null) {
            return null;
        }
        final Set<JID> targets = new LinkedHashSet<>();
        final Map<JID, String> reasons = new HashMap<>();
        for (Element item = first; item != null; item = items.hasNext() ? items.next() : null) {
            if (targets.size() >= maxTargets) {
                break;
            }
            if (MucAffiliation.fromAttribute(item.attributeValue("affiliation")) == null) {
                continue;
            }
            final JID target = bareJid(item.attributeValue("jid"));
            if (target == null) {
                continue;
            }
            targets.add(target);
            final String reason = item.elementTextTrim("reason");
            if (reason != null && !reason.isEmpty()) {
                reasons.put(target, reason);
            } else {
                reasons.remove(target);
            }
        }
        if (targets.isEmpty()) {
            return null;
        }
        return new AffiliationRequest(AffiliationRequest.Kind.ADMIN_ITEMS, iq.getFrom(), iq.getTo(), iq.getID(),
            new ArrayList<>(targets), reasons, false, false);
    }

    private static AffiliationRequest configurationForm(IQ iq, Element query, int maxTargets) {
        final Element form = query.element(QName.get("x", DATA_FORMS));
        if (form == null || !"submit".equals(form.attributeValue("type"))) {
            return null;
        }
        boolean ownersSent = false;
        boolean adminsSent = false;
        final Set<JID> targets = new LinkedHashSet<>();
        for (Element field : form.elements("field")) {
            final String var = field.attributeValue("var");
            final boolean owners = ROOM_OWNERS.equals(var);
            final boolean admins = ROOM_ADMINS.equals(var);
            if (!owners && !admins) {
                continue;
            }
            ownersSent |= owners;
            adminsSent |= admins;
            for (Iterator<Element> it = field.elementIterator("value"); it.hasNext() && targets.size() < maxTargets; ) {
                final JID jid = bareJid(it.next().getTextTrim());
                if (jid != null) {
                    targets.add(jid);
                }
            }
        }
        if (!ownersSent && !adminsSent) {
            return null;
        }
        return new AffiliationRequest(AffiliationRequest.Kind.CONFIGURATION_FORM, iq.getFrom(), iq.getTo(), iq.getID(),
            new ArrayList<>(targets), Map.of(), ownersSent, adminsSent);
    }

    private static AffiliationRequest registration(IQ iq, Element query) {
        // Openfire's register handler ignores IQs addressed to an occupant (room/nick).
        if (iq.getTo().getResource() != null) {
            return null;
        }
        final boolean remove = query.element("remove") != null;
        final boolean form = query.element(QName.get("x", DATA_FORMS)) != null;
        if (!remove && !form) {
            return null;
        }
        return new AffiliationRequest(AffiliationRequest.Kind.REGISTRATION, iq.getFrom(), iq.getTo(), iq.getID(),
            List.of(iq.getFrom().asBareJID()), Map.of(), false, false);
    }

    /**
     * @param value a JID as a client wrote it
     * @return the bare, stringprep-normalised JID, or {@code null} when the value is absent, no valid JID,
     *     or an Openfire group JID (groups are not announced; see {@link GroupJids})
     */
    static JID bareJid(String value) {
        if (value == null) {
            return null;
        }
        final String trimmed = value.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_JID_LENGTH) {
            return null;
        }
        try {
            final JID jid = new JID(trimmed);
            return GroupJids.isGroup(jid) ? null : jid.asBareJID();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
