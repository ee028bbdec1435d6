package net.mucaffiliationnotify.settings;

import org.junit.AfterClass;
import org.junit.BeforeClass;

/** The store's contract on Openfire's embedded database (HSQLDB, in memory), installed by the hsqldb script. */
public class JdbcRoomSettingsStoreHsqldbTest extends JdbcRoomSettingsStoreTest {
    private static TestDatabase database;

    @BeforeClass
    public static void createDatabase() throws Exception {
        database = TestDatabase.hsqldb();
        database.install();
    }

    @AfterClass
    public static void dropDatabase() throws Exception {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    @Override
    protected TestDatabase database() {
        return database;
    }

    @Override
    protected TestDatabase newDatabase() throws Exception {
        return TestDatabase.hsqldb();
    }
}
