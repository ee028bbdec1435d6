package net.mucaffiliationnotify.versioning;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * A room's affiliation version: a 128-bit sum, modulo 2^128, of one keyed hash per (JID, affiliation) entry
 * plus a hash of the room itself. A sum rather than a digest of the whole list, so that a change of one JID
 * moves the version in constant time (subtract the old entry, add the new one) while the same state still
 * gives the same version on every node and after every restart (V2).
 *
 * @param hi the upper 64 bits
 * @param lo the lower 64 bits
 */
public record RoomVersion(long hi, long lo) {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Length of the string form: 16 bytes in unpadded base64url. */
    public static final int TEXT_LENGTH = 22;

    /**
     * @param other another 128-bit value
     * @return this plus other, modulo 2^128
     */
    public RoomVersion plus(RoomVersion other) {
        final long low = lo + other.lo;
        final long carry = Long.compareUnsigned(low, lo) < 0 ? 1 : 0;
        return new RoomVersion(hi + other.hi + carry, low);
    }

    /**
     * @param other another 128-bit value
     * @return this minus other, modulo 2^128
     */
    public RoomVersion minus(RoomVersion other) {
        final long low = lo - other.lo;
        final long borrow = Long.compareUnsigned(lo, other.lo) < 0 ? 1 : 0;
        return new RoomVersion(hi - other.hi - borrow, low);
    }

    /** @return the opaque version string clients see: 22 characters of base64url */
    @Override
    public String toString() {
        return ENCODER.encodeToString(ByteBuffer.allocate(16).putLong(hi).putLong(lo).array());
    }

    /**
     * @param text a version string, as {@link #toString()} writes it
     * @return the version, or {@code null} when the text is not one (a client's mistake, another server's)
     */
    public static RoomVersion parse(String text) {
        if (text == null || text.length() != TEXT_LENGTH) {
            return null;
        }
        final byte[] bytes;
        try {
            bytes = DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        final RoomVersion version = new RoomVersion(buffer.getLong(), buffer.getLong());
        // Only the canonical spelling: another spelling of the same bytes is not a version we gave out.
        return version.toString().equals(text) ? version : null;
    }
}
