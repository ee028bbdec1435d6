package net.mucaffiliationnotify.settings;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * The contract of {@link JdbcRoomSettingsStore} on a real database with the plugin's install script applied,
 * for the table of each {@link Setting}, and the upgrade of a database the previous schema version left.
 * Subclasses supply the database: {@link JdbcRoomSettingsStoreHsqldbTest} (Openfire's embedded database,
 * always) and {@link JdbcRoomSettingsStorePostgresTest}.
 */
@RunWith(Parameterized.class)
public abstract class JdbcRoomSettingsStoreTest {
    private static final RoomKey ROOM = new RoomKey("conference", "lobby");

    @Parameters(name = "{0}")
    public static List<Setting> settings() {
        return List.of(Setting.values());
    }

    /** The setting whose store and table are under test. */
    @Parameter
    public Setting setting;

    /** Starts at an arbitrary fixed time; each save takes the next millisecond. */
    private final AtomicLong clock = new AtomicLong(1_732_500_000_000L);
    private JdbcRoomSettingsStore store;
    private String table;

    /** @return the database under test, installed; emptied before each test */
    protected abstract TestDatabase database();

    /** @return a new, empty database of the same type (no ofVersion, no plugin table), closed by the caller */
    protected abstract TestDatabase newDatabase() throws Exception;

    @Before
    public void emptyTable() throws Exception {
        database().clear();
        store = new JdbcRoomSettingsStore(database(), setting, clock::incrementAndGet);
        table = JdbcRoomSettingsStore.table(setting);
    }

    @Test
    public void installScriptRecordsTheCurrentSchemaVersion() throws Exception {
        assertEquals("SchemaManager would find this version and not reinstall", SchemaScripts.VERSION,
            database().installedVersion());
        assertEquals(0, database().rowCount(table, null));
    }

    /** Each setting has its own table: storing or removing one value of a room leaves the other as it is. */
    @Test
    public void theSettingsOfARoomAreIndependent() throws Exception {
        final Setting otherSetting = setting == Setting.NOTIFICATIONS ? Setting.AFFECTED_USER : Setting.NOTIFICATIONS;
        final JdbcRoomSettingsStore other = new JdbcRoomSettingsStore(database(), otherSetting);
        final String otherTable = JdbcRoomSettingsStore.table(otherSetting);

        store.save(ROOM, Mode.ON);
        assertSame(Mode.INHERIT, other.load(ROOM));
        other.save(ROOM, Mode.OFF);
        assertSame(Mode.ON, store.load(ROOM));
        assertEquals(Map.of(ROOM.room(), Mode.ON), store.loadService(ROOM.service()));
        assertEquals(Map.of(ROOM.room(), Mode.OFF), other.loadService(ROOM.service()));

        store.save(ROOM, Mode.INHERIT);
        assertEquals(0, database().rowCount(table, ROOM));
        assertSame(Mode.OFF, other.load(ROOM));
        assertEquals(Integer.valueOf(0), database().enabled(otherTable, ROOM));
    }

    /**
     * A database 1.3.0 left (schema version 0, rooms switched on and off) upgraded as Openfire does when 1.4.0
     * loads: every room keeps its notification setting, none has a setting for the affected user yet, and both
     * can be read and stored.
     */
    @Test
    public void anUpgradeFromTheLastReleaseKeepsEveryRoomsSetting() throws Exception {
        final RoomKey kitchen = new RoomKey("conference", "kitchen");
        final RoomKey elsewhere = new RoomKey("chat", "lobby");
        try (TestDatabase old = newDatabase()) {
            old.installReleased(0);
            old.insertRaw(JdbcRoomSettingsStore.TABLE, ROOM, 1);
            old.insertRaw(JdbcRoomSettingsStore.TABLE, kitchen, 0);
            old.insertRaw(JdbcRoomSettingsStore.TABLE, elsewhere, 0);
            assertEquals(0, old.installedVersion());

            old.upgrade(0);

            assertEquals(SchemaScripts.VERSION, old.installedVersion());
            final JdbcRoomSettingsStore notifications = new JdbcRoomSettingsStore(old, Setting.NOTIFICATIONS);
            final JdbcRoomSettingsStore affectedUser = new JdbcRoomSettingsStore(old, Setting.AFFECTED_USER);
            assertSame(Mode.ON, notifications.load(ROOM));
            assertSame(Mode.OFF, notifications.load(kitchen));
            assertEquals(Map.of("lobby", Mode.ON, "kitchen", Mode.OFF), notifications.loadService("conference"));
            assertEquals(Map.of("lobby", Mode.OFF), notifications.loadService("chat"));
            assertEquals("000000000000000", old.modificationDate(JdbcRoomSettingsStore.TABLE, ROOM));
            for (RoomKey key : List.of(ROOM, kitchen, elsewhere)) {
                assertSame(key.toString(), Mode.INHERIT, affectedUser.load(key));
            }
            assertEquals(Map.of(), affectedUser.loadService("conference"));

            affectedUser.save(kitchen, Mode.ON);
            assertSame(Mode.ON, affectedUser.load(kitchen));
            assertSame(Mode.OFF, notifications.load(kitchen));
            assertEquals(3, old.rowCount(JdbcRoomSettingsStore.TABLE, null));
            assertEquals(1, old.rowCount(JdbcRoomSettingsStore.AFFECTED_USER_TABLE, null));
        }
    }

