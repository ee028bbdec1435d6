package net.mucaffiliationnotify.settings;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.Test;
import org.w3c.dom.Document;

/**
 * The plugin's install scripts, database/mucaffiliationnotify_&lt;type&gt;.sql: one per database type Openfire
 * 5.1.1 ships scripts for, each creating the table with its key and recording the schema version last, cut
 * into statements the way Openfire's SchemaManager cuts them; and the hsqldb one really run on Openfire's
 * embedded database.
 */
public class SchemaScriptsTest {
    private static final String VERSION_INSERT =
            "INSERT INTO ofVersion (name, version) VALUES ('mucaffiliationnotify', 0)";

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "CREATE TABLE ofMucAffNotifyRoom \\( ?"
                    + "serviceName N?VARCHAR2?\\(255\\) NOT NULL, "
                    + "roomName N?VARCHAR2?\\(255\\) NOT NULL, "
                    + "enabled (INTEGER|INT|TINYINT) NOT NULL, "
                    + "modificationDate CHAR\\(15\\) NOT NULL, "
                    + "(CONSTRAINT ofMucAffNotifyRoom_pk )?PRIMARY KEY (NONCLUSTERED )?\\(serviceName, roomName\\) ?\\);?");

    @Test
    public void everyExpectedScriptExists() {
        final List<String> missing = SchemaScripts.TYPES.stream()
                .filter(type -> !Files.isRegularFile(SchemaScripts.path(type)))
                .collect(Collectors.toList());
        assertTrue("Missing install scripts for " + missing + " in " + SchemaScripts.directory(), missing.isEmpty());
    }

    @Test
    public void noScriptForAnUnknownType() throws IOException {
        final Set<String> expected = SchemaScripts.TYPES.stream()
                .map(type -> SchemaScripts.KEY + "_" + type + ".sql")
                .collect(Collectors.toCollection(TreeSet::new));
        try (Stream<Path> files = Files.list(SchemaScripts.directory())) {
            final Set<String> unexpected = files.filter(Files::isRegularFile)
                    .map(path -> path.getFileName().toString())
                    .filter(name -> !expected.contains(name))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertTrue("Openfire would never load " + unexpected + " (names are <key>_<DatabaseType>.sql)",
                    unexpected.isEmpty());
        }
    }

    @Test
    public void pluginXmlDeclaresTheSchemaKeyAndVersionTheScriptsRecord() throws Exception {
        final Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Paths.get("plugin.xml").toFile());
        assertEquals(SchemaScripts.KEY, doc.getElementsByTagName("databaseKey").item(0).getTextContent().trim());
        assertEquals("0", doc.getElementsByTagName("databaseVersion").item(0).getTextContent().trim());
    }

    @Test
    public void eachScriptCreatesTheTableWithItsPrimaryKey() throws IOException {
        final List<String> wrong = new ArrayList<>();
        for (String type : SchemaScripts.TYPES) {
            final List<String> statements = statementsOf(type);
            if (statements.isEmpty() || !CREATE_TABLE.matcher(statements.get(0)).matches()) {
                wrong.add(type + ": " + (statements.isEmpty() ? "(no statement)" : statements.get(0)));
            }
        }
        assertTrue("Scripts whose first statement is not the expected CREATE TABLE:\n" + String.join("\n", wrong),
                wrong.isEmpty());
    }

    @Test
    public void eachScriptEndsWithTheVersionInsert() throws IOException {
        final List<String> wrong = new ArrayList<>();
        for (String type : SchemaScripts.TYPES) {
            final List<String> statements = statementsOf(type);
            // Openfire's openfire_oracle.sql commits after its last insert; ours does the same.
            final List<String> expectedTail = type.equals("oracle")
                    ? List.of(VERSION_INSERT, "commit")
                    : List.of(VERSION_INSERT);
            final int size = 1 + expectedTail.size();
            if (statements.size() != size
                    || !statements.subList(1, size).stream().map(s -> s.replaceAll(";$", "")).collect(Collectors.toList())
                            .equals(expectedTail)) {
                wrong.add(type + ": " + statements);
            }
        }
        assertTrue("Scripts that are not CREATE TABLE then the ofVersion insert (version 0):\n"
                + String.join("\n", wrong), wrong.isEmpty());
    }

    /**
     * SchemaManager ends a statement only at a line ending with {@code ;}, and drops whatever follows the last
     * one: every statement of every script it runs must end so. It has no notion of {@code go}. For Oracle and
     * DB2 it cuts the last character, which must therefore be the {@code ;} itself.
     */
    @Test
    public void schemaManagerSendsEveryStatement() throws IOException {
        final List<String> wrong = new ArrayList<>();
        for (String type : SchemaScripts.TYPES) {
            if (type.equals("sybase")) {
                continue;
            }
            final SchemaScripts.Split split = SchemaScripts.split(SchemaScripts.read(type), type);
            if (!split.unterminated().isEmpty()) {
                wrong.add(type + ": never sent: " + split.unterminated());
            }
            for (String statement : split.statements()) {
                if (statement.matches("(?is).*\\bgo\\s*;?\\s*$")) {
                    wrong.add(type + ": 'go' would be sent as SQL: " + statement);
                }
                final boolean cut = type.equals("oracle") || type.equals("db2");
                if (cut ? statement.contains(";") || statement.endsWith(" ") : !statement.trim().endsWith(";")) {
                    wrong.add(type + ": badly terminated: [" + statement + "]");
                }
            }
        }
        assertTrue(String.join("\n", wrong), wrong.isEmpty());
    }

    /**
     * Openfire 5.1.1 has no database type "sybase" (an ASE server is not recognised), so its SchemaManager never
     * runs openfire_sybase.sql; that script is for isql and has no terminators. Ours is written alike.
     */
    @Test
    public void sybaseScriptIsWrittenLikeOpenfiresForIsql() throws IOException {
        final String script = SchemaScripts.read("sybase");
        final List<String> sql = script.lines().map(String::trim)
                .filter(line -> !SchemaScripts.isSkippedLine(line)).collect(Collectors.toList());
        assertFalse("no ; terminators, as in openfire_sybase.sql", sql.stream().anyMatch(l -> l.endsWith(";")));
        assertFalse("no go lines, as in openfire_sybase.sql", sql.stream().anyMatch(l -> l.equalsIgnoreCase("go")));
        final List<String> statements = statementsOf("sybase");
        assertEquals(statements.toString(), 2, statements.size());
        assertEquals(VERSION_INSERT, statements.get(1));
    }

    @Test
    public void commentsUseTheStyleOfOpenfiresScriptForTheType() throws IOException {
        final List<String> wrong = new ArrayList<>();
        for (String type : SchemaScripts.TYPES) {
            final String marker = switch (type) {
                case "hsqldb" -> "//";
                case "mysql", "mariadb" -> "#";
                case "sqlserver", "sybase" -> "/*";
                default -> "--";
            };
            for (String line : SchemaScripts.read(type).split("\\R")) {
                final String trimmed = line.trim();
                if (!trimmed.isEmpty() && SchemaScripts.isSkippedLine(trimmed)) {
                    if (!trimmed.startsWith(marker) || (marker.equals("/*") && !trimmed.endsWith("*/"))
                            || trimmed.endsWith(";")) {
                        wrong.add(type + ": " + trimmed);
                    }
                }
            }
        }
        assertTrue("Comments not in the type's style (or ending with ';', which ends a statement for "
                + "SchemaManager):\n" + String.join("\n", wrong), wrong.isEmpty());
    }

    @Test
    public void hsqldbScriptInstallsOnEmbeddedHsqldb() throws Exception {
        final String url = "jdbc:hsqldb:mem:schema_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection con = DriverManager.getConnection(url, "SA", "")) {
            SchemaScripts.install(con, "hsqldb");

            try (PreparedStatement pstmt = con.prepareStatement("SELECT version FROM ofVersion WHERE name=?")) {
                pstmt.setString(1, SchemaScripts.KEY);
                try (ResultSet rs = pstmt.executeQuery()) {
                    assertTrue("ofVersion has no row for " + SchemaScripts.KEY, rs.next());
                    assertEquals(0, rs.getInt(1));
                }
            }

            final DatabaseMetaData meta = con.getMetaData();
            final List<String> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, null, SchemaScripts.TABLE.toUpperCase(Locale.ROOT), null)) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME") + "("
                            + rs.getInt("COLUMN_SIZE") + ") " + (rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls
                            ? "NOT NULL" : "NULL"));
                }
            }
            assertEquals(List.of("SERVICENAME VARCHAR(255) NOT NULL", "ROOMNAME VARCHAR(255) NOT NULL",
                    "ENABLED INTEGER(32) NOT NULL", "MODIFICATIONDATE CHARACTER(15) NOT NULL"), columns);
            final List<String> key = new ArrayList<>();
            try (ResultSet rs = meta.getPrimaryKeys(null, null, SchemaScripts.TABLE.toUpperCase(Locale.ROOT))) {
                while (rs.next()) {
                    key.add(rs.getShort("KEY_SEQ") + ":" + rs.getString("COLUMN_NAME"));
                }
            }
            key.sort(null);
            assertEquals(List.of("1:SERVICENAME", "2:ROOMNAME"), key);

            insert(con, "conference", "room", 1);
            try {
                insert(con, "conference", "room", 0);
                fail("The primary key let a second row for the same room in");
            } catch (SQLException e) {
                assertNotNull(e.getSQLState());
                assertTrue(e.getSQLState(), e.getSQLState().startsWith("23"));
            }
            insert(con, "conference", "other", 0);
            insert(con, "other", "room", 0);
        }
    }

    private static void insert(Connection con, String service, String room, int enabled) throws SQLException {
        try (PreparedStatement pstmt = con.prepareStatement("INSERT INTO ofMucAffNotifyRoom "
                + "(serviceName, roomName, enabled, modificationDate) VALUES (?,?,?,?)")) {
            pstmt.setString(1, service);
            pstmt.setString(2, room);
            pstmt.setInt(3, enabled);
            pstmt.setString(4, "001700000000000");
            pstmt.executeUpdate();
        }
    }

    /**
     * @return the script's statements with whitespace normalised: as SchemaManager cuts them, or, for sybase
     *         (never run by SchemaManager), separated by blank lines as isql users read them
     */
    private static List<String> statementsOf(String type) throws IOException {
        final String script = SchemaScripts.read(type);
        if (!type.equals("sybase")) {
            return SchemaScripts.split(script, type).statements().stream()
                    .map(SchemaScripts::normalize).collect(Collectors.toList());
        }
        final List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : (script + "\n").split("\\R", -1)) {
            final String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                if (current.length() > 0) {
                    statements.add(SchemaScripts.normalize(current.toString()));
                    current = new StringBuilder();
                }
            } else if (!SchemaScripts.isSkippedLine(trimmed)) {
                current.append(' ').append(trimmed);
            }
        }
        return statements;
    }
}
