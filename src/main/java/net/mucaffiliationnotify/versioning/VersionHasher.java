package net.mucaffiliationnotify.versioning;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * Derives versions from affiliation state (V2). Each entry hash is HMAC-SHA256, keyed with a server-wide
 * secret, of the room's JID, the member's bare JID and the affiliation (separated by zero bytes), truncated
 * to 128 bits; a room's version is the room's own hash plus the entries' hashes. The secret keeps versions
 * from confirming a guessed member list to someone who may see versions but not lists; the room's JID keeps
 * equal lists in two rooms apart. HMAC rather than a hash of the secret followed by the data: it is the
 * standard keyed hash, made for exactly this, and has no length-extension property (1.2.0 and before used
 * SHA-256 over the secret and the data; {@link AffiliationHistory} derives such histories' versions anew).
 *
 * <p>Thread-safe: {@link Mac} is not, so each thread hashes with its own, cloned once from one keyed with the
 * secret (a clone per hash cost 1.6 times the time of the former SHA-256 and as much allocation). A thread's
 * Mac holds JDK classes only, so a pooled Openfire thread keeps no class of the plugin's after an unload.</p>
 */
public final class VersionHasher {
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte SEPARATOR = 0;
    private final Mac primed;
    private final ThreadLocal<Mac> perThread;

    /**
     * @param secret the server-wide secret; every cluster node must use the same one
     */
    public VersionHasher(byte[] secret) {
        // HMAC pads a key shorter than a block with zeros, so an empty secret is one zero byte (which
        // SecretKeySpec, refusing empty keys, accepts).
        final byte[] key = secret.length == 0 ? new byte[1] : secret;
        try {
            primed = Mac.getInstance(ALGORITHM);
            primed.init(new SecretKeySpec(key, ALGORITHM));
            primed.clone(); // fail here, not on the first hash, with a provider whose Mac cannot be cloned
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException("Every Java platform has a cloneable HmacSHA256", e);
        }
        perThread = ThreadLocal.withInitial(this::keyedMac);
    }

    private Mac keyedMac() {
        try {
            return (Mac) primed.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("Checked when the hasher was made", e);
        }
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
        final Mac mac = perThread.get();
        mac.update(room.getBytes(StandardCharsets.UTF_8));
        mac.update(SEPARATOR);
        mac.update(jid.getBytes(StandardCharsets.UTF_8));
        mac.update(SEPARATOR);
        mac.update(affiliation.getBytes(StandardCharsets.US_ASCII));
        final ByteBuffer bytes = ByteBuffer.wrap(mac.doFinal()); // doFinal also resets it for the next hash
        return new RoomVersion(bytes.getLong(), bytes.getLong());
    }
}