    @Test
    public void missingRoomIsInherit() throws Exception {
        assertSame(Mode.INHERIT, store.load(ROOM));
        assertEquals(Map.of(), store.loadService(ROOM.service()));
    }

    @Test
    public void onRoundTrips() throws Exception {
        store.save(ROOM, Mode.ON);
        assertSame(Mode.ON, store.load(ROOM));
        assertEquals(Integer.valueOf(1), database().enabled(table, ROOM));
        assertEquals("001732500000001", database().modificationDate(table, ROOM));
    }

    @Test
    public void offRoundTrips() throws Exception {
        store.save(ROOM, Mode.OFF);
        assertSame(Mode.OFF, store.load(ROOM));
        assertEquals(Integer.valueOf(0), database().enabled(table, ROOM));
    }

    @Test
    public void inheritOfARoomWithoutRowStoresNothing() throws Exception {
        store.save(ROOM, Mode.INHERIT);
        assertSame(Mode.INHERIT, store.load(ROOM));
        assertEquals(0, database().rowCount(table, null));
    }

    @Test
    public void saveOverwritesAndKeepsOneRow() throws Exception {
        store.save(ROOM, Mode.ON);
        store.save(ROOM, Mode.OFF);
        assertSame(Mode.OFF, store.load(ROOM));
        assertEquals(1, database().rowCount(table, ROOM));
        assertEquals("001732500000002", database().modificationDate(table, ROOM));
        store.save(ROOM, Mode.OFF);
        store.save(ROOM, Mode.ON);
        assertSame(Mode.ON, store.load(ROOM));
        assertEquals(1, database().rowCount(table, null));
    }

    @Test
    public void inheritDeletesOnlyThatRoom() throws Exception {
        final RoomKey sameNameOtherService = new RoomKey("chat", ROOM.room());
        final RoomKey otherRoom = new RoomKey(ROOM.service(), "kitchen");
        store.save(ROOM, Mode.ON);
        store.save(sameNameOtherService, Mode.OFF);
        store.save(otherRoom, Mode.ON);

        store.save(ROOM, Mode.INHERIT);

        assertSame(Mode.INHERIT, store.load(ROOM));
        assertEquals(0, database().rowCount(table, ROOM));
        assertSame(Mode.OFF, store.load(sameNameOtherService));
        assertSame(Mode.ON, store.load(otherRoom));
        assertEquals(2, database().rowCount(table, null));
    }

    @Test
    public void loadServiceListsTheRoomsOfThatServiceOnly() throws Exception {
        store.save(new RoomKey("conference", "a"), Mode.ON);
        store.save(new RoomKey("conference", "b"), Mode.OFF);
        store.save(new RoomKey("conference", "c"), Mode.ON);
        store.save(new RoomKey("conference", "c"), Mode.INHERIT);
        store.save(new RoomKey("conference2", "x"), Mode.ON);
        store.save(new RoomKey("chat", "a"), Mode.OFF);

        assertEquals(Map.of("a", Mode.ON, "b", Mode.OFF), store.loadService("conference"));
        assertEquals(Map.of("x", Mode.ON), store.loadService("conference2"));
        assertEquals(Map.of("a", Mode.OFF), store.loadService("chat"));
        assertEquals(Map.of(), store.loadService("conf"));
        assertEquals(Map.of(), store.loadService("conf%"));
        assertEquals(Map.of(), store.loadService("nowhere"));
    }

