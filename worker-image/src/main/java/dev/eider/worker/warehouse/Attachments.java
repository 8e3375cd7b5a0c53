package dev.eider.worker.warehouse;

import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.warehouse.Warehouse.Attachment;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** ATTACH of a local DuckDB file, read-only, and its DETACH when done. */
final class Attachments {

  private Attachments() {}

  static Attachment attachFile(Connection connection, Path file, String alias, String what, Runnable cleanup) {
    try (Statement statement = connection.createStatement()) {
      statement.execute("ATTACH " + DuckDb.literal(file.toString()) + " AS " + DuckDb.identifier(alias)
          + " (READ_ONLY)");
    } catch (SQLException e) {
      cleanup.run();
      throw WorkerFailure.failed("cannot open " + what + " beside the session's database: " + DuckDb.message(e), e);
    }
    return new Attachment() {
      @Override
      public String catalog() {
        return alias;
      }

      @Override
      public void close() {
        try (Statement statement = connection.createStatement()) {
          statement.execute("DETACH " + DuckDb.identifier(alias));
        } catch (SQLException e) {
          // The session is about to close, which detaches everything anyway.
        } finally {
          cleanup.run();
        }
      }
    };
  }
}
