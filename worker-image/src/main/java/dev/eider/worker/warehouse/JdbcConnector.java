package dev.eider.worker.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Opens JDBC connections; tests substitute one that records what it is asked to do. */
@FunctionalInterface
public interface JdbcConnector {

  JdbcConnector DRIVER_MANAGER = DuckDb::connect;

  Connection connect(String url, Properties properties) throws SQLException;
}
