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
 * The plugin's scripts: the install scripts, database/mucaffiliationnotify_&lt;type&gt;.sql, one per database type
 * Openfire 5.1.1 ships scripts for, each creating the tables with their keys and recording the schema version
 * last; the upgrade scripts, database/upgrade/&lt;n&gt;/mucaffiliationnotify_&lt;type&gt;.sql, each bringing a
 * database of the released version n-1 to version n, so that an upgraded database is what a fresh install
 * creates; all cut into statements the way Openfire's SchemaManager cuts them; and the hsqldb ones really run
 * on Openfire's embedded database.
 */
public class SchemaScriptsTest {
    private static final String VERSION_INSERT =
            "INSERT INTO ofVersion (name, version) VALUES ('mucaffiliationnotify', " + SchemaScripts.VERSION + ")";

    private static Pattern createTable(String table) {
        return Pattern.compile(
            "CREATE TABLE " + table + " ?\\( ?"
                    + "serviceName N?VARCHAR2?\\(255\\) NOT NULL, "
                    + "roomName N?VARCHAR2?\\(255\\) NOT NULL, "
                    + "enabled (INTEGER|INT|TINYINT) NOT NULL, "
                    + "modificationDate CHAR\\(15\\) NOT NULL, "
                    + "(CONSTRAINT " + table + "_pk )?PRIMARY KEY (NONCLUSTERED )?\\(serviceName, roomName\\) ?\\);?");
    }

    private static final Pattern CREATE_ROOM_TABLE = createTable(SchemaScripts.TABLE);
    private static final Pattern CREATE_AFFECTED_USER_TABLE = createTable(SchemaScripts.AFFECTED_USER_TABLE);

    /** Every script of the current release: the install scripts, then the upgrade scripts. */
    private static List<Path> scripts() {
        final List<Path> scripts = new ArrayList<>();
        for (String type : SchemaScripts.TYPES) {
            scripts.add(SchemaScripts.path(type));
        }
        for (int version = 1; version <= SchemaScripts.VERSION; version++) {
            for (String type : SchemaScripts.TYPES) {
                scripts.add(SchemaScripts.upgradePath(version, type));
            }
        }
        return scripts;
    }

    /** @return the database type a script is for, from its name */
    private static String typeOf(Path script) {
        final String name = script.getFileName().toString();
        return name.substring(SchemaScripts.KEY.length() + 1, name.length() - ".sql".length());
    }

    @Test
    public void everyExpectedScriptExists() {
        final List<Path> missing = scripts().stream().filter(path -> !Files.isRegularFile(path))
                .collect(Collectors.toList());
        assertTrue("Missing scripts " + missing, missing.isEmpty());
    }

    @Test
    public void noScriptForAnUnknownTypeOrVersion() throws IOException {
        final Set<Path> expected = new TreeSet<>(scripts());
        try (Stream<Path> files = Files.walk(SchemaScripts.directory())) {
            final Set<Path> unexpected = files.filter(Files::isRegularFile)
                    .filter(path -> !expected.contains(path))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertTrue("Openfire would never load " + unexpected + " (names are <key>_<DatabaseType>.sql, upgrades "
                    + "upgrade/<version>/<key>_<DatabaseType>.sql for versions 1 to the plugin's databaseVersion)",
                    unexpected.isEmpty());
        }
    }

