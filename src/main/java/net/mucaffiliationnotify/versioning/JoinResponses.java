package net.mucaffiliationnotify.versioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * The messages that answer a join presence carrying {@code <mav/>} (V4): nothing when the client holds the
 * current version, the differences when the history still reaches back to its version, the full list
 * otherwise; split into messages of at most {@code maxItems} items whose since/until chain from one to the
 * next, the last one's until being the room's current version. Items the joiner may not see (outcasts, for
 * members) are left out of full lists and read as {@code none} in differences.
 */
public final class JoinResponses {
    /** What a join answer gave the joiner. */
    public enum Kind {
        /** The differences since the joiner's version. */
        DIFF,
        /** The whole list: no version given, or one the history does not hold (or not visible then). */
        FULL_LIST,
        /** Nothing: the joiner's version is current. */
        CURRENT,
        /** The XEP's error: the joiner may not read the lists, now or at its version. */
        FORBIDDEN
    }

    private JoinResponses() {
    }

    /**
     * @param answer messages {@link #answer} returned for a joiner who may read the lists or was refused them
     * @return what they give the joiner
     */
    public static Kind kindOf(List<Message> answer) {
        if (answer.isEmpty()) {
            return Kind.CURRENT;
        }
        final Message first = answer.get(0);
        if (first.getType() == Message.Type.error) {
            return Kind.FORBIDDEN;
        }
        final Element x = first.getChildElement("x", Mav.MUC_USER);
        final Element mav = x == null ? null : x.element(QName.get("mav", Mav.NAMESPACE));
        return mav != null && mav.attributeValue("since") != null ? Kind.DIFF : Kind.FULL_LIST;
    }

    /**
     * The whole answer to a join Openfire accepted (V4): nothing for a joiner the room refused, the XEP's
     * error for one who may not read the lists now, or who presents a version from a time they could not
     * read them (XEP-0463, Security Considerations: "If an observer requests a version of which they
     * weren't a part of, a server MUST return an error"), otherwise the list or the differences. A diff thus
     * tells only what the joiner could have read both then and now; one who sees more now than then (the
     * outcasts) gets the full list.
     *
     * @param roomJid the bare room JID (the sender)
     * @param joiner the joining session's full JID
     * @param joinId the join presence's id, or {@code null}
     * @param since the version the client holds, or {@code null} for a bootstrap request
     * @param history the room's history, brought up to date; may be {@code null} unless {@code now} lists
     * @param now what the joiner may read now
     * @param hasher derives versions
     * @param maxItems most items per message (at least 1)
     * @return the messages, in order; empty when there is nothing to send
     */
    public static List<Message> answer(JID roomJid, JID joiner, String joinId, String since,
                                       AffiliationHistory history, ListAccess now, VersionHasher hasher, int maxItems) {
        if (now == ListAccess.NOTHING) {
            return List.of();
        }
        if (now == ListAccess.FORBIDDEN) {
            return List.of(forbidden(roomJid, joiner, joinId));
        }
        String from = since;
        if (since != null) {
            final ListAccess then = history.accessAt(since, joiner.toBareJID());
            if (then != null && !then.lists()) {
                return List.of(forbidden(roomJid, joiner, joinId));
            }
            if (then == null || (then == ListAccess.LIST_WITHOUT_OUTCASTS && now == ListAccess.LIST)) {
                from = null; // unknown then, or more visible now: only the present, in full
            }
        }
        return respond(roomJid, joiner, from, history, hasher, maxItems, now);
    }

