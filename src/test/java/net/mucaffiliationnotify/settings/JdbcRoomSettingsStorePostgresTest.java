package net.mucaffiliationnotify.settings;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The store's contract on a real PostgreSQL, in a fresh schema installed by the postgresql script.
 *
 * <p>Connects to {@code MUCAFF_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/mucaffnotify_test})
 * as {@code MUCAFF_PG_USER} / {@code MUCAFF_PG_PASSWORD} (system properties {@code mucaff.pg.*} take
 * precedence); {@code .ci/run} sets up such a server. When it cannot be reached the tests fail under CI
 * ({@code CI=true}) and are skipped elsewhere.</p>
 */
public class JdbcRoomSettingsStorePostgresTest extends JdbcRoomSettingsStoreTest {
    private static TestDatabase database;

    @BeforeClass
    public static void createSchema() throws Exception {
        final TestDatabase.PostgresSettings settings = new TestDatabase.PostgresSettings();
        try {
            database = TestDatabase.postgresql(settings);
        } catch (SQLException e) {
            final String message = "PostgreSQL is not reachable at " + settings + ": " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " — under CI (CI=true) the PostgreSQL tests must run; .ci/run starts the server.");
            }
            Assume.assumeTrue(message + " — skipping the PostgreSQL tests (they fail instead when CI=true).", false);
        }
        database.install();
    }

    @AfterClass
    public static void dropSchema() throws Exception {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    /** What the postgresql script created, as PostgreSQL reports it (unquoted names fold to lower case). */
    @Test
    public void postgresqlScriptCreatesTheTableAsDeclared() throws Exception {
        final String table = JdbcRoomSettingsStore.table(setting).toLowerCase(Locale.ROOT);
        try (Connection con = database.open()) {
            final DatabaseMetaData meta = con.getMetaData();
            final String schema = con.getSchema();
            final List<String> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, schema, table, null)) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME") + "("
                            + rs.getInt("COLUMN_SIZE") + ") " + rs.getString("IS_NULLABLE"));
                }
            }
            assertEquals(List.of("servicename varchar(255) NO", "roomname varchar(255) NO", "enabled int4(10) NO",
                    "modificationdate bpchar(15) NO"), columns);
            final List<String> key = new ArrayList<>();
            try (ResultSet rs = meta.getPrimaryKeys(null, schema, table)) {
                while (rs.next()) {
                    key.add(rs.getShort("KEY_SEQ") + ":" + rs.getString("COLUMN_NAME") + ":" + rs.getString("PK_NAME"));
                }
            }
            key.sort(null);
            assertEquals(List.of("1:servicename:" + table + "_pk", "2:roomname:" + table + "_pk"), key);
        }
    }

    @Override
    protected TestDatabase database() {
        return database;
    }

    @Override
    protected TestDatabase newDatabase() throws Exception {
        return TestDatabase.postgresql(new TestDatabase.PostgresSettings());
    }
}
