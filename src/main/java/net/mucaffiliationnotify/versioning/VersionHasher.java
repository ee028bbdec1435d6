package net.mucaffiliationnotify.versioning;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * Derives versions from affiliation state (V2). Each entry hash is SHA-256 over a server-wide secret, the
 * room's JID, the member's bare JID and the affiliation, truncated to 128 bits; a room's version is the
 * room's own hash plus the entries' hashes. The secret keeps versions from confirming a guessed member list
 * to someone who may see versions but not lists; the room's JID keeps equal lists in two rooms apart.
 *
 * <p>Thread-safe: each hash works on a clone of a digest primed with the secret.</p>
 */
public final class VersionHasher {
    private static final byte SEPARATOR = 0;
    private final MessageDigest primed;

    /**
     * @param secret the server-wide secret; every cluster node must use the same one
     */
    public VersionHasher(byte[] secret) {
        try {
            primed = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
        primed.update(secret);
        primed.update(SEPARATOR);
    }

    /**
     * @param room the bare room JID
     * @return the version of the room with no affiliations
     */
    public RoomVersion empty(String room) {
        return hash(room, "", "room");
    }

    /**
     * @param room the bare room JID
     * @param state bare JID to affiliation; {@code none} entries are ignored
     * @return the version of that state
     */
    public RoomVersion of(String room, Map<String, MucAffiliation> state) {
        RoomVersion version = empty(room);
        for (Map.Entry<String, MucAffiliation> entry : state.entrySet()) {
            if (entry.getValue() != MucAffiliation.none) {
                version = version.plus(entry(room, entry.getKey(), entry.getValue()));
            }
        }
        return version;
    }

    /**
     * @param room the bare room JID
     * @param version the version before the change
     * @param jid the bare JID whose affiliation changes
     * @param before its affiliation before
     * @param after its affiliation after
     * @return the version after the change
     */
    public RoomVersion step(String room, RoomVersion version, String jid, MucAffiliation before,
                            MucAffiliation after) {
        RoomVersion result = version;
        if (before != MucAffiliation.none) {
            result = result.minus(entry(room, jid, before));
        }
        if (after != MucAffiliation.none) {
            result = result.plus(entry(room, jid, after));
        }
        return result;
    }

    private RoomVersion entry(String room, String jid, MucAffiliation affiliation) {
        return hash(room, jid, affiliation.name());
    }

    private RoomVersion hash(String room, String jid, String affiliation) {
        final MessageDigest digest;
        try {
            digest = (MessageDigest) primed.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests of the JDK can be cloned", e);
        }
        digest.update(room.getBytes(StandardCharsets.UTF_8));
        digest.update(SEPARATOR);
        digest.update(jid.getBytes(StandardCharsets.UTF_8));
        digest.update(SEPARATOR);
        digest.update(affiliation.getBytes(StandardCharsets.US_ASCII));
        final ByteBuffer bytes = ByteBuffer.wrap(digest.digest());
        return new RoomVersion(bytes.getLong(), bytes.getLong());
    }
}
