package org.jivesoftware.openfire.group;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

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
     * As Openfire's: a GroupJID when the resource is the MD5 of the node's base32hex decoding, the JID as parsed
     * otherwise (the stand-in decodes strictly; Openfire's lenient decoding is what the plugin's GroupJids copies).
     */
    public static JID fromString(String jid) {
        final JID parsed = new JID(jid);
        if (parsed.getNode() == null || parsed.getResource() == null) {
            return parsed;
        }
        final String name = decodeBase32Hex(parsed.getNode());
        return name != null && md5Hex(name).equals(parsed.getResource()) ? new GroupJID(parsed) : parsed;
    }

    private static String decodeBase32Hex(String node) {
        final String digits = "0123456789abcdefghijklmnopqrstuv";
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int bits = 0;
        int count = 0;
        for (char c : node.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '=') {
                break;
            }
            final int digit = digits.indexOf(c);
            if (digit < 0) {
                return null;
            }
            bits = (bits << 5) | digit;
            count += 5;
            if (count >= 8) {
                count -= 8;
                out.write((bits >> count) & 0xff);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String md5Hex(String name) {
        try {
            final StringBuilder hex = new StringBuilder();
            for (byte b : MessageDigest.getInstance("MD5").digest(name.getBytes(StandardCharsets.UTF_8))) {
                hex.append(String.format("%02x", b & 0xff));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
