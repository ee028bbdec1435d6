package org.jivesoftware.openfire.muc;

import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.util.Collection;

import org.xmpp.packet.JID;

/** Stand-in for Openfire 5.1.1's MUCRoom (members used by the plugin). */
public class MUCRoom implements Externalizable {
    public MUCRoom() {
    }

    public String getName() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public JID getJID() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public long getID() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public MultiUserChatService getMUCService() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public Collection<MUCOccupant> getOccupants() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public Collection<JID> getOwners() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public Collection<JID> getAdmins() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public Collection<JID> getMembers() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public Collection<JID> getOutcasts() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public String getNaturalLanguageName() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public String getDescription() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public Affiliation getAffiliation(JID userAddress) {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public boolean isRegistrationEnabled() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public boolean isMembersOnly() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public boolean canAnyoneDiscoverJID() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException, ClassNotFoundException {
        throw new UnsupportedOperationException("Openfire stand-in");
    }
}
