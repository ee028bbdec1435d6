package net.mucaffiliationnotify.rules;

import java.util.Objects;

import org.xmpp.packet.JID;

/** Bare-JID comparison without allocating the bare JIDs. */
public final class BareJids {
    private BareJids() {
    }

    /**
     * @param a a JID, full or bare
     * @param b another JID, full or bare
     * @return whether both have the same node and domain (JIDs are already normalised by stringprep)
     */
    public static boolean same(JID a, JID b) {
        return a.getDomain().equals(b.getDomain()) && Objects.equals(a.getNode(), b.getNode());
    }
}
