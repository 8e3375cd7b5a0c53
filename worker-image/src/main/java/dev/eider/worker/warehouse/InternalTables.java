package dev.eider.worker.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The warehouse's own bookkeeping, kept inside the warehouse so it changes in the same transactions
 * as the data it describes: which raw objects are loaded (key and ETag), and when each model's
 * table was last built.
 */
public final class InternalTables {

  public static final String RAW_OBJECTS = "_eider_raw_objects";
  public static final String MODELS = "_eider_models";

  private InternalTables() {}

  public static void ensure(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS " + RAW_OBJECTS + " ("
          + "raw_table VARCHAR NOT NULL, object_key VARCHAR NOT NULL, etag VARCHAR, size BIGINT, "
          + "loaded_at TIMESTAMPTZ NOT NULL)");
      statement.execute("CREATE TABLE IF NOT EXISTS " + MODELS + " ("
          + "model VARCHAR NOT NULL, rows BIGINT NOT NULL, built_at TIMESTAMPTZ NOT NULL, sql_sha256 VARCHAR NOT NULL)");
    }
  }

  /** A raw table: each row one JSON document of an ingested object, and where it came from. */
  static void ensureRawTable(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS " + DuckDb.identifier(table) + " ("
          + "item JSON, _object_key VARCHAR NOT NULL, _partition VARCHAR, _run_id VARCHAR, _day DATE, "
          + "_loaded_at TIMESTAMPTZ NOT NULL)");
    }
  }
}
