package dev.eider.worker.warehouse;

import dev.eider.worker.run.WorkerFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * Builds one model's table and replaces the old one atomically: {@code CREATE OR REPLACE TABLE}
 * and the bookkeeping row run in one transaction, so a model that fails (halfway through its
 * query, or on commit) rolls back and leaves its previous table exactly as it was, and readers
 * never see a half-built table.
 */
public final class ModelRunner {

  /** One model built: its name and the rows its table now has. */
  public record ModelRun(String model, long rows, long millis) {}

  public ModelRun run(Connection connection, String model, String sql) {
    long start = System.nanoTime();
    try {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        // Parentheses keep the model a single query; the newline ends a trailing line comment.
        statement.execute("CREATE OR REPLACE TABLE " + DuckDb.identifier(model) + " AS (\n" + withoutTrailingSemicolons(sql) + "\n)");
        long rows = count(statement, model);
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + InternalTables.MODELS + " WHERE model = ?");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + InternalTables.MODELS + " VALUES (?, ?, now(), ?)")) {
          delete.setString(1, model);
          delete.execute();
          insert.setString(1, model);
          insert.setLong(2, rows);
          insert.setString(3, sha256(sql));
          insert.execute();
        }
        connection.commit();
        return new ModelRun(model, rows, (System.nanoTime() - start) / 1_000_000);
      } catch (SQLException e) {
        connection.rollback();
        throw WorkerFailure.failed("model " + model + " failed, its table was left as it was: " + DuckDb.message(e), e);
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw WorkerFailure.failed("model " + model + ": the warehouse connection failed: " + DuckDb.message(e), e);
    }
  }

  private static long count(Statement statement, String model) throws SQLException {
    try (ResultSet result = statement.executeQuery("SELECT count(*) FROM " + DuckDb.identifier(model))) {
      result.next();
      return result.getLong(1);
    }
  }

  /** A model is one SELECT; a trailing {@code ;} would end the statement inside the parentheses. */
  static String withoutTrailingSemicolons(String sql) {
    String trimmed = sql.strip();
    while (trimmed.endsWith(";")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
    }
    return trimmed;
  }

  private static String sha256(String sql) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
