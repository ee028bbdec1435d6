package net.mucaffiliationnotify.requests;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

import org.xmpp.packet.JID;

/**
 * Recognises Openfire group JIDs, which Openfire accepts in affiliation lists: the node is the group's name
 * in base32hex and the resource the MD5 hex digest of that name (Openfire's GroupJID). Such an entry is a
 * group, not a user, and is never announced: the item would carry a full JID no client can use.
 */
public final class GroupJids {
    private static final String BASE32HEX = "0123456789ABCDEFGHIJKLMNOPQRSTUV";

    private GroupJids() {
    }

    /**
     * @param jid a JID as a request gave it
     * @return whether Openfire would take it for a group JID
     */
    public static boolean isGroup(JID jid) {
        final String node = jid.getNode();
        final String resource = jid.getResource();
        if (node == null || resource == null || resource.length() != 32) {
            return false;
        }
        final byte[] name = decodeBase32Hex(node);
        return name != null && md5Hex(name).equals(resource);
    }

    private static byte[] decodeBase32Hex(String text) {
        final String value = text.toUpperCase(Locale.ROOT);
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == '=') {
            end--;
        }
        final byte[] out = new byte[end * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (int i = 0; i < end; i++) {
            final int digit = BASE32HEX.indexOf(value.charAt(i));
            if (digit < 0) {
                return null;
            }
            buffer = (buffer << 5) | digit;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                if (index < out.length) {
                    out[index++] = (byte) (buffer >> bits);
                }
                buffer &= (1 << bits) - 1;
            }
        }
        return out;
    }

    private static String md5Hex(byte[] data) {
        try {
            final byte[] digest = MessageDigest.getInstance("MD5")
                .digest(new String(data, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
            final StringBuilder hex = new StringBuilder(32);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }
}