    /**
     * @param roomJid the bare room JID (the sender)
     * @param joiner the joining session's full JID
     * @param since the version the client holds, or {@code null} for a bootstrap request
     * @param history the room's history, brought up to date
     * @param hasher derives versions
     * @param maxItems most items per message (at least 1)
     * @param access what the joiner may see ({@link ListAccess#lists()} must hold)
     * @return the messages, in order; empty when the client holds the current version
     */
    public static List<Message> respond(JID roomJid, JID joiner, String since, AffiliationHistory history,
                                        VersionHasher hasher, int maxItems, ListAccess access) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be positive: " + maxItems);
        }
        if (!access.lists()) {
            throw new IllegalArgumentException("No list for " + access);
        }
        final String room = roomJid.toBareJID();
        final List<Difference> changes = history.changesSince(since);
        if (changes != null && changes.isEmpty()) {
            return List.of();
        }
        final List<Difference> visible = changes == null ? null : viewed(changes, access);
        if (visible != null && !visible.isEmpty()) {
            return chain(roomJid, joiner, since, RoomVersion.parse(since), visible, history.version(), room, hasher,
                maxItems);
        }
        // A full response: no since given, an unknown one, or a change the joiner may not see (the XEP has
        // no empty diff, and the client must still learn the new version).
        final List<Difference> entries = new ArrayList<>();
        for (Map.Entry<String, MucAffiliation> entry : history.state().entrySet()) {
            final MucAffiliation seen = access.view(entry.getValue());
            if (seen != MucAffiliation.none) {
                entries.add(new Difference(entry.getKey(), MucAffiliation.none, seen));
            }
        }
        return chain(roomJid, joiner, null, hasher.empty(room), entries, history.version(), room, hasher, maxItems);
    }

    /**
     * Splits items into messages of at most {@code maxItems}, each one's since the previous one's until. An
     * intermediate until is the version of the state after the items so far; the last is the room's version.
     */
    private static List<Message> chain(JID roomJid, JID joiner, String since, RoomVersion start, List<Difference> items,
                                       String current, String room, VersionHasher hasher, int maxItems) {
        final List<Message> result = new ArrayList<>();
        if (items.isEmpty()) {
            result.add(message(roomJid, joiner, since, current, items));
            return result;
        }
        RoomVersion at = start;
        String from = since;
        for (int first = 0; first < items.size(); first += maxItems) {
            final int last = Math.min(items.size(), first + maxItems);
            final List<Difference> chunk = items.subList(first, last);
            final String until;
            if (last == items.size()) {
                until = current;
            } else {
                for (Difference item : chunk) {
                    at = hasher.step(room, at, item.jid(), item.before(), item.after());
                }
                until = at.toString();
            }
            result.add(message(roomJid, joiner, from, until, chunk));
            from = until;
        }
        return result;
    }

    /** The differences as the joiner sees them: outcasts hidden from them read as {@code none}. */
    private static List<Difference> viewed(List<Difference> changes, ListAccess access) {
        final List<Difference> result = new ArrayList<>(changes.size());
        for (Difference change : changes) {
            final MucAffiliation before = access.view(change.before());
            final MucAffiliation after = access.view(change.after());
            if (before != after) {
                result.add(new Difference(change.jid(), before, after));
            }
        }
        return result;
    }

    /**
     * The XEP's answer to a joiner who may not see the lists: a message error, auth, {@code forbidden}.
     *
     * @param roomJid the bare room JID
     * @param joiner the joining session's full JID
     * @param id the join presence's id, or {@code null}
     * @return the error message
     */
    public static Message forbidden(JID roomJid, JID joiner, String id) {
        final Message message = new Message();
        message.setType(Message.Type.error);
        message.setFrom(roomJid.asBareJID());
        message.setTo(joiner);
        if (id != null) {
            message.setID(id);
        }
        message.setError(new PacketError(PacketError.Condition.forbidden, PacketError.Type.auth));
        message.getElement().element("error").addAttribute("by", roomJid.toBareJID());
        return message;
    }

    private static Message message(JID roomJid, JID joiner, String since, String until, List<Difference> items) {
        final Message message = new Message();
        message.setFrom(roomJid.asBareJID());
        message.setTo(joiner);
        final Element x = message.addChildElement("x", Mav.MUC_USER);
        Mav.stamp(x, since, until);
        for (Difference item : items) {
            x.addElement("item").addAttribute("jid", item.jid()).addAttribute("affiliation", item.after().name());
        }
        return message;
    }
}
