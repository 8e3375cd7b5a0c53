package dev.eider.worker.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Confines a DuckDB session that is about to run SQL the worker did not write: no file system or
 * network access (no COPY TO, ATTACH, read_csv of pod files, INSTALL), then the configuration is
 * locked so the SQL cannot turn access back on. Both settings belong to the database instance,
 * so apply it only when everything the session needs is open, and only to a database this run
 * owns until it closes it.
 */
public final class SessionLockdown {

  private SessionLockdown() {}

  public static void apply(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET enable_external_access = false");
      // Last: once locked, even the worker can change no setting of this database.
      statement.execute("SET lock_configuration = true");
    }
  }
}
