package net.mucaffiliationnotify.settings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * A database for the store's contract tests: fresh, with Openfire's ofVersion table and the plugin's install
 * script for its type applied (or a released one, to upgrade); every connection it hands out is a new one in
 * auto-commit mode, as Openfire's pool hands them out.
 */
abstract class TestDatabase implements ConnectionSource, AutoCloseable {
    private final String type;

    TestDatabase(String type) {
        this.type = type;
    }

    /** @return the Openfire database type name ({@code hsqldb}, {@code postgresql}) */
    String type() {
        return type;
    }

    void install() throws Exception {
        try (Connection con = open()) {
            SchemaScripts.install(con, type);
        }
    }

    /** Installs the released install script of an earlier schema version, as a database that release left. */
    void installReleased(int version) throws Exception {
        try (Connection con = open()) {
            SchemaScripts.installReleased(con, version, type);
        }
    }

    /** Runs the upgrade scripts after {@code from}, as Openfire's SchemaManager does when the plugin loads. */
    void upgrade(int from) throws Exception {
        try (Connection con = open()) {
            SchemaScripts.upgrade(con, from, type);
        }
    }

    void clear() throws SQLException {
        try (Connection con = open(); Statement stmt = con.createStatement()) {
            stmt.executeUpdate("DELETE FROM " + SchemaScripts.TABLE);
            stmt.executeUpdate("DELETE FROM " + SchemaScripts.AFFECTED_USER_TABLE);
        }
    }

    /** @return the number of rows of a table, or of one room when {@code key} is given */
    int rowCount(String table, RoomKey key) throws SQLException {
        final String sql = key == null
                ? "SELECT COUNT(*) FROM " + table
                : "SELECT COUNT(*) FROM " + table + " WHERE serviceName=? AND roomName=?";
        try (Connection con = open(); PreparedStatement pstmt = con.prepareStatement(sql)) {
            if (key != null) {
                pstmt.setString(1, key.service());
                pstmt.setString(2, key.room());
            }
            try (ResultSet rs = pstmt.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** @return the stored {@code enabled} of a room in a table, or {@code null} when there is no row */
    Integer enabled(String table, RoomKey key) throws SQLException {
        final String value = column(table, key, "enabled");
        return value == null ? null : Integer.valueOf(value.trim());
    }

    /** @return the stored {@code modificationDate} of a room in a table, or {@code null} when there is no row */
    String modificationDate(String table, RoomKey key) throws SQLException {
        return column(table, key, "modificationDate");
    }

    private String column(String table, RoomKey key, String column) throws SQLException {
        try (Connection con = open();
             PreparedStatement pstmt = con.prepareStatement(
                     "SELECT " + column + " FROM " + table + " WHERE serviceName=? AND roomName=?")) {
            pstmt.setString(1, key.service());
            pstmt.setString(2, key.room());
            try (ResultSet rs = pstmt.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Writes a row directly, bypassing the store (for values the store never writes, or an older release's). */
    void insertRaw(String table, RoomKey key, int enabled) throws SQLException {
        try (Connection con = open();
             PreparedStatement pstmt = con.prepareStatement("INSERT INTO " + table
                     + " (serviceName, roomName, enabled, modificationDate) VALUES (?,?,?,?)")) {
            pstmt.setString(1, key.service());
            pstmt.setString(2, key.room());
            pstmt.setInt(3, enabled);
            pstmt.setString(4, "000000000000000");
            pstmt.executeUpdate();
        }
    }

    /** @return the schema version SchemaManager would read for the plugin, or -1 */
    int installedVersion() throws SQLException {
        try (Connection con = open();
             PreparedStatement pstmt = con.prepareStatement("SELECT version FROM ofVersion WHERE name=?")) {
            pstmt.setString(1, SchemaScripts.KEY);
            try (ResultSet rs = pstmt.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        }
    }

    /**
     * @return a new in-memory HSQLDB (Openfire's embedded database) in MVCC mode, so that transactions of
     *         several threads really overlap
     */
    static TestDatabase hsqldb() {
        final String url = "jdbc:hsqldb:mem:mucaffnotify_" + UUID.randomUUID().toString().replace("-", "")
                + ";hsqldb.tx=mvcc";
        return new TestDatabase("hsqldb") {
            @Override
            public Connection open() throws SQLException {
                return DriverManager.getConnection(url, "SA", "");
            }

            @Override
            public void close() throws SQLException {
                try (Connection con = open(); Statement stmt = con.createStatement()) {
                    stmt.execute("SHUTDOWN");
                }
            }
        };
    }

    /** Where the PostgreSQL tests connect: system properties first, then the environment, then defaults. */
    static final class PostgresSettings {
        final String url = setting("mucaff.pg.url", "MUCAFF_PG_URL",
                "jdbc:postgresql://127.0.0.1:5432/mucaffnotify_test");
        final String user = setting("mucaff.pg.user", "MUCAFF_PG_USER", "mucaffnotify");
        final String password = setting("mucaff.pg.password", "MUCAFF_PG_PASSWORD", "mucaffnotify");

        private static String setting(String property, String env, String fallback) {
            final String fromProperty = System.getProperty(property);
            if (fromProperty != null && !fromProperty.isBlank()) {
                return fromProperty;
            }
            final String fromEnv = System.getenv(env);
            return fromEnv != null && !fromEnv.isBlank() ? fromEnv : fallback;
        }

        @Override
        public String toString() {
            return url + " as " + user + " (set MUCAFF_PG_URL, MUCAFF_PG_USER, MUCAFF_PG_PASSWORD or the "
                    + "system properties mucaff.pg.url, mucaff.pg.user, mucaff.pg.password)";
        }
    }

    /**
     * A fresh schema in the PostgreSQL database the settings name (a new, empty namespace: the plugin's
     * script installs as on a new Openfire database); dropped on {@link #close()}.
     *
     * @throws SQLException when PostgreSQL cannot be reached
     */
    static TestDatabase postgresql(PostgresSettings settings) throws SQLException {
        final String schema = "mucaffnotify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        final Properties plain = new Properties();
        plain.setProperty("user", settings.user);
        plain.setProperty("password", settings.password);
        plain.setProperty("connectTimeout", "5");
        try (Connection con = DriverManager.getConnection(settings.url, plain);
             Statement stmt = con.createStatement()) {
            stmt.execute("CREATE SCHEMA " + schema);
        }
        final Properties inSchema = new Properties();
        inSchema.putAll(plain);
        inSchema.setProperty("currentSchema", schema);
        return new TestDatabase("postgresql") {
            @Override
            public Connection open() throws SQLException {
                return DriverManager.getConnection(settings.url, inSchema);
            }

            @Override
            public void close() throws SQLException {
                try (Connection con = DriverManager.getConnection(settings.url, plain);
                     Statement stmt = con.createStatement()) {
                    stmt.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        };
    }

    @Override
    public abstract void close() throws SQLException;
}
