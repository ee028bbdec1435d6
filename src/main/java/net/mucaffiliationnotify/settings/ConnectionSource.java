package net.mucaffiliationnotify.settings;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where {@link JdbcRoomSettingsStore} gets its database connections: Openfire's pool in the server, a plain
 * JDBC URL in tests. The caller closes every connection it opens.
 */
@FunctionalInterface
public interface ConnectionSource {
    /**
     * @return an open connection in auto-commit mode
     * @throws SQLException when no connection can be had
     */
    Connection open() throws SQLException;
}
