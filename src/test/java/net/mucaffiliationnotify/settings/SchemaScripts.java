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
 * The plugin's install scripts, and how Openfire's SchemaManager (5.1.1) feeds them to the database: line by
 * line; blank lines and lines starting with {@code //}, {@code --}, {@code #}, {@code REM}, {@code /*} or
 * {@code *} are left out; a statement ends with the first line that ends with {@code ;} (comment lines
 * included); statements are sent one by one through a plain {@link Statement}; for Oracle and DB2 the last
 * character (the {@code ;}) is cut off; text after the last {@code ;} is never sent.
 */
final class SchemaScripts {
    static final String KEY = "mucaffiliationnotify";
    static final String TABLE = "ofMucAffNotifyRoom";

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
        return directory().resolve(KEY + "_" + type + ".sql");
    }

    static String read(String type) throws IOException {
        return new String(Files.readAllBytes(path(type)), StandardCharsets.UTF_8);
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
    static void execute(Connection con, String type) throws IOException, SQLException {
        for (String statement : split(read(type), type).statements()) {
            try (Statement stmt = con.createStatement()) {
                stmt.execute(statement);
            } catch (SQLException e) {
                throw new SQLException("Failed in " + path(type) + ": " + statement + " — " + e.getMessage(),
                        e.getSQLState(), e);
            }
        }
    }

    /** Creates Openfire's ofVersion table, then runs the plugin's script: a fresh Openfire database plus the plugin. */
    static void install(Connection con, String type) throws IOException, SQLException {
        try (Statement stmt = con.createStatement()) {
            stmt.execute(OF_VERSION_DDL);
        }
        execute(con, type);
    }

    /** @return whitespace collapsed to single spaces, trimmed */
    static String normalize(String sql) {
        return sql.replaceAll("\\s+", " ").trim();
    }
}
