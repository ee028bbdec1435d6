package net.mucaffiliationnotify.live;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import net.mucaffiliationnotify.live.server.OpenfireInstance;

/**
 * The server the live suite runs against: a throwaway copy of an unpacked Openfire distribution it starts
 * itself ({@code live.openfire}), or a server already running ({@code live.host}).
 *
 * @param description for the report
 * @param host the c2s host
 * @param port the c2s port
 * @param domain the XMPP domain (the scenarios' users live there)
 * @param adminConsole the admin console's base address
 * @param adminUser the admin console's user
 * @param adminPassword its password
 * @param instance the copy the suite started, or {@code null} for a running server
 */
record LiveTarget(String description, String host, int port, String domain, URI adminConsole, String adminUser,
                  String adminPassword, OpenfireInstance instance) {
    LiveTarget {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(adminConsole, "adminConsole");
    }

    /** What to give when neither property is set. */
    static final String HOW = "give -Dlive.openfire=<unpacked Openfire distribution> (the suite starts a copy), or "
        + "-Dlive.host=<host> [-Dlive.port=5222] [-Dlive.admin=http://<host>:9090] [-Dlive.adminUser=admin] "
        + "[-Dlive.adminPassword=admin] for a running server with users user, user2, user3 (password 'password') "
        + "on domain localhost";

    /**
     * @param properties the system properties ({@code live.*})
     * @param workDir where a copy of the distribution goes
     * @return the target; a copy is prepared and started
     * @throws IllegalArgumentException when neither {@code live.openfire} nor {@code live.host} is given
     */
    static LiveTarget from(Map<String, String> properties, Path workDir) throws Exception {
        final String distribution = value(properties, "live.openfire");
        final String host = value(properties, "live.host");
        if (distribution != null) {
            final String address = properties.getOrDefault("live.address", "127.0.0.1");
            final OpenfireInstance instance = OpenfireInstance.prepare(Path.of(distribution), workDir, address);
            instance.start(Duration.ofMinutes(4));
            return new LiveTarget("a copy of " + distribution + " on " + instance.host(), instance.host(),
                instance.c2sPort(), "localhost", instance.adminConsole(), "admin", "admin", instance);
        }
        if (host != null) {
            final int port = Integer.parseInt(properties.getOrDefault("live.port", "5222"));
            final String admin = value(properties, "live.admin");
            return new LiveTarget("the running server " + host + ":" + port, host, port,
                properties.getOrDefault("live.domain", "localhost"),
                URI.create(admin != null ? admin : "http://" + host + ":9090"),
                properties.getOrDefault("live.adminUser", "admin"),
                properties.getOrDefault("live.adminPassword", "admin"), null);
        }
        throw new IllegalArgumentException("No server for the live suite: " + HOW);
    }

    /** @return the property's value, or {@code null} when it is unset or blank (Maven passes empty ones) */
    static String value(Map<String, String> properties, String key) {
        final String value = properties.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