    @Test
    public void awkwardNamesAreStoredExactly() throws Exception {
        final List<RoomKey> keys = List.of(
                new RoomKey("conference", "o'brien"),
                new RoomKey("conference", "''; DROP TABLE ofMucAffNotifyRoom; --"),
                new RoomKey("conference", "\"quoted\" and \\back\\slashed"),
                new RoomKey("conference", "100%_sure"),
                new RoomKey("conference", "100x_sure"),
                new RoomKey("conference", "ünïcødé-房间-комната-🎉"),
                new RoomKey("conference", "x".repeat(RoomKey.MAX_LENGTH)),
                new RoomKey("conference", "é".repeat(RoomKey.MAX_LENGTH)),
                new RoomKey("s".repeat(RoomKey.MAX_LENGTH), "r".repeat(RoomKey.MAX_LENGTH)),
                new RoomKey("gruppenchat-ß", "lobby"));
        Mode mode = Mode.ON;
        for (RoomKey key : keys) {
            store.save(key, mode);
            mode = mode == Mode.ON ? Mode.OFF : Mode.ON;
        }
        mode = Mode.ON;
        for (RoomKey key : keys) {
            assertSame(key.toString(), mode, store.load(key));
            mode = mode == Mode.ON ? Mode.OFF : Mode.ON;
        }
        assertEquals(keys.size(), database().rowCount(table, null));

        final Map<String, Mode> conference = store.loadService("conference");
        assertEquals(8, conference.size());
        assertSame(Mode.ON, conference.get("o'brien"));
        assertSame(Mode.OFF, conference.get("''; DROP TABLE ofMucAffNotifyRoom; --"));
        assertSame(Mode.ON, conference.get("\"quoted\" and \\back\\slashed"));
        assertSame(Mode.OFF, conference.get("100%_sure"));
        assertSame(Mode.ON, conference.get("100x_sure"));
        assertSame(Mode.OFF, conference.get("ünïcødé-房间-комната-🎉"));
        assertSame(Mode.ON, conference.get("x".repeat(255)));
        assertSame(Mode.OFF, conference.get("é".repeat(255)));
        assertEquals(Map.of("r".repeat(255), Mode.ON), store.loadService("s".repeat(255)));
        assertEquals(Map.of("lobby", Mode.OFF), store.loadService("gruppenchat-ß"));

        for (RoomKey key : keys) {
            store.save(key, Mode.INHERIT);
        }
        assertEquals(0, database().rowCount(table, null));
    }

    @Test
    public void aStoredValueOtherThanZeroOrOneIsInherit() throws Exception {
        final RoomKey odd = new RoomKey("conference", "odd");
        database().insertRaw(table, odd, 2);
        database().insertRaw(table, new RoomKey("conference", "negative"), -1);
        store.save(ROOM, Mode.OFF);

        assertSame(Mode.INHERIT, store.load(odd));
        assertEquals(Map.of(ROOM.room(), Mode.OFF), store.loadService("conference"));

        store.save(odd, Mode.ON);
        assertSame(Mode.ON, store.load(odd));
        assertEquals(Integer.valueOf(1), database().enabled(table, odd));
    }

