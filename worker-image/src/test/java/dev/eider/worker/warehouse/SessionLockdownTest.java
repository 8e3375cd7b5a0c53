package dev.eider.worker.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a locked-down session refuses, next to the same statements working before the lockdown. */
class SessionLockdownTest {

  @TempDir Path dir;

  @Test
  void beforeTheLockdownCopyAndFileReadsWork() throws Exception {
    Path target = dir.resolve("before.csv");
    try (Connection connection = DuckDb.inMemory()) {
      execute(connection, "COPY (SELECT 42 AS answer) TO '" + target + "'");
      assertThat(target).exists();
      assertThat(single(connection, "SELECT content FROM read_text('" + target + "')")).isEqualTo("answer\n42\n");
    }
  }

  @Test
  void afterTheLockdownNothingReachesOutAndNothingCanBeTurnedBackOn() throws Exception {
    Path target = dir.resolve("after.csv");
    Path secret = Files.writeString(dir.resolve("secret.txt"), "token");
    Path other = dir.resolve("other.duckdb");
    try (Connection connection = DuckDb.inMemory()) {
      SessionLockdown.apply(connection);

      assertRefused(connection, "SET enable_external_access = true", "the configuration has been locked");
      assertRefused(connection, "RESET enable_external_access", "the configuration has been locked");
      assertRefused(connection, "SET lock_configuration = false", "the configuration has been locked");
      assertRefused(connection, "COPY (SELECT 42) TO '" + target + "'", "file system operations are disabled");
      assertRefused(connection, "SELECT * FROM read_text('" + secret + "')", "file system operations are disabled");
      assertRefused(connection, "ATTACH '" + other + "' AS o", "file system operations are disabled");
      assertRefused(connection, "SELECT * FROM glob('/*')", "file system operations are disabled");
      assertRefused(connection, "INSTALL httpfs", "file system operations are disabled");
      assertRefused(connection, "EXPORT DATABASE '" + dir.resolve("export") + "'", "file system operations are disabled");

      // Queries on the database itself still run.
      assertThat(single(connection, "SELECT sum(range)::VARCHAR FROM range(4)")).isEqualTo("6");
      assertThat(single(connection, "SELECT current_setting('enable_external_access')::VARCHAR")).isEqualTo("false");
    }
    assertThat(target).doesNotExist();
    assertThat(other).doesNotExist();
    assertThat(dir.resolve("export")).doesNotExist();
  }

  private static void assertRefused(Connection connection, String sql, String message) {
    assertThatThrownBy(() -> execute(connection, sql)).isInstanceOf(SQLException.class).hasMessageContaining(message);
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String single(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getString(1);
    }
  }
}
