package net.mucaffiliationnotify.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * The notification rules R1–R6 of the spec: given a change that happened and the room it happened in,
 * the stanzas to send and who gets each.
 *
 * <p>Prosody-compatible form: a message from the bare room JID with no {@code type} attribute, holding
 * {@code <x xmlns='http://jabber.org/protocol/muc#user'>} with optional status codes and one
 * {@code <item affiliation jid/>} (plus {@code <reason/>} when the request gave one).</p>
 */
public final class NotificationComposer {
    /** The muc#user namespace. */
    public static final String MUC_USER = "http://jabber.org/protocol/muc#user";

    private NotificationComposer() {
    }

    /**
     * @param room the room after the change
     * @param change the change
     * @return one notification per recipient session, empty when the target has a joined session (Openfire's
     *     own presence update informs the room then) or when nobody may receive it
     */
    public static List<Notification> compose(RoomSnapshot room, AffiliationChange change) {
        if (room.hasOccupant(change.jid())) {
            return List.of();
        }
        return announce(room, change);
    }

    /**
     * R2–R6 without R1's exemption: for a change no presence of Openfire's announced with its versions
     * (XEP-0463 V6/V7), the target's own sessions included.
     *
     * @param room the room after the change
     * @param change the change
     * @return one notification per recipient session
     */
    public static List<Notification> announce(RoomSnapshot room, AffiliationChange change) {
        final List<JID> recipients = recipients(room);
        if (recipients.isEmpty()) {
            return List.of();
        }
        final Message template = stanza(room.roomJid(), change, room.membersOnly());
        final List<Notification> result = new ArrayList<>(recipients.size());
        for (JID recipient : recipients) {
            final Message copy = template.createCopy();
            copy.setTo(recipient);
            result.add(new Notification(copy, change));
        }
        return result;
    }

    /**
     * R6: in a non-anonymous room every occupant (visitors included), in a semi-anonymous room only
     * moderators, since the item carries a real JID. One entry per joined session; federated occupants are
     * skipped (their service is not ours to address).
     *
     * @param room the room
     * @return the real full JIDs to address, in occupant order, without duplicates
     */
    public static List<JID> recipients(RoomSnapshot room) {
        final Set<JID> recipients = new LinkedHashSet<>();
        for (Occupant occupant : room.occupants()) {
            if (occupant.federated()) {
                continue;
            }
            if (room.nonAnonymous() || occupant.moderator()) {
                recipients.add(occupant.realJid());
            }
        }
        return List.copyOf(recipients);
    }

    /**
     * R2–R5: the message, not yet addressed.
     *
     * @param roomJid the bare room JID
     * @param change the change
     * @param membersOnly whether the room is members-only
     * @return the message
     */
    public static Message stanza(JID roomJid, AffiliationChange change, boolean membersOnly) {
        return stanza(roomJid, change, statusCodes(change.affiliation(), membersOnly));
    }

    /**
     * R2–R4 with the given status codes: the message, not yet addressed.
     *
     * @param roomJid the bare room JID
     * @param change the change
     * @param codes the status codes, in order
     * @return the message
     */
    static Message stanza(JID roomJid, AffiliationChange change, int[] codes) {
        final Message message = new Message();
        message.setFrom(roomJid.asBareJID());
        final Element x = message.addChildElement("x", MUC_USER);
        for (int code : codes) {
            x.addElement("status").addAttribute("code", Integer.toString(code));
        }
        final Element item = x.addElement("item")
            .addAttribute("affiliation", change.affiliation().name())
            .addAttribute("jid", change.jid().toBareJID());
        if (change.reason() != null) {
            item.addElement("reason").setText(change.reason());
        }
        return message;
    }

    /**
     * R5: 301 for a ban; 321 for a removal from a members-only room; nothing otherwise.
     *
     * @param affiliation the new affiliation
     * @param membersOnly whether the room is members-only
     * @return the status codes, in order
     */
    public static int[] statusCodes(MucAffiliation affiliation, boolean membersOnly) {
        if (affiliation == MucAffiliation.outcast) {
            return new int[] {301};
        }
        if (affiliation == MucAffiliation.none && membersOnly) {
            return new int[] {321};
        }
        return new int[0];
    }
}
