package org.jivesoftware.database;

import java.sql.Connection;
import java.sql.SQLException;

/** Stand-in for Openfire 5.1.1's DbConnectionManager (members used by the plugin). */
public class DbConnectionManager {
    public static Connection getConnection() throws SQLException {
        throw new UnsupportedOperationException("Openfire stand-in");
    }
}
