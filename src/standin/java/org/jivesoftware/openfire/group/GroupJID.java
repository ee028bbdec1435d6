package org.jivesoftware.openfire.group;

import org.xmpp.packet.JID;

/**
 * Stand-in for Openfire 5.1.1's GroupJID: a group's address, {@code base32hex(name)@domain/md5(name)}, kept as is
 * (resource included) in room lists. Only what the plugin and its tests call, with the real signatures.
 */
public class GroupJID extends JID {
    private static final long serialVersionUID = 5681300465012974014L;

    private GroupJID(JID source) {
        // As Openfire's: no stringprep again for a JID parsed already.
        super(source.getNode(), source.getDomain(), source.getResource(), true);
    }

    /**
     * As Openfire's, except that the stand-in takes any JID with a node and a resource for a group (Openfire also
     * checks that the resource is the digest of the decoded node: the plugin's GroupJids does that check).
     */
    public static JID fromString(String jid) {
        final JID parsed = new JID(jid);
        return parsed.getNode() == null || parsed.getResource() == null ? parsed : new GroupJID(parsed);
    }
}
