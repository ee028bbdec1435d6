package net.mucaffiliationnotify.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The plugin's install and upgrade scripts, the released install scripts of earlier schema versions
 * ({@code src/test/database/<n>/}), and how Openfire's SchemaManager (5.1.1) feeds them to the database: line by
 * line; blank lines and lines starting with {@code //}, {@code --}, {@code #}, {@code REM}, {@code /*} or
 * {@code *} are left out; a statement ends with the first line that ends with {@code ;} (comment lines
 * included); statements are sent one by one through a plain {@link Statement}; for Oracle and DB2 the last
 * character (the {@code ;}) is cut off; text after the last {@code ;} is never sent.
 */
final class SchemaScripts {
    static final String KEY = "mucaffiliationnotify";
    static final String TABLE = "ofMucAffNotifyRoom";
    /** The table schema version 1 added. */
    static final String AFFECTED_USER_TABLE = "ofMucAffNotifyAffected";
    /** The schema version the current scripts install, plugin.xml's {@code databaseVersion}. */
    static final int VERSION = 1;

    /** The types Openfire 5.1.1 ships install scripts for (distribution/src/database/openfire_*.sql). */
    static final List<String> TYPES = List.of(
            "cockroachdb", "db2", "firebird", "hsqldb", "mariadb", "mysql", "oracle", "postgresql", "sqlserver",
            "sybase");

    /** How Openfire's hsqldb and postgresql install scripts define ofVersion (same columns and key on both). */
    static final String OF_VERSION_DDL = "CREATE TABLE ofVersion ("
            + " name VARCHAR(50) NOT NULL,"
            + " version INTEGER NOT NULL,"
            + " CONSTRAINT ofVersion_pk PRIMARY KEY (name))";

    private SchemaScripts() {
    }

    static Path directory() {
        return Paths.get("src", "main", "database");
    }

    static Path path(String type) {
        return directory().resolve(fileName(type));
    }

    static String fileName(String type) {
        return KEY + "_" + type + ".sql";
    }

    /** @return where SchemaManager looks for the script that brings a schema to {@code version} */
    static Path upgradePath(int version, String type) {
        return directory().resolve("upgrade").resolve(Integer.toString(version)).resolve(fileName(type));
    }

    /** @return the install script of an earlier schema version, as released */
    static Path releasedPath(int version, String type) {
        return Paths.get("src", "test", "database", Integer.toString(version), fileName(type));
    }

    static String read(String type) throws IOException {
        return read(path(type));
    }

    static String read(Path script) throws IOException {
        return new String(Files.readAllBytes(script), StandardCharsets.UTF_8);
    }

    /** What SchemaManager sends, and what it would silently drop. */
    record Split(List<String> statements, String unterminated) {
    }

    static boolean isSkippedLine(String trimmed) {
        return trimmed.isEmpty() || trimmed.startsWith("//") || trimmed.startsWith("--") || trimmed.startsWith("#")
                || trimmed.startsWith("REM") || trimmed.startsWith("/*") || trimmed.startsWith("*");
    }

    static Split split(String script, String type) {
        final boolean cutLastChar = type.equals("oracle") || type.equals("db2");
        final List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R", -1)) {
            final String trimmed = line.trim();
            if (!isSkippedLine(trimmed)) {
                current.append(' ').append(line);
            }
            if (trimmed.endsWith(";")) {
                if (current.length() > 0) {
                    String statement = current.toString();
                    if (cutLastChar) {
                        statement = statement.substring(0, statement.length() - 1);
                    }
                    statements.add(statement);
                }
                current = new StringBuilder();
            }
        }
        return new Split(statements, current.toString().trim());
    }

    /** Runs a script the way SchemaManager does (on a connection in auto-commit mode). */
    static void execute(Connection con, Path script, String type) throws IOException, SQLException {
        for (String statement : split(read(script), type).statements()) {
            try (Statement stmt = con.createStatement()) {
                stmt.execute(statement);
            } catch (SQLException e) {
                throw new SQLException("Failed in " + script + ": " + statement + " — " + e.getMessage(),
                        e.getSQLState(), e);
            }
        }
    }

    /** Creates Openfire's ofVersion table, then runs the plugin's script: a fresh Openfire database plus the plugin. */
    static void install(Connection con, String type) throws IOException, SQLException {
        createOfVersion(con);
        execute(con, path(type), type);
    }

    /** As {@link #install}, with the released install script of an earlier schema version. */
    static void installReleased(Connection con, int version, String type) throws IOException, SQLException {
        createOfVersion(con);
        execute(con, releasedPath(version, type), type);
    }

    private static void createOfVersion(Connection con) throws SQLException {
        try (Statement stmt = con.createStatement()) {
            stmt.execute(OF_VERSION_DDL);
        }
    }

    /**
     * What SchemaManager does when the plugin's {@code databaseVersion} is above the recorded one: runs
     * {@code upgrade/<n>/} for every version after the recorded one up to the plugin's.
     */
    static void upgrade(Connection con, int from, String type) throws IOException, SQLException {
        for (int version = from + 1; version <= VERSION; version++) {
            execute(con, upgradePath(version, type), type);
        }
    }

    /** @return whitespace collapsed to single spaces, trimmed */
    static String normalize(String sql) {
        return sql.replaceAll("\\s+", " ").trim();
    }
}
