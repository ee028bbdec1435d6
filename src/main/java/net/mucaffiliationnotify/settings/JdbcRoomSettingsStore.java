package net.mucaffiliationnotify.settings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Room values in the database table {@code ofMucAffNotifyRoom} (created by the plugin's
 * {@code database/mucaffiliationnotify_<type>.sql} scripts): one row per room with its own value,
 * {@code enabled} 1 for {@link Mode#ON} and 0 for {@link Mode#OFF}. A room without a row inherits.
 *
 * <p>Only portable SQL is used (no MERGE, no ON CONFLICT), so the same statements work on every database
 * Openfire supports. Storing ON or OFF updates the row and inserts it when there was none, in one
 * transaction; when another node or thread inserted the same room in the meantime (the insert fails with an
 * integrity-constraint violation, or the database picks this transaction as a deadlock victim), the
 * transaction is rolled back and tried again, and its update then finds the other's row (four tries at
 * most: with concurrent deletes the row can vanish and reappear again in between). Every database failure
 * is reported as a {@link SettingsStoreException} naming the room or service; after a failed write nothing
 * has changed.</p>
 *
 * <p>Rows whose {@code enabled} is neither 0 nor 1 (written by hand) are read as {@link Mode#INHERIT}, with a
 * warning.</p>
 */
public final class JdbcRoomSettingsStore implements RoomSettingsStore {
    private static final Logger Log = LoggerFactory.getLogger(JdbcRoomSettingsStore.class);

    /** The table, as the install scripts name it. */
    public static final String TABLE = "ofMucAffNotifyRoom";

    static final String LOAD_ROOM =
            "SELECT enabled FROM ofMucAffNotifyRoom WHERE serviceName=? AND roomName=?";
    static final String LOAD_SERVICE =
            "SELECT roomName, enabled FROM ofMucAffNotifyRoom WHERE serviceName=?";
    static final String UPDATE_ROOM =
            "UPDATE ofMucAffNotifyRoom SET enabled=?, modificationDate=? WHERE serviceName=? AND roomName=?";
    static final String INSERT_ROOM =
            "INSERT INTO ofMucAffNotifyRoom (serviceName, roomName, enabled, modificationDate) VALUES (?,?,?,?)";
    static final String DELETE_ROOM =
            "DELETE FROM ofMucAffNotifyRoom WHERE serviceName=? AND roomName=?";

    /** How often an upsert that lost a race to another writer is tried in all. */
    static final int MAX_ATTEMPTS = 4;

    private static final int ENABLED_OFF = 0;
    private static final int ENABLED_ON = 1;

    private final ConnectionSource connections;
    private final LongSupplier clock;

    /**
     * @param connections where connections come from (Openfire's pool in the server)
     */
    public JdbcRoomSettingsStore(ConnectionSource connections) {
        this(connections, System::currentTimeMillis);
    }

    /**
     * @param connections where connections come from
     * @param clock milliseconds since the epoch, for {@code modificationDate}
     */
    JdbcRoomSettingsStore(ConnectionSource connections, LongSupplier clock) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Mode load(RoomKey key) throws SettingsStoreException {
        Objects.requireNonNull(key, "key");
        try (Connection con = connections.open();
             PreparedStatement pstmt = con.prepareStatement(LOAD_ROOM)) {
            pstmt.setString(1, key.service());
            pstmt.setString(2, key.room());
            try (ResultSet rs = pstmt.executeQuery()) {
                if (!rs.next()) {
                    return Mode.INHERIT;
                }
                return toMode(rs.getInt(1), key.service(), key.room());
            }
        } catch (SQLException e) {
            throw new SettingsStoreException("Could not read the notification setting of " + describe(key)
                    + " from " + TABLE + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Mode> loadService(String service) throws SettingsStoreException {
        Objects.requireNonNull(service, "service");
        final Map<String, Mode> modes = new LinkedHashMap<>();
        try (Connection con = connections.open();
             PreparedStatement pstmt = con.prepareStatement(LOAD_SERVICE)) {
            pstmt.setString(1, service);
            try (ResultSet rs = pstmt.executeQuery()) {
                while (rs.next()) {
                    final String room = rs.getString(1);
                    final Mode mode = toMode(rs.getInt(2), service, room);
                    if (mode != Mode.INHERIT) {
                        modes.put(room, mode);
                    }
                }
            }
        } catch (SQLException e) {
            throw new SettingsStoreException("Could not read the notification settings of the rooms of MUC service '"
                    + service + "' from " + TABLE + ": " + e.getMessage(), e);
        }
        return Collections.unmodifiableMap(modes);
    }

    @Override
    public void save(RoomKey key, Mode mode) throws SettingsStoreException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(mode, "mode");
        try {
            if (mode == Mode.INHERIT) {
                delete(key);
            } else {
                upsert(key, mode == Mode.ON ? ENABLED_ON : ENABLED_OFF);
            }
        } catch (SQLException e) {
            throw new SettingsStoreException("Could not store the notification setting '" + mode.parameter() + "' of "
                    + describe(key) + " in " + TABLE + ": " + e.getMessage(), e);
        }
    }

    private void delete(RoomKey key) throws SQLException {
        try (Connection con = connections.open();
             PreparedStatement pstmt = con.prepareStatement(DELETE_ROOM)) {
            pstmt.setString(1, key.service());
            pstmt.setString(2, key.room());
            pstmt.executeUpdate();
        }
    }

    private void upsert(RoomKey key, int enabled) throws SQLException {
        try (Connection con = connections.open()) {
            final boolean autoCommit = con.getAutoCommit();
            con.setAutoCommit(false);
            try {
                upsertInTransaction(con, key, enabled);
            } finally {
                try {
                    con.setAutoCommit(autoCommit);
                } catch (SQLException e) {
                    // The connection is going back to the pool; its own reset will have to do.
                    Log.debug("Could not restore auto-commit on a connection.", e);
                }
            }
        }
    }

    private void upsertInTransaction(Connection con, RoomKey key, int enabled) throws SQLException {
        final String date = String.format(Locale.ROOT, "%015d", clock.getAsLong());
        SQLException conflict = null;
        for (int attempt = 1; ; attempt++) {
            try {
                if (update(con, key, enabled, date) == 0) {
                    insert(con, key, enabled, date);
                }
                con.commit();
                return;
            } catch (SQLException e) {
                rollback(con, e);
                if (attempt >= MAX_ATTEMPTS || !isConcurrentWriteConflict(e)) {
                    if (conflict != null) {
                        e.addSuppressed(conflict);
                    }
                    throw e;
                }
                // Another node or thread stored this room since our update: start over; the update finds their
                // row now (unless someone deleted it meanwhile).
                Log.debug("Concurrent write of the setting of {} (try {}); trying again.", describe(key), attempt, e);
                if (conflict != null) {
                    e.addSuppressed(conflict);
                }
                conflict = e;
            } catch (RuntimeException e) {
                rollback(con, e);
                throw e;
            }
        }
    }

    private static int update(Connection con, RoomKey key, int enabled, String date) throws SQLException {
        try (PreparedStatement pstmt = con.prepareStatement(UPDATE_ROOM)) {
            pstmt.setInt(1, enabled);
            pstmt.setString(2, date);
            pstmt.setString(3, key.service());
            pstmt.setString(4, key.room());
            return pstmt.executeUpdate();
        }
    }

    private static void insert(Connection con, RoomKey key, int enabled, String date) throws SQLException {
        try (PreparedStatement pstmt = con.prepareStatement(INSERT_ROOM)) {
            pstmt.setString(1, key.service());
            pstmt.setString(2, key.room());
            pstmt.setInt(3, enabled);
            pstmt.setString(4, date);
            pstmt.executeUpdate();
        }
    }

    private static void rollback(Connection con, Exception cause) {
        try {
            con.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * @param e a failure of the update or insert of an upsert
     * @return whether it says that the row exists now (SQLSTATE class 23, integrity constraint violation:
     *         the insert lost a race) or that the transaction lost a race for locks (40001, serialization
     *         failure or deadlock victim, as InnoDB reports two inserts into the same gap); one more try of
     *         the transaction is then the right answer
     */
    static boolean isConcurrentWriteConflict(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (s instanceof SQLIntegrityConstraintViolationException
                    || s instanceof SQLTransactionRollbackException) {
                return true;
            }
            final String state = s.getSQLState();
            if (state != null && (state.startsWith("23") || state.equals("40001"))) {
                return true;
            }
        }
        return false;
    }

    private static Mode toMode(int enabled, String service, String room) {
        switch (enabled) {
            case ENABLED_ON: return Mode.ON;
            case ENABLED_OFF: return Mode.OFF;
            default:
                Log.warn("Ignoring the notification setting of room '{}' of MUC service '{}' in {}: enabled is {}, "
                        + "not 0 or 1. The room inherits until its setting is saved again.", room, service, TABLE, enabled);
                return Mode.INHERIT;
        }
    }

    private static String describe(RoomKey key) {
        return "room '" + key.room() + "' of MUC service '" + key.service() + "'";
    }
}
