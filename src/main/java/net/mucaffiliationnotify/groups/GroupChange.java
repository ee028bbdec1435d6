package net.mucaffiliationnotify.groups;

import java.util.Objects;

import org.xmpp.packet.JID;

/**
 * A change to an Openfire group that changes who its group JID stands for in room lists, as
 * {@link GroupChangeChecks} needs to know it. Equal changes are one: the same group's users changing twice
 * before the rooms are looked up is one look-up.
 *
 * @param kind what changed
 * @param group the group's JID ({@code base32hex(name)@domain/md5(name)}, as room lists hold it); after a
 *     rename, the new one
 * @param former before a rename, the group's former JID; otherwise {@code null}
 */
public record GroupChange(Kind kind, JID group, JID former) {
    /** What changed. */
    public enum Kind {
        /** A user became or stopped being one of the group's members or administrators. */
        USERS,
        /** The group is being deleted: Openfire's loaded rooms drop its JID from their lists meanwhile. */
        DELETED,
        /** The group was renamed: Openfire's loaded rooms replace its former JID with the new one meanwhile. */
        RENAMED
    }

    public GroupChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(group, "group");
        if ((kind == Kind.RENAMED) != (former != null)) {
            throw new IllegalArgumentException("a former JID comes with a rename, and only with one");
        }
    }

    /** @return a change of the group's members or administrators */
    public static GroupChange users(JID group) {
        return new GroupChange(Kind.USERS, group, null);
    }

    /** @return the group's deletion */
    public static GroupChange deleted(JID group) {
        return new GroupChange(Kind.DELETED, group, null);
    }

    /** @return the group's rename from {@code former} to {@code group} */
    public static GroupChange renamed(JID group, JID former) {
        return new GroupChange(Kind.RENAMED, group, former);
    }
}
