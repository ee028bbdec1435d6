package net.mucaffiliationnotify.live.xmpp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SASL SCRAM-SHA-1 (RFC 5802) without channel binding ({@code n,,}). One instance
 * per authentication: {@link #clientFirst()}, then {@link #clientFinal} with the server's challenge, then
 * {@link #verifyServerFinal} with the data of {@code <success/>}. The password is used as given (no
 * SASLprep), which is enough for the ASCII passwords of test accounts.
 */
final class ScramSha1 {

    private static final String GS2_HEADER = "n,,";

    private final String password;
    private final String clientFirstBare;
    private final String clientNonce;
    private byte[] saltedPassword;
    private String authMessage;

    ScramSha1(String user, String password) {
        this(user, password, randomNonce());
    }

    /** With a given nonce: for tests against the RFC's example exchange. */
    ScramSha1(String user, String password, String clientNonce) {
        this.password = password;
        this.clientNonce = clientNonce;
        String saslName = user.replace("=", "=3D").replace(",", "=2C");
        this.clientFirstBare = "n=" + saslName + ",r=" + clientNonce;
    }

    /** The client-first-message. */
    String clientFirst() {
        return GS2_HEADER + clientFirstBare;
    }

    /** The client-final-message (with the proof) for the server-first-message. */
    String clientFinal(String serverFirst) throws IOException {
        Map<String, String> fields = fields(serverFirst);
        String nonce = fields.get("r");
        String salt = fields.get("s");
        String iterations = fields.get("i");
        if (nonce == null || salt == null || iterations == null) {
            throw new IOException("SCRAM: incomplete server-first-message: " + serverFirst);
        }
        if (!nonce.startsWith(clientNonce)) {
            throw new IOException("SCRAM: the server's nonce does not extend ours");
        }
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(GS2_HEADER.getBytes(StandardCharsets.UTF_8))
                + ",r=" + nonce;
        authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        try {
            saltedPassword = hi(password.getBytes(StandardCharsets.UTF_8), Base64.getDecoder().decode(salt),
                    Integer.parseInt(iterations));
            byte[] clientKey = hmac(saltedPassword, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-1").digest(clientKey);
            byte[] signature = hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ signature[i]);
            }
            return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("SCRAM: cannot compute the proof: " + e.getMessage(), e);
        }
    }

    /** True when the server-final-message carries the signature only a server knowing the password can make. */
    boolean verifyServerFinal(String serverFinal) throws IOException {
        try {
            byte[] serverKey = hmac(saltedPassword, "Server Key");
            String expected = Base64.getEncoder().encodeToString(hmac(serverKey, authMessage));
            return expected.equals(fields(serverFinal).get("v"));
        } catch (GeneralSecurityException e) {
            throw new IOException("SCRAM: cannot check the server's signature: " + e.getMessage(), e);
        }
    }

    /** Hi() of RFC 5802: PBKDF2 with HMAC-SHA-1, one block. */
    private static byte[] hi(byte[] password, byte[] salt, int iterations) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(password, "HmacSHA1"));
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> fields(String message) {
        Map<String, String> fields = new HashMap<>();
        for (String part : message.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return fields;
    }

    private static String randomNonce() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
