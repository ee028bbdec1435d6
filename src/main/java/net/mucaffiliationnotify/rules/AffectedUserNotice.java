package net.mucaffiliationnotify.rules;

import java.util.Optional;

import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * XEP-0045's courtesy to the user whose affiliation changed while not in the room (Implementation Notes,
 * services, 2): "a MUC service MAY send an out-of-room &lt;message/&gt; if a user's affiliation changes while
 * the user is not in the room; the message SHOULD be sent from the room to the user's bare JID, MAY contain a
 * &lt;body/&gt; element describing the affiliation change, and MUST contain a status code of 101."
 *
 * <pre>{@code
 * <message from='room@conference.example.org' to='juliet@example.org' type='normal'>
 *   <x xmlns='http://jabber.org/protocol/muc#user'>
 *     <status code='101'/>
 *     <status code='301'/>                            <!-- bans; 321 for none in a members-only room -->
 *     <item affiliation='outcast' jid='juliet@example.org'>
 *       <reason>…</reason>                            <!-- when the request gave one -->
 *     </item>
 *   </x>
 *   <body>You have been banned from the room …</body> <!-- when a text is given -->
 * </message>
 * }</pre>
 *
 * <p>The {@code <x/>} is the occupants' notification ({@link NotificationComposer#stanza}) with 101 in front, so
 * a client reads the same item and codes whoever it is told as. The type is {@code normal}, written out: a
 * normal message to a bare JID reaches the user's sessions, and a server stores it for a user who has none
 * (RFC 6121 8.5.2; Openfire does, as XEP-0160 asks). Prosody's {@code muc_affiliation_notify} sends a
 * {@code headline}, which is dropped when the user is offline: the very case this notice is for.</p>
 */
public final class AffectedUserNotice {
    /** "Inform user that his or her affiliation changed while not in the room" (XEP-0045's registry). */
    public static final int AFFILIATION_CHANGED = 101;

    /** The text of a notice's body, describing the change to the user in the server's language. */
    @FunctionalInterface
    public interface Bodies {
        /**
         * @param room the bare room JID
         * @param change the change
         * @return the body's text, or {@code null} for a notice without a body
         */
        String describe(JID room, AffiliationChange change);
    }

    private AffectedUserNotice() {
    }

    /**
     * The notice for one change. The caller passes a change that happened: {@link AffiliationChange} carries no
     * previous affiliation, so telling a no-op (member to member) apart is the caller's job, as for the
     * occupants' notifications. Nobody is told about a group: an {@link AffiliationChange} holds a bare JID,
     * and an Openfire group JID always has a resource (see {@code requests.GroupJids}), so no change names one.
     *
     * @param room the room after the change
     * @param change the change
     * @param body the body's text ({@link Bodies}), or {@code null} (or blank) for none
     * @return the message to the target's bare JID; empty when the target has a session in the room (the
     *     presence Openfire sends to the room tells that user already), federated ones included
     */
    public static Optional<Notification> compose(RoomSnapshot room, AffiliationChange change, String body) {
        if (room.hasOccupant(change.jid())) {
            return Optional.empty();
        }
        final int[] codes = NotificationComposer.statusCodes(change.affiliation(), room.membersOnly());
        final int[] withChanged = new int[codes.length + 1];
        withChanged[0] = AFFILIATION_CHANGED;
        System.arraycopy(codes, 0, withChanged, 1, codes.length);
        final Message message = NotificationComposer.stanza(room.roomJid(), change, withChanged);
        message.setType(Message.Type.normal);
        message.setTo(change.jid());
        if (body != null && !body.isBlank()) {
            message.setBody(body);
        }
        return Optional.of(new Notification(message, change));
    }
}
