package dev.eider.worker.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.eider.contract.checks.CheckDefinition;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.checks.CheckCatalog.Planned;
import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.warehouse.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Escape attempts through a {@code sql} check: each is refused with a reason, and nothing is
 * written (the file a COPY or EXPORT would write does not exist, the other database's table and the
 * warehouse's rows are still there). Legitimate queries, semicolons in strings and comments
 * included, run and count their rows. {@link #theUnguardedWrapperDidRunTheIssuesPayload} shows
 * the harm checks below can see.
 */
class SqlCheckEscapeTest {

  // Shared by the whole corpus (opening DuckDB files is the slow part); nothing may change them,
  // and every test checks that. The control writes, so it builds databases of its own.
  @TempDir static Path dir;
  static Path warehouse;
  static Path other;
  static Path copyTarget;
  static Path exportTarget;
  static Path secret;

  @BeforeAll
  static void createDatabases() throws Exception {
    warehouse = dir.resolve("warehouse.duckdb");
    other = dir.resolve("other.duckdb");
    copyTarget = dir.resolve("stolen.csv");
    exportTarget = dir.resolve("export");
    secret = Files.writeString(dir.resolve("secret.txt"), "token=hunter2\n");
    createDatabases(warehouse, other);
  }

  private static void createDatabases(Path warehouse, Path other) throws SQLException {
    try (Connection connection = open(warehouse); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE people (id INTEGER, handle VARCHAR, kind VARCHAR)");
      statement.execute("INSERT INTO people VALUES (1, 'a', 'YouTube'), (2, 'b', 'Docs'), (3, 'b', 'Podcast'),"
          + " (4, NULL, 'Podcast'), (5, 'c', NULL)");
    }
    try (Connection connection = open(other); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE t AS SELECT 42 AS answer");
    }
  }

  static Stream<Arguments> hostile() {
    String notSelect = "it is not a SELECT, or holds more than one statement";
    String invalid = "it is not valid SQL";
    String tableFunction = "which may read files, settings or the catalog";
    return Stream.of(
        // The issue's payload: ")" closes the wrapper, then COPY, ATTACH and DROP would run.
        Arguments.of("SELECT 1) a; COPY (SELECT 42) TO '{COPY}'; ATTACH '{OTHER}' AS o (READ_WRITE); "
            + "DROP TABLE o.t; SELECT * FROM (SELECT 1 WHERE false", invalid),
        Arguments.of("SELECT 1) AS a; DROP TABLE people; SELECT (1", invalid),
        Arguments.of("SELECT 1; SELECT 2", "it holds 2 statements"),
        Arguments.of("SELECT 1; COPY (SELECT 42) TO '{COPY}'", notSelect),
        Arguments.of("SELECT * FROM people; DROP TABLE people", notSelect),
        Arguments.of("SELECT 1 -- a comment ends at the newline\n; COPY people TO '{COPY}'", notSelect),
        Arguments.of("SELECT 1 /* ; */ ; ATTACH '{OTHER}' AS o; DROP TABLE o.t", notSelect),
        Arguments.of("SELECT 1 /* hidden */; COPY (SELECT 1) TO '{COPY}' --", notSelect),
        Arguments.of("COPY (SELECT 42) TO '{COPY}'", notSelect),
        Arguments.of("COPY people TO '{COPY}' (FORMAT csv)", notSelect),
        Arguments.of("ATTACH '{OTHER}' AS o (READ_WRITE)", notSelect),
        Arguments.of("DETACH o", notSelect),
        Arguments.of("INSTALL httpfs", notSelect),
        Arguments.of("LOAD httpfs", notSelect),
        Arguments.of("SET enable_external_access = true", notSelect),
        Arguments.of("RESET lock_configuration", notSelect),
        Arguments.of("PRAGMA version", notSelect),
        Arguments.of("CALL pragma_version()", notSelect),
        Arguments.of("EXPORT DATABASE '{EXPORT}'", notSelect),
        Arguments.of("IMPORT DATABASE '{EXPORT}'", notSelect),
        Arguments.of("CHECKPOINT", notSelect),
        Arguments.of("USE memory", notSelect),
        Arguments.of("DROP TABLE people", notSelect),
        Arguments.of("CREATE TABLE copy AS SELECT * FROM people", notSelect),
        Arguments.of("DELETE FROM people", notSelect),
        Arguments.of("EXPLAIN ANALYZE SELECT 1", notSelect),
        // DuckDB parses and runs a writing CTE: the tree walk is what refuses these.
        Arguments.of("WITH gone AS (DELETE FROM people RETURNING *) SELECT * FROM gone", "it holds a DELETE statement"),
        Arguments.of("WITH added AS (INSERT INTO people VALUES (9, 'z', 'x') RETURNING *) SELECT * FROM added",
            "it holds a INSERT statement"),
        Arguments.of("WITH changed AS (UPDATE people SET handle = 'x' RETURNING *) SELECT * FROM changed",
            "it holds a UPDATE statement"),
        Arguments.of("SELECT * FROM read_csv('/etc/passwd')", "read_csv()"),
        Arguments.of("SELECT * FROM read_text('{SECRET}')", "read_text()"),
        Arguments.of("SELECT * FROM glob('/*')", "glob()"),
        Arguments.of("SELECT * FROM read_parquet('{DIR}/*.parquet')", "read_parquet()"),
        Arguments.of("SELECT * FROM people WHERE id IN (SELECT length(content) FROM read_text('{SECRET}'))", "read_text()"),
        Arguments.of("SELECT * FROM duckdb_settings()", tableFunction),
        Arguments.of("SELECT * FROM checkpoint()", tableFunction),
        Arguments.of("SELECT * FROM query('COPY (SELECT 1) TO ''{COPY}''')", "query()"),
        Arguments.of("SELECT * FROM '{SECRET}'", "which names a file, not a table"),
        Arguments.of("SELECT current_setting('home_directory')", "current_setting()"),
        Arguments.of("DESCRIBE people", "DESCRIBE/SHOW/SUMMARIZE"),
        Arguments.of("   ;  ", "it is empty"));
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void refusedWhenPlannedWithAReasonAndNothingRuns(String template, String reason) throws Exception {
    String sql = fill(template);
    WorkerFailure failure;
    try (Connection parser = DuckDb.inMemory()) {
      failure = catchThrowableOfType(WorkerFailure.class, () -> ReadOnlyQuery.of(parser, "escape", sql));
    }
    assertRefused(failure, reason);
    assertNothingWritten();
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void refusedByTheEvaluatorEvenOnAWritableWarehouse(String template, String reason) throws Exception {
    String sql = fill(template);
    WorkerFailure failure;
    // Read-write on purpose: the parser, not the read-only open, must be what stops the query.
    try (Connection connection = open(warehouse)) {
      CheckEvaluator evaluator = new CheckEvaluator(connection, Set.of(), Clock.systemUTC());
      failure = catchThrowableOfType(WorkerFailure.class, () -> evaluator.evaluate(planned(sql)));
    }
    assertRefused(failure, reason);
    assertNothingWritten();
  }

  static Stream<Arguments> legitimate() {
    return Stream.of(
        Arguments.of("select * from people where id > 100;", 0L),
        Arguments.of("SELECT * FROM people WHERE handle = 'a;b'", 0L),
        Arguments.of("SELECT 'x;y' AS s FROM people WHERE id <= 2;", 2L),
        Arguments.of("SELECT * FROM people WHERE kind LIKE '%;%' OR kind = 'Docs'", 1L),
        Arguments.of("SELECT * FROM people WHERE handle = 'it''s; DROP TABLE people; --'", 0L),
        Arguments.of("SELECT $$semi;colon$$ AS s FROM people WHERE id = 5", 1L),
        Arguments.of("WITH dup AS (SELECT handle FROM people GROUP BY handle HAVING count(*) > 1) SELECT * FROM dup", 1L),
        Arguments.of("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 6) SELECT * FROM r", 6L),
        Arguments.of("VALUES (1), (2), (3)", 3L),
        Arguments.of("SELECT * FROM people WHERE ((((id)))) IN (((1)), ((2)))", 2L),
        Arguments.of("SELECT '日本語;é' AS ü FROM people WHERE id = 1", 1L),
        Arguments.of("SELECT * FROM people -- trailing comment; not a statement", 5L),
        Arguments.of("SELECT * FROM people /* ; DROP TABLE people */ WHERE id = 3", 1L),
        Arguments.of("SELECT * FROM range(4)", 4L),
        Arguments.of("SELECT unnest([1, 2, 3]) AS n", 3L),
        Arguments.of("SELECT * FROM people WHERE handle IS NULL UNION ALL SELECT * FROM people WHERE kind IS NULL", 2L),
        Arguments.of("FROM people WHERE id BETWEEN 2 AND 4", 3L),
        Arguments.of("SELECT \"id\" FROM \"people\" WHERE \"handle\" = 'b'", 2L),
        Arguments.of("SELECT * FROM people p JOIN people q ON p.handle = q.handle AND p.id < q.id", 1L),
        Arguments.of("select * from people where id = 1;;", 1L));
  }

  @ParameterizedTest
  @MethodSource("legitimate")
  void legitimateQueriesRunAndCountTheirRows(String sql, long failingRows) throws Exception {
    try (Connection connection = open(warehouse)) {
      CheckResult result = new CheckEvaluator(connection, Set.of(), Clock.systemUTC()).evaluate(planned(sql));
      assertThat(result.error()).as(result.message()).isFalse();
      assertThat(result.failingRows()).isEqualTo(failingRows);
      assertThat(result.passed()).isEqualTo(failingRows == 0);
    }
    assertNothingWritten();
  }

  /** The control: without the parser and the lockdown, the issue's payload wrote a file and dropped a table. */
  @Test
  void theUnguardedWrapperDidRunTheIssuesPayload(@TempDir Path own) throws Exception {
    Path ownOther = own.resolve("other.duckdb");
    Path ownCopy = own.resolve("stolen.csv");
    createDatabases(own.resolve("warehouse.duckdb"), ownOther);
    String payload = "SELECT 1) a; COPY (SELECT 42) TO '" + ownCopy + "'; ATTACH '" + ownOther + "' AS o (READ_WRITE); "
        + "DROP TABLE o.t; SELECT * FROM (SELECT 1 WHERE false";
    try (Connection connection = open(own.resolve("warehouse.duckdb")); Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery("SELECT count(*) FROM (\n" + payload + "\n) AS failing")) {
      result.next();
    }
    assertThat(ownCopy).exists();
    assertThat(count(ownOther, "SELECT count(*) FROM information_schema.tables WHERE table_name = 't'")).isZero();
  }

  private void assertRefused(WorkerFailure failure, String reason) {
    assertThat(failure).as("refused").isNotNull();
    assertThat(failure.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(failure.getMessage()).startsWith("check 'escape': sql refused, ").contains(reason)
        .endsWith("a sql check is one read-only SELECT (or WITH ... SELECT, or VALUES), nothing was run");
  }

  private void assertNothingWritten() throws SQLException {
    assertThat(copyTarget).doesNotExist();
    assertThat(exportTarget).doesNotExist();
    assertThat(count(other, "SELECT count(*) FROM t WHERE answer = 42")).isEqualTo(1);
    // Five rows, none changed, no other table: one query, one open.
    assertThat(count(warehouse, "SELECT (SELECT count(*) FROM people WHERE handle IS DISTINCT FROM 'x' AND id <= 5) * 10"
        + " + (SELECT count(*) FROM information_schema.tables)")).isEqualTo(51);
  }

  private String fill(String template) {
    return template.replace("{COPY}", copyTarget.toString()).replace("{OTHER}", other.toString())
        .replace("{EXPORT}", exportTarget.toString()).replace("{SECRET}", secret.toString())
        .replace("{DIR}", dir.toString());
  }

  /**
   * Not validated first: the contract's text rules (CheckRules) would refuse the obvious cases
   * before the parser sees them; here the parser and the lockdown are what is tested.
   */
  private static Planned planned(String sql) {
    return new Planned("a", new CheckDefinition("escape", "sql", null, null, null, null, null, null, sql, null, null), null);
  }

  private static long count(Path database, String sql) throws SQLException {
    try (Connection connection = open(database); Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static Connection open(Path database) throws SQLException {
    return DriverManager.getConnection("jdbc:duckdb:" + database);
  }
}
