package org.jivesoftware.openfire.muc;

import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;

import org.xmpp.packet.JID;

/** Stand-in for Openfire 5.1.1's MUCOccupant (members used by the plugin). */
public class MUCOccupant implements Externalizable {
    public MUCOccupant() {
    }

    public Role getRole() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public Affiliation getAffiliation() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public String getNickname() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public JID getUserAddress() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public boolean isRemoteFmuc() {
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
