package net.mucaffiliationnotify.requests;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

import org.xmpp.packet.JID;

/**
 * Recognises Openfire group JIDs, which Openfire accepts in affiliation lists: the node is the group's name
 * in base32hex and the resource the MD5 hex digest of that name (Openfire's GroupJID). Such an entry is a
 * group, not a user, and is never announced: the item would carry a full JID no client can use.
 *
 * <p>A copy of {@code org.jivesoftware.openfire.group.GroupJID.isGroup(JID)}, because this package is pure: it
 * compiles and is tested without Openfire, and GroupJID lives in xmppserver. GroupJidsTest checks that both
 * agree on JIDs recorded from the real class (src/test/openfire-groupjids/record.sh).</p>
 */
public final class GroupJids {
    private static final String BASE32HEX = "0123456789ABCDEFGHIJKLMNOPQRSTUV";

    private GroupJids() {
    }

    /**
     * @param jid a JID as a request gave it
     * @return whether Openfire would take it for a group JID: the resource is the MD5 of what Openfire's
     *     base32hex decoding makes of the node (in any domain; whether the group exists is not asked)
     */
    public static boolean isGroup(JID jid) {
        final String node = jid.getNode();
        final String resource = jid.getResource();
        if (node == null || resource == null || resource.length() != 32) {
            return false;
        }
        // Openfire upper-cases in the default locale; the root locale differs only in Turkic locales (i),
        // where Openfire would fail to recognise its own group JIDs.
        final String digits = node.toUpperCase(Locale.ROOT);
        return isBase32Hex(digits) && md5Hex(decodeBase32Hex(digits)).equals(resource);
    }

    /**
     * Openfire's StringUtils.isBase32, i.e. commons-codec's {@code Base32.isInAlphabet(String)}: only digits,
     * padding and white space, padding allowed anywhere.
     */
    private static boolean isBase32Hex(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            final char c = digits.charAt(i);
            if (BASE32HEX.indexOf(c) < 0 && c != '=' && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * Openfire's StringUtils.decodeBase32, i.e. the lenient decoding of commons-codec 1.15 (the version Openfire
     * ships), quirks included: the first '=' ends the data whatever follows, white space is skipped, bits that
     * make no whole byte are dropped, except that a lone last digit of a block of eight (5 bits) still yields a
     * byte: the 5 bits of the digit before it, then the lone digit's top 3 bits.
     */
    private static byte[] decodeBase32Hex(String digits) {
        final byte[] out = new byte[digits.length() * 5 / 8 + 1];
        int length = 0;
        long bits = 0; // every digit so far, shifted in from the right; only the last 40 bits matter
        int inBlock = 0; // digits of the current block of eight (five bytes)
        for (int i = 0; i < digits.length(); i++) {
            final char c = digits.charAt(i);
            if (c == '=') {
                break;
            }
            final int digit = BASE32HEX.indexOf(c);
            if (digit < 0) {
                continue;
            }
            bits = (bits << 5) + digit;
            inBlock = (inBlock + 1) % 8;
            if (inBlock == 0) {
                for (int shift = 32; shift >= 0; shift -= 8) {
                    out[length++] = (byte) (bits >> shift);
                }
            }
        }
        final int bytes;
        final int spare;
        switch (inBlock) {
            case 1: bytes = 1; spare = 2; break; // commons-codec 1.15 falls through to the two-digit case
            case 2: bytes = 1; spare = 2; break;
            case 3: bytes = 1; spare = 7; break;
            case 4: bytes = 2; spare = 4; break;
            case 5: bytes = 3; spare = 1; break;
            case 6: bytes = 3; spare = 6; break;
            case 7: bytes = 4; spare = 3; break;
            default: bytes = 0; spare = 0; break;
        }
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            out[length++] = (byte) (bits >> (spare + shift));
        }
        return Arrays.copyOf(out, length);
    }

    /** Openfire's StringUtils.hash(String) of the decoded name: bytes that are not UTF-8 become U+FFFD first. */
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