    @Test
    public void pluginXmlDeclaresTheSchemaKeyAndVersionTheScriptsRecord() throws Exception {
        final Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Paths.get("plugin.xml").toFile());
        assertEquals(SchemaScripts.KEY, doc.getElementsByTagName("databaseKey").item(0).getTextContent().trim());
        assertEquals(Integer.toString(SchemaScripts.VERSION),
                doc.getElementsByTagName("databaseVersion").item(0).getTextContent().trim());
    }

    @Test
    public void eachInstallScriptCreatesBothTablesWithTheirPrimaryKeys() throws IOException {
        final List<String> wrong = new ArrayList<>();
        for (String type : SchemaScripts.TYPES) {
            final List<String> statements = statementsOf(SchemaScripts.path(type));
            if (statements.size() < 2 || !CREATE_ROOM_TABLE.matcher(statements.get(0)).matches()
                    || !CREATE_AFFECTED_USER_TABLE.matcher(statements.get(1)).matches()) {
                wrong.add(type + ": " + statements);
            }
        }
        assertTrue("Install scripts that do not start with the two expected CREATE TABLEs:\n" + String.join("\n", wrong),
                wrong.isEmpty());
    }

    @Test
    public void eachInstallScriptEndsWithTheVersionInsert() throws IOException {
        final List<String> wrong = new ArrayList<>();
        for (String type : SchemaScripts.TYPES) {
            final List<String> statements = statementsOf(SchemaScripts.path(type));
            // Openfire's openfire_oracle.sql commits after its last insert; ours does the same.
            final List<String> expectedTail = type.equals("oracle")
                    ? List.of(VERSION_INSERT, "commit")
                    : List.of(VERSION_INSERT);
            final int size = 2 + expectedTail.size();
            if (statements.size() != size || !withoutSemicolons(statements.subList(2, size)).equals(expectedTail)) {
                wrong.add(type + ": " + statements);
            }
        }
        assertTrue("Install scripts that are not the CREATE TABLEs then the ofVersion insert (version "
                + SchemaScripts.VERSION + "):\n" + String.join("\n", wrong), wrong.isEmpty());
    }

    /**
     * Upgrade 1 creates the affected user's table as the install scripts do and records version 1, which
     * SchemaManager checks after the upgrades (OF-3045): ofMucAffNotifyRoom and its rows are left alone.
     */
    @Test
    public void eachUpgradeScriptCreatesTheNewTableThenRecordsItsVersion() throws IOException {
        final String versionUpdate = "UPDATE ofVersion SET version = 1 WHERE name = 'mucaffiliationnotify'";
        final List<String> wrong = new ArrayList<>();
        for (String type : SchemaScripts.TYPES) {
            final List<String> statements = statementsOf(SchemaScripts.upgradePath(1, type));
            if (statements.size() != 2 || !CREATE_AFFECTED_USER_TABLE.matcher(statements.get(0)).matches()
                    || !withoutSemicolons(statements.subList(1, 2)).equals(List.of(versionUpdate))) {
                wrong.add(type + ": " + statements);
            }
        }
        assertTrue("Upgrade scripts that are not the CREATE TABLE then the ofVersion update:\n" + String.join("\n", wrong),
                wrong.isEmpty());
    }

    /**
     * For every type: the install script as released for version 0, then the upgrades, create what the current
     * install script creates, statement for statement (the version bookkeeping aside). A database upgraded from
     * an earlier release and a fresh one are the same.
     */
    @Test
    public void anUpgradedDatabaseIsAFreshOneForEveryType() throws IOException {
        final List<String> wrong = new ArrayList<>();
        for (String type : SchemaScripts.TYPES) {
            final List<String> upgraded = new ArrayList<>(schemaOf(SchemaScripts.releasedPath(0, type)));
            for (int version = 1; version <= SchemaScripts.VERSION; version++) {
                upgraded.addAll(schemaOf(SchemaScripts.upgradePath(version, type)));
            }
            final List<String> fresh = schemaOf(SchemaScripts.path(type));
            if (!upgraded.equals(fresh)) {
                wrong.add(type + ":\n  upgraded " + upgraded + "\n  fresh    " + fresh);
            }
        }
        assertTrue(String.join("\n", wrong), wrong.isEmpty());
    }

    /** The released scripts are what 1.0.0 to 1.3.0 shipped: version 0, the notifications' table alone. */
    @Test
    public void theReleasedVersionZeroScriptsRecordVersionZero() throws IOException {
        for (String type : SchemaScripts.TYPES) {
            final List<String> statements = withoutSemicolons(statementsOf(SchemaScripts.releasedPath(0, type)));
            assertTrue(type + ": " + statements, CREATE_ROOM_TABLE.matcher(statements.get(0)).matches());
            assertEquals(type, "INSERT INTO ofVersion (name, version) VALUES ('mucaffiliationnotify', 0)",
                    statements.get(1));
        }
    }

    /**
     * SchemaManager ends a statement only at a line ending with {@code ;}, and drops whatever follows the last
     * one: every statement of every script it runs must end so. It has no notion of {@code go}. For Oracle and
     * DB2 it cuts the last character, which must therefore be the {@code ;} itself.
     */
    @Test
    public void schemaManagerSendsEveryStatement() throws IOException {
        final List<String> wrong = new ArrayList<>();
        for (Path script : scripts()) {
            final String type = typeOf(script);
            if (type.equals("sybase")) {
                continue;
            }
            final SchemaScripts.Split split = SchemaScripts.split(SchemaScripts.read(script), type);
            if (!split.unterminated().isEmpty()) {
                wrong.add(script + ": never sent: " + split.unterminated());
            }
            for (String statement : split.statements()) {
                if (statement.matches("(?is).*\\bgo\\s*;?\\s*$")) {
                    wrong.add(script + ": 'go' would be sent as SQL: " + statement);
                }
                final boolean cut = type.equals("oracle") || type.equals("db2");
                if (cut ? statement.contains(";") || statement.endsWith(" ") : !statement.trim().endsWith(";")) {
                    wrong.add(script + ": badly terminated: [" + statement + "]");
                }
            }
        }
        assertTrue(String.join("\n", wrong), wrong.isEmpty());
    }

    /**
     * Openfire 5.1.1 has no database type "sybase" (an ASE server is not recognised), so its SchemaManager never
     * runs openfire_sybase.sql; that script is for isql and has no terminators. Ours are written alike.
     */
    @Test
    public void sybaseScriptsAreWrittenLikeOpenfiresForIsql() throws IOException {
        for (Path script : List.of(SchemaScripts.path("sybase"), SchemaScripts.upgradePath(1, "sybase"))) {
            final List<String> sql = SchemaScripts.read(script).lines().map(String::trim)
                    .filter(line -> !SchemaScripts.isSkippedLine(line)).collect(Collectors.toList());
            assertFalse(script + ": no ; terminators, as in openfire_sybase.sql",
                    sql.stream().anyMatch(l -> l.endsWith(";")));
            assertFalse(script + ": no go lines, as in openfire_sybase.sql",
                    sql.stream().anyMatch(l -> l.equalsIgnoreCase("go")));
        }
        final List<String> statements = statementsOf(SchemaScripts.path("sybase"));
        assertEquals(statements.toString(), 3, statements.size());
        assertEquals(VERSION_INSERT, statements.get(2));
    }

    @Test
    public void commentsUseTheStyleOfOpenfiresScriptForTheType() throws IOException {
        final List<String> wrong = new ArrayList<>();
        for (Path script : scripts()) {
            final String type = typeOf(script);
            final String marker = switch (type) {
                case "hsqldb" -> "//";
                case "mysql", "mariadb" -> "#";
                case "sqlserver", "sybase" -> "/*";
                default -> "--";
            };
            for (String line : SchemaScripts.read(script).split("\\R")) {
                final String trimmed = line.trim();
                if (!trimmed.isEmpty() && SchemaScripts.isSkippedLine(trimmed)) {
                    if (!trimmed.startsWith(marker) || (marker.equals("/*") && !trimmed.endsWith("*/"))
                            || trimmed.endsWith(";")) {
                        wrong.add(script + ": " + trimmed);
                    }
                }
            }
        }
        assertTrue("Comments not in the type's style (or ending with ';', which ends a statement for "
                + "SchemaManager):\n" + String.join("\n", wrong), wrong.isEmpty());
    }

    @Test
    public void hsqldbScriptInstallsOnEmbeddedHsqldb() throws Exception {
        try (Connection con = DriverManager.getConnection(newHsqldbUrl(), "SA", "")) {
            SchemaScripts.install(con, "hsqldb");

            assertEquals(SchemaScripts.VERSION, version(con));
            for (String table : List.of(SchemaScripts.TABLE, SchemaScripts.AFFECTED_USER_TABLE)) {
                assertEquals(table, List.of("SERVICENAME VARCHAR(255) NOT NULL", "ROOMNAME VARCHAR(255) NOT NULL",
                        "ENABLED INTEGER(32) NOT NULL", "MODIFICATIONDATE CHARACTER(15) NOT NULL"), columns(con, table));
                assertEquals(table, List.of("1:SERVICENAME", "2:ROOMNAME"), primaryKey(con, table));

                insert(con, table, "conference", "room", 1);
                try {
                    insert(con, table, "conference", "room", 0);
                    fail("The primary key of " + table + " let a second row for the same room in");
                } catch (SQLException e) {
                    assertNotNull(e.getSQLState());
                    assertTrue(e.getSQLState(), e.getSQLState().startsWith("23"));
                }
                insert(con, table, "conference", "other", 0);
                insert(con, table, "other", "room", 0);
            }
        }
    }

    /**
     * Openfire's embedded database as 1.3.0 left it, with rooms' settings: SchemaManager's upgrade brings it to
     * version 1 with the same tables as a fresh install, every row kept, the new table empty.
     */
    @Test
    public void hsqldbUpgradeFromVersionZeroKeepsTheRowsAndAddsTheTable() throws Exception {
        final List<String> freshColumns = new ArrayList<>();
        try (Connection fresh = DriverManager.getConnection(newHsqldbUrl(), "SA", "")) {
            SchemaScripts.install(fresh, "hsqldb");
            for (String table : List.of(SchemaScripts.TABLE, SchemaScripts.AFFECTED_USER_TABLE)) {
                freshColumns.add(table + " " + columns(fresh, table) + " " + primaryKey(fresh, table));
            }
        }
        try (Connection con = DriverManager.getConnection(newHsqldbUrl(), "SA", "")) {
            SchemaScripts.installReleased(con, 0, "hsqldb");
            assertEquals(0, version(con));
            insert(con, SchemaScripts.TABLE, "conference", "lobby", 1);
            insert(con, SchemaScripts.TABLE, "conference", "kitchen", 0);

            SchemaScripts.upgrade(con, 0, "hsqldb");

            assertEquals(SchemaScripts.VERSION, version(con));
            final List<String> upgradedColumns = new ArrayList<>();
            for (String table : List.of(SchemaScripts.TABLE, SchemaScripts.AFFECTED_USER_TABLE)) {
                upgradedColumns.add(table + " " + columns(con, table) + " " + primaryKey(con, table));
            }
            assertEquals(freshColumns, upgradedColumns);
            assertEquals(List.of("conference/kitchen=0 001700000000000", "conference/lobby=1 001700000000000"),
                    rows(con, SchemaScripts.TABLE));
            assertEquals(List.of(), rows(con, SchemaScripts.AFFECTED_USER_TABLE));
        }
    }

    private static String newHsqldbUrl() {
        return "jdbc:hsqldb:mem:schema_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static int version(Connection con) throws SQLException {
        try (PreparedStatement pstmt = con.prepareStatement("SELECT version FROM ofVersion WHERE name=?")) {
            pstmt.setString(1, SchemaScripts.KEY);
            try (ResultSet rs = pstmt.executeQuery()) {
                assertTrue("ofVersion has no row for " + SchemaScripts.KEY, rs.next());
                return rs.getInt(1);
            }
        }
    }

    private static List<String> columns(Connection con, String table) throws SQLException {
        final List<String> columns = new ArrayList<>();
        try (ResultSet rs = con.getMetaData().getColumns(null, null, table.toUpperCase(Locale.ROOT), null)) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME") + "("
                        + rs.getInt("COLUMN_SIZE") + ") " + (rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls
                        ? "NOT NULL" : "NULL"));
            }
        }
        return columns;
    }

    private static List<String> primaryKey(Connection con, String table) throws SQLException {
        final List<String> key = new ArrayList<>();
        try (ResultSet rs = con.getMetaData().getPrimaryKeys(null, null, table.toUpperCase(Locale.ROOT))) {
            while (rs.next()) {
                key.add(rs.getShort("KEY_SEQ") + ":" + rs.getString("COLUMN_NAME"));
            }
        }
        key.sort(null);
        return key;
    }

    /** @return "service/room=enabled modificationDate" of every row, sorted */
    private static List<String> rows(Connection con, String table) throws SQLException {
        final List<String> rows = new ArrayList<>();
        try (PreparedStatement pstmt = con.prepareStatement(
                "SELECT serviceName, roomName, enabled, modificationDate FROM " + table);
             ResultSet rs = pstmt.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "/" + rs.getString(2) + "=" + rs.getInt(3) + " " + rs.getString(4));
            }
        }
        rows.sort(null);
        return rows;
    }

    private static void insert(Connection con, String table, String service, String room, int enabled)
            throws SQLException {
        try (PreparedStatement pstmt = con.prepareStatement("INSERT INTO " + table
                + " (serviceName, roomName, enabled, modificationDate) VALUES (?,?,?,?)")) {
            pstmt.setString(1, service);
            pstmt.setString(2, room);
            pstmt.setInt(3, enabled);
            pstmt.setString(4, "001700000000000");
            pstmt.executeUpdate();
        }
    }

    private static List<String> withoutSemicolons(List<String> statements) {
        return statements.stream().map(s -> s.replaceAll(";$", "")).collect(Collectors.toList());
    }

    /** @return the statements that shape the schema: every one but ofVersion's bookkeeping and commits */
    private static List<String> schemaOf(Path script) throws IOException {
        return withoutSemicolons(statementsOf(script)).stream()
                .filter(s -> !s.contains("ofVersion") && !s.equalsIgnoreCase("commit"))
                .collect(Collectors.toList());
    }

    /**
     * @return the script's statements with whitespace normalised: as SchemaManager cuts them, or, for sybase
     *         (never run by SchemaManager), separated by blank lines as isql users read them
     */
    private static List<String> statementsOf(Path script) throws IOException {
        final String type = typeOf(script);
        final String text = SchemaScripts.read(script);
        if (!type.equals("sybase")) {
            return SchemaScripts.split(text, type).statements().stream()
                    .map(SchemaScripts::normalize).collect(Collectors.toList());
        }
        final List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : (text + "\n").split("\\R", -1)) {
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
