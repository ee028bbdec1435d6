package net.mucaffiliationnotify.openfire;

import java.security.SecureRandom;
import java.util.Base64;

import org.jivesoftware.util.SystemProperty;

/**
 * XEP-0463's own settings, as Openfire system properties (listed with their descriptions on the System
 * Properties page; Openfire keeps them in its database and propagates changes to every cluster node):
 * its global switch, the interval of the sweep that announces changes made outside XMPP, and the secret
 * that keys the version hashes.
 */
final class VersioningProperties {
    /** Whether versioning is on where notifications are on (V8). */
    static final String ENABLED_KEY = "plugin.mucaffiliationnotify.versioning.enabled";
    /** Seconds between two sweeps of the rooms with occupants (V7). */
    static final String SWEEP_KEY = "plugin.mucaffiliationnotify.versioning.sweepSeconds";
    /** The secret every node keys versions with (V2); created on first start. */
    static final String SECRET_KEY = "plugin.mucaffiliationnotify.versioning.secret";
    /** The sweep's default interval. */
    static final int DEFAULT_SWEEP_SECONDS = 10;

    final SystemProperty<Boolean> enabled;
    final SystemProperty<Integer> sweepSeconds;
    private final SystemProperty<String> secret;

    private VersioningProperties(SystemProperty<Boolean> enabled, SystemProperty<Integer> sweepSeconds,
                                 SystemProperty<String> secret) {
        this.enabled = enabled;
        this.sweepSeconds = sweepSeconds;
        this.secret = secret;
    }

    /** @return the properties, registered for this plugin (call once per plugin load) */
    static VersioningProperties register() {
        return new VersioningProperties(
            SystemProperty.Builder.ofType(Boolean.class)
                .setKey(ENABLED_KEY)
                .setDefaultValue(Boolean.TRUE)
                .setDynamic(true)
                .setPlugin(OpenfireSettingLevels.PLUGIN_NAME)
                .build(),
            SystemProperty.Builder.ofType(Integer.class)
                .setKey(SWEEP_KEY)
                .setDefaultValue(DEFAULT_SWEEP_SECONDS)
                .setMinValue(1)
                .setMaxValue(3600)
                .setDynamic(true)
                .setPlugin(OpenfireSettingLevels.PLUGIN_NAME)
                .build(),
            SystemProperty.Builder.ofType(String.class)
                .setKey(SECRET_KEY)
                .setEncrypted(true)
                .setDynamic(false)
                .setPlugin(OpenfireSettingLevels.PLUGIN_NAME)
                .build());
    }

    /** @return whether versioning is switched on globally */
    boolean enabled() {
        return !Boolean.FALSE.equals(enabled.getValue());
    }

    /** @return the sweep interval in seconds, at least 1 */
    int sweepSeconds() {
        final Integer value = sweepSeconds.getValue();
        return value == null || value < 1 ? DEFAULT_SWEEP_SECONDS : value;
    }

    /**
     * @return the version secret, created and stored on first use: every node reads the same one from
     *     Openfire's database, so every node computes the same version for the same state
     */
    byte[] secret() {
        final String stored = secret.getValue();
        if (stored != null && !stored.isBlank()) {
            return stored.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        final byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        final String created = Base64.getEncoder().encodeToString(random);
        SystemPropertyWriter.write(secret, created);
        // Read back: a node that started at the same instant may have stored its own first.
        final String kept = secret.getValue();
        return (kept == null || kept.isBlank() ? created : kept).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
