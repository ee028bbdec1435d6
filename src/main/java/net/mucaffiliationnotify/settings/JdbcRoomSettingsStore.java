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
 * The room values of one {@link Setting} in its database table (created by the plugin's
 * {@code database/mucaffiliationnotify_<type>.sql} scripts, and by {@code database/upgrade/<n>/} on an older
 * schema): {@code ofMucAffNotifyRoom} for {@link Setting#NOTIFICATIONS}, {@code ofMucAffNotifyAffected} for
 * {@link Setting#AFFECTED_USER}. Both tables have the same columns: one row per room with its own value,
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

    /** The table of {@link Setting#NOTIFICATIONS}, as the install scripts name it (schema version 0 on). */
    public static final String TABLE = "ofMucAffNotifyRoom";
    /** The table of {@link Setting#AFFECTED_USER}, as the install scripts name it (schema version 1 on). */
    public static final String AFFECTED_USER_TABLE = "ofMucAffNotifyAffected";

    /** How often an upsert that lost a race to another writer is tried in all. */
    static final int MAX_ATTEMPTS = 4;

    private static final int ENABLED_OFF = 0;
    private static final int ENABLED_ON = 1;

    private final ConnectionSource connections;
    private final Setting setting;
    private final LongSupplier clock;
    private final String table;
    private final String loadRoom;
    private final String loadService;
    private final String updateRoom;
    private final String insertRoom;
    private final String deleteRoom;

    /**
     * @param connections where connections come from (Openfire's pool in the server)
     * @param setting whose values this store keeps
     */
    public JdbcRoomSettingsStore(ConnectionSource connections, Setting setting) {
        this(connections, setting, System::currentTimeMillis);
    }

    /**
     * @param connections where connections come from
     * @param setting whose values this store keeps
     * @param clock milliseconds since the epoch, for {@code modificationDate}
     */
    JdbcRoomSettingsStore(ConnectionSource connections, Setting setting, LongSupplier clock) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.setting = Objects.requireNonNull(setting, "setting");
        this.clock = Objects.requireNonNull(clock, "clock");
        // The statements differ only in their table, a constant of ours.
        this.table = table(setting);
        this.loadRoom = "SELECT enabled FROM " + table + " WHERE serviceName=? AND roomName=?";
        this.loadService = "SELECT roomName, enabled FROM " + table + " WHERE serviceName=?";
        this.updateRoom = "UPDATE " + table + " SET enabled=?, modificationDate=? WHERE serviceName=? AND roomName=?";
        this.insertRoom = "INSERT INTO " + table + " (serviceName, roomName, enabled, modificationDate) VALUES (?,?,?,?)";
        this.deleteRoom = "DELETE FROM " + table + " WHERE serviceName=? AND roomName=?";
    }

    /**
     * @param setting a setting
     * @return the table of its room values
     */
    static String table(Setting setting) {
        switch (setting) {
            case NOTIFICATIONS: return TABLE;
            case AFFECTED_USER: return AFFECTED_USER_TABLE;
            default: throw new IllegalArgumentException("No table for " + setting);
        }
    }

    @Override
    public Mode load(RoomKey key) throws SettingsStoreException {
        Objects.requireNonNull(key, "key");
        try (Connection con = connections.open();
             PreparedStatement pstmt = con.prepareStatement(loadRoom)) {
            pstmt.setString(1, key.service());
            pstmt.setString(2, key.room());
            try (ResultSet rs = pstmt.executeQuery()) {
                if (!rs.next()) {
                    return Mode.INHERIT;
                }
                return toMode(rs.getInt(1), key.service(), key.room());
            }
        } catch (SQLException e) {
            throw new SettingsStoreException("Could not read the " + setting.label() + " of " + describe(key)
                    + " from " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Mode> loadService(String service) throws SettingsStoreException {
        Objects.requireNonNull(service, "service");
        final Map<String, Mode> modes = new LinkedHashMap<>();
        try (Connection con = connections.open();
             PreparedStatement pstmt = con.prepareStatement(loadService)) {
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
            throw new SettingsStoreException("Could not read the " + setting.label() + " of the rooms of MUC service '"
                    + service + "' from " + table + ": " + e.getMessage(), e);
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
            throw new SettingsStoreException("Could not store the " + setting.label() + " '" + mode.parameter() + "' of "
                    + describe(key) + " in " + table + ": " + e.getMessage(), e);
        }
    }

    private void delete(RoomKey key) throws SQLException {
        try (Connection con = connections.open();
             PreparedStatement pstmt = con.prepareStatement(deleteRoom)) {
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

    private int update(Connection con, RoomKey key, int enabled, String date) throws SQLException {
        try (PreparedStatement pstmt = con.prepareStatement(updateRoom)) {
            pstmt.setInt(1, enabled);
            pstmt.setString(2, date);
            pstmt.setString(3, key.service());
            pstmt.setString(4, key.room());
            return pstmt.executeUpdate();
        }
    }

    private void insert(Connection con, RoomKey key, int enabled, String date) throws SQLException {
        try (PreparedStatement pstmt = con.prepareStatement(insertRoom)) {
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

    private Mode toMode(int enabled, String service, String room) {
        switch (enabled) {
            case ENABLED_ON: return Mode.ON;
            case ENABLED_OFF: return Mode.OFF;
            default:
                Log.warn("Ignoring the {} of room '{}' of MUC service '{}' in {}: enabled is {}, "
                        + "not 0 or 1. The room inherits until its setting is saved again.", setting.label(), room, service,
                        table, enabled);
                return Mode.INHERIT;
        }
    }

    private static String describe(RoomKey key) {
        return "room '" + key.room() + "' of MUC service '" + key.service() + "'";
    }
}
