package net.mucaffiliationnotify.openfire;

import java.sql.Connection;
import java.sql.SQLException;

import org.jivesoftware.database.DbConnectionManager;

import net.mucaffiliationnotify.settings.ConnectionSource;

/**
 * Connections from Openfire's pool ({@link DbConnectionManager#getConnection()}), in auto-commit mode.
 * Closing one returns it to the pool.
 */
public final class OpenfireConnections implements ConnectionSource {
    @Override
    public Connection open() throws SQLException {
        return DbConnectionManager.getConnection();
    }
}
