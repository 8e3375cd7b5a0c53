package dev.eider.worker.warehouse;

import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.run.WorkerVersion;
import dev.eider.worker.warehouse.WarehouseLocation.MotherDuck;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A MotherDuck database ({@code md:<database>}, token in {@code MOTHERDUCK_TOKEN}). Transactions
 * are durable when committed, so publishing has nothing to do; staging databases are zero-copy
 * clones ({@code CREATE DATABASE .. FROM ..}).
 */
final class MotherDuckWarehouse implements Warehouse {

  static final String TOKEN_ENV = "MOTHERDUCK_TOKEN";

  private final MotherDuck location;
  private final String token;
  private final JdbcConnector connector;
  private final DuckDbResources resources;

  MotherDuckWarehouse(MotherDuck location, String token, JdbcConnector connector, DuckDbResources resources) {
    if (token == null || token.isBlank()) {
      throw WorkerFailure.badInput(location.display() + " needs " + TOKEN_ENV
          + " (a MotherDuck access token, from a Secret)");
    }
    this.location = location;
    this.token = token;
    this.connector = connector;
    this.resources = resources;
  }

  @Override
  public MotherDuck location() {
    return location;
  }

  @Override
  public WarehouseSession open(boolean readOnly) {
    Connection connection = connect(MotherDuckSql.databaseUrl(location.database()));
    return new WarehouseSession() {
      @Override
      public Connection connection() {
        return connection;
      }

      @Override
      public void publish() {}

      @Override
      public void close() {
        try {
          connection.close();
        } catch (SQLException e) {
          // Committed work is already in MotherDuck.
        }
      }
    };
  }

  @Override
  public void cloneTo(WarehouseLocation target, boolean replace) {
    if (!(target instanceof MotherDuck to)) {
      throw WorkerFailure.badInput("cannot clone " + location.display() + " to " + target.display()
          + ": both must be MotherDuck databases");
    }
    execute(MotherDuckSql.createDatabaseFrom(to.database(), location.database(), replace),
        "cloning " + location.display() + " to " + to.display());
  }

  /**
   * A MotherDuck session already sees every database of the account under its own name, so
   * nothing is attached: the catalog is the database's name. {@code alias} is not used.
   */
  @Override
  public Attachment attachReadOnly(WarehouseSession session, String alias) {
    return new Attachment() {
      @Override
      public String catalog() {
        return location.database();
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public DropOutcome drop() {
    execute(MotherDuckSql.dropDatabase(location.database()), "dropping " + location.display());
    return DropOutcome.DROPPED_IF_EXISTED;
  }

  private void execute(String sql, String what) {
    try (Connection connection = connect(MotherDuckSql.accountUrl());
         Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw WorkerFailure.failed(what + " failed: " + DuckDb.message(e), e);
    }
  }

  private Connection connect(String url) {
    // Set at open: the motherduck extension is loaded (and, the first time, downloaded into DuckDB's
    // home) while the connection opens.
    Properties properties = resources.configure(new Properties(), url);
    properties.setProperty(MotherDuckSql.TOKEN_PROPERTY, token);
    properties.setProperty(MotherDuckSql.USER_AGENT_PROPERTY, "eider-worker/" + WorkerVersion.current());
    try {
      return connector.connect(url, properties);
    } catch (SQLException e) {
      // The message never contains the token: it travels as a property, not in the URL.
      throw WorkerFailure.failed("cannot connect to MotherDuck (" + location.display() + "): " + DuckDb.message(e), e);
    }
  }

  @Override
  public void close() {}
}
