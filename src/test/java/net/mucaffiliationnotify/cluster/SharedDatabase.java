package net.mucaffiliationnotify.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import net.mucaffiliationnotify.settings.ConnectionSource;

/**
 * The one database every node of a cluster shares (Openfire's nodes all use the same database): an in-memory
 * HSQLDB, set up as Openfire would set it up for the plugin: Openfire's {@code ofVersion} table, then the
 * plugin's {@code mucaffiliationnotify_hsqldb.sql} install script.
 */
final class SharedDatabase implements AutoCloseable {
    private static final Path SCRIPT = Paths.get(System.getProperty("basedir", "."),
        "src", "main", "database", "mucaffiliationnotify_hsqldb.sql");

    private final String url = "jdbc:hsqldb:mem:mucaffnotify-cluster-" + UUID.randomUUID();

    SharedDatabase() throws SQLException, IOException {
        try (Connection con = open(); Statement st = con.createStatement()) {
            // Openfire's own table, which every plugin install script writes its version into.
            st.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL,"
                + " CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
            for (String sql : statements(Files.readString(SCRIPT, StandardCharsets.UTF_8))) {
                st.execute(sql);
            }
        }
    }

    /** The script's statements, as Openfire's SchemaManager reads them: comment lines dropped, split at ';'. */
    private static List<String> statements(String script) {
        final List<String> result = new ArrayList<>();
        final StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            final String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("//") || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                final String sql = current.toString().trim();
                result.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            result.add(current.toString().trim());
        }
        return result;
    }

    Connection open() throws SQLException {
        return DriverManager.getConnection(url, "SA", "");
    }

    ConnectionSource connections() {
        return this::open;
    }

    /** @return the stored rows of the notification setting, "service/room" to enabled (1 on, 0 off) */
    Map<String, Integer> rows() throws SQLException {
        return rows("ofMucAffNotifyRoom");
    }

    /** @return the stored rows of the setting for telling the affected user, "service/room" to enabled */
    Map<String, Integer> affectedUserRows() throws SQLException {
        return rows("ofMucAffNotifyAffected");
    }

    private Map<String, Integer> rows(String table) throws SQLException {
        final Map<String, Integer> rows = new TreeMap<>();
        try (Connection con = open(); Statement st = con.createStatement();
             ResultSet rs = st.executeQuery("SELECT serviceName, roomName, enabled FROM " + table)) {
            while (rs.next()) {
                rows.put(rs.getString(1) + "/" + rs.getString(2), rs.getInt(3));
            }
        }
        return rows;
    }

    @Override
    public void close() throws SQLException {
        try (Connection con = open(); Statement st = con.createStatement()) {
            st.execute("SHUTDOWN");
        }
    }
}