    /** Every thread stores the same room at once, on a fresh key each round: the inserts really race. */
    @Test
    public void concurrentSavesOfOneRoomLeaveOneRowWithTheValueSaved() throws Exception {
        final int threads = 8;
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 25; round++) {
                final RoomKey key = new RoomKey("conference", "race-" + round);
                final Mode mode = round % 2 == 0 ? Mode.ON : Mode.OFF;
                runTogether(pool, threads, thread -> store.save(key, mode));
                assertEquals(key.toString(), 1, database().rowCount(table, key));
                assertSame(key.toString(), mode, store.load(key));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Threads store different values for one room at once, repeatedly: no failure, one row holding one of the
     * values written; whatever is saved after them is what stays.
     */
    @Test
    public void concurrentSavesOfDifferentValuesEndWithTheLastOne() throws Exception {
        final int threads = 8;
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 10; round++) {
                final RoomKey key = new RoomKey("conference", "mixed-" + round);
                runTogether(pool, threads, thread -> {
                    for (int i = 0; i < 5; i++) {
                        store.save(key, (thread + i) % 3 == 0 ? Mode.INHERIT : (thread + i) % 3 == 1 ? Mode.ON : Mode.OFF);
                    }
                    store.save(key, thread % 2 == 0 ? Mode.ON : Mode.OFF);
                });
                assertEquals(key.toString(), 1, database().rowCount(table, key));
                final Mode raced = store.load(key);
                assertTrue(key + " holds " + raced, raced == Mode.ON || raced == Mode.OFF);

                final Mode last = raced == Mode.ON ? Mode.OFF : Mode.ON;
                runTogether(pool, 1, thread -> store.save(key, last));
                assertSame(last, store.load(key));
                assertEquals(1, database().rowCount(table, key));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Another node inserts the room between this store's update (no row yet) and its insert: the insert fails
     * on the key, the transaction is tried again, and this store's value is what stays.
     */
    @Test
    public void anInsertLostToAnotherNodeBecomesAnUpdate() throws Exception {
        final JdbcRoomSettingsStore otherNode = new JdbcRoomSettingsStore(database(), setting);
        final AtomicBoolean raced = new AtomicBoolean();
        final ConnectionSource racing = () -> intercept(database().open(), (con, method, args) -> {
            if (method.getName().equals("prepareStatement") && ((String) args[0]).startsWith("INSERT")
                    && raced.compareAndSet(false, true)) {
                otherNode.save(ROOM, Mode.OFF);
            }
            return null;
        });
        new JdbcRoomSettingsStore(racing, setting, clock::incrementAndGet).save(ROOM, Mode.ON);

        assertTrue("the race was staged", raced.get());
        assertSame(Mode.ON, store.load(ROOM));
        assertEquals(1, database().rowCount(table, null));
    }

    /** Another node deletes and re-inserts the room around every try: the store gives up, and says so. */
    @Test
    public void aRaceLostOnEveryTryIsReportedAfterAFewTries() throws Exception {
        final JdbcRoomSettingsStore otherNode = new JdbcRoomSettingsStore(database(), setting);
        final AtomicLong tries = new AtomicLong();
        final ConnectionSource racing = () -> intercept(database().open(), (con, method, args) -> {
            if (method.getName().equals("prepareStatement") && ((String) args[0]).startsWith("UPDATE")) {
                tries.incrementAndGet();
                otherNode.save(ROOM, Mode.INHERIT);
            } else if (method.getName().equals("prepareStatement") && ((String) args[0]).startsWith("INSERT")) {
                otherNode.save(ROOM, Mode.OFF);
            }
            return null;
        });

        final SettingsStoreException e =
                expectFailure(() -> new JdbcRoomSettingsStore(racing, setting, clock::incrementAndGet).save(ROOM, Mode.ON));
        assertNamesRoom(e);
        assertEquals(JdbcRoomSettingsStore.MAX_ATTEMPTS, tries.get());
        assertSame("the other node's value stays", Mode.OFF, store.load(ROOM));
        assertEquals(1, database().rowCount(table, null));
    }

    @Test
    public void aSourceWithoutConnectionsFailsWithTheRoomNamedAndChangesNothing() throws Exception {
        store.save(ROOM, Mode.ON);
        final SQLException refused = new SQLException("Connection refused", "08001");
        final JdbcRoomSettingsStore broken = new JdbcRoomSettingsStore(() -> {
            throw refused;
        }, setting);

        for (Mode mode : Mode.values()) {
            final SettingsStoreException e = expectFailure(() -> broken.save(ROOM, mode));
            assertNamesRoom(e);
            assertSame(refused, e.getCause());
        }
        assertNamesRoom(expectFailure(() -> broken.load(ROOM)));
        final SettingsStoreException e = expectFailure(() -> broken.loadService("conference"));
        assertTrue(e.getMessage(), e.getMessage().contains("'conference'"));
        assertSame(refused, e.getCause());

        assertSame(Mode.ON, store.load(ROOM));
        assertEquals(1, database().rowCount(table, null));
    }

    @Test
    public void aClosedConnectionFailsWithTheRoomNamedAndChangesNothing() throws Exception {
        store.save(ROOM, Mode.ON);
        final JdbcRoomSettingsStore closed = new JdbcRoomSettingsStore(() -> {
            final Connection con = database().open();
            con.close();
            return con;
        }, setting);

        for (Mode mode : Mode.values()) {
            assertNamesRoom(expectFailure(() -> closed.save(ROOM, mode)));
        }
        assertNamesRoom(expectFailure(() -> closed.load(ROOM)));
        expectFailure(() -> closed.loadService("conference"));

        assertSame(Mode.ON, store.load(ROOM));
        assertEquals(1, database().rowCount(table, null));
    }

    @Test
    public void aFailedCommitLeavesTheOldValue() throws Exception {
        store.save(ROOM, Mode.ON);
        final JdbcRoomSettingsStore failingCommit = new JdbcRoomSettingsStore(
                () -> intercept(database().open(), (con, method, args) -> {
                    if (method.getName().equals("commit")) {
                        throw new SQLException("I/O error during commit", "08006");
                    }
                    return null;
                }), setting);

        final SettingsStoreException e = expectFailure(() -> failingCommit.save(ROOM, Mode.OFF));
        assertNamesRoom(e);
        assertTrue(e.getMessage(), e.getMessage().contains("I/O error during commit"));

        assertSame(Mode.ON, store.load(ROOM));
        assertEquals(Integer.valueOf(1), database().enabled(table, ROOM));
    }

    @Test
    public void aFailedInsertThatIsNoRaceIsReportedNotRetriedAndLeavesNoRow() throws Exception {
        final AtomicLong inserts = new AtomicLong();
        final JdbcRoomSettingsStore failingInsert = new JdbcRoomSettingsStore(
                () -> intercept(database().open(), (con, method, args) -> {
                    if (method.getName().equals("prepareStatement") && ((String) args[0]).startsWith("INSERT")) {
                        inserts.incrementAndGet();
                        throw new SQLException("could not extend file: No space left on device", "53100");
                    }
                    return null;
                }), setting);

        final SettingsStoreException e = expectFailure(() -> failingInsert.save(ROOM, Mode.ON));
        assertNamesRoom(e);
        assertEquals(1, inserts.get());
        assertSame(Mode.INHERIT, store.load(ROOM));
        assertEquals(0, database().rowCount(table, null));
    }

    @Test
    public void connectionsGoBackInAutoCommitMode() throws Exception {
        final List<Connection> handedOut = new ArrayList<>();
        final JdbcRoomSettingsStore tracking = new JdbcRoomSettingsStore(
                () -> intercept(database().open(), (con, method, args) -> {
                    if (method.getName().equals("close")) {
                        assertTrue("auto-commit restored before close", con.getAutoCommit());
                        handedOut.add(con);
                    }
                    return null;
                }), setting);
        tracking.save(ROOM, Mode.ON);
        tracking.save(ROOM, Mode.OFF);
        tracking.save(ROOM, Mode.INHERIT);
        assertEquals(3, handedOut.size());
        assertNull(database().enabled(table, ROOM));
    }

    // --- helpers

    private interface ThreadBody {
        void run(int thread) throws Exception;
    }

    /** Runs the body on {@code threads} threads released at the same moment; rethrows the first failure. */
    private static void runTogether(ExecutorService pool, int threads, ThreadBody body) throws Exception {
        final CyclicBarrier start = new CyclicBarrier(threads);
        final List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final int thread = t;
            futures.add(pool.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                body.run(thread);
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get(60, TimeUnit.SECONDS);
        }
    }

    /** Called before each call on the connection; a non-null result replaces the call's. */
    private interface Interceptor {
        Object before(Connection con, java.lang.reflect.Method method, Object[] args) throws Exception;
    }

    private static Connection intercept(Connection real, Interceptor interceptor) {
        final InvocationHandler handler = (proxy, method, args) -> {
            final Object replaced = interceptor.before(real, method, args);
            if (replaced != null) {
                return replaced;
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(JdbcRoomSettingsStoreTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    private interface StoreCall {
        void run() throws SettingsStoreException;
    }

    private static SettingsStoreException expectFailure(StoreCall call) {
        try {
            call.run();
        } catch (SettingsStoreException e) {
            assertTrue("has a message", e.getMessage() != null && !e.getMessage().isBlank());
            assertTrue("keeps the SQLException", e.getCause() instanceof SQLException);
            return e;
        }
        fail("expected a SettingsStoreException");
        return null;
    }

    private static void assertNamesRoom(SettingsStoreException e) {
        assertTrue(e.getMessage(), e.getMessage().contains("'" + ROOM.room() + "'")
                && e.getMessage().contains("'" + ROOM.service() + "'"));
    }
}
