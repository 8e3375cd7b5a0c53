package dev.eider.worker.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.contract.checks.CheckDefinition;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.checks.CheckCatalog.Planned;
import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.warehouse.DuckDb;
import dev.eider.worker.warehouse.InternalTables;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every check type, passing and failing, on a small table whose failures are known by construction. */
class CheckEvaluatorTest {

  static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  Connection connection;
  CheckEvaluator evaluator;

  @BeforeEach
  void createTables() throws Exception {
    connection = DuckDb.inMemory();
    try (Statement statement = connection.createStatement()) {
      // The session zone of the writer must not matter: the evaluator reads naive timestamps as UTC.
      statement.execute("SET TimeZone = 'America/Los_Angeles'");
      statement.execute("CREATE TABLE people (id INTEGER, handle VARCHAR, kind VARCHAR, seen TIMESTAMP, seen_tz TIMESTAMPTZ, seen_day DATE)");
      statement.execute("INSERT INTO people VALUES "
          + "(1, 'a', 'YouTube', '2026-11-24 10:00:00', '2026-11-24 10:00:00+00', '2026-11-24'),"
          + "(2, 'b', 'Docs',    '2026-11-20 10:00:00', '2026-11-20 10:00:00+00', '2026-11-20'),"
          + "(3, 'b', 'Podcast', '2026-11-20 10:00:00', '2026-11-20 10:00:00+00', '2026-11-20'),"
          + "(4, NULL, 'Podcast', NULL, NULL, NULL),"
          + "(5, 'c', NULL,      NULL, NULL, NULL)");
      statement.execute("CREATE TABLE empty_table (seen TIMESTAMP)");
      InternalTables.ensure(connection);
      statement.execute("INSERT INTO " + InternalTables.MODELS + " VALUES ('people', 5, TIMESTAMPTZ '2026-11-25 09:00:00+00', 'x')");
      statement.execute("INSERT INTO " + InternalTables.RAW_OBJECTS
          + " VALUES ('raw_items', 'k1', 'e1', 1, TIMESTAMPTZ '2026-11-23 10:00:00+00'),"
          + " ('raw_items', 'k2', 'e2', 1, TIMESTAMPTZ '2026-11-24 09:00:00+00')");
      statement.execute("CREATE TABLE raw_items (item JSON)");
    }
    evaluator = new CheckEvaluator(connection, Set.of("raw_items"), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void close() throws Exception {
    connection.close();
  }

  @Test
  void unique() {
    assertPassed(run(check("unique", "id")), "every id is unique");
    CheckResult handle = run(check("unique", "handle"));
    assertFailed(handle, 2L, List.of("b (2 rows)"), "1 value of handle appears more than once (2 rows)");
  }

  @Test
  void notNull() {
    assertPassed(run(check("notNull", "id")), "no null id");
    CheckResult handle = run(check("notNull", "handle"));
    assertFailed(handle, 1L, List.of("id=4, handle=null, kind=Podcast, seen=null, seen_tz=null, seen_day=null"),
        "1 row has a null handle");
  }

  @Test
  void acceptedValues() {
    assertPassed(run(new CheckDefinition("kinds", "acceptedValues", null, "kind", List.of("YouTube", "Docs", "Podcast"),
        null, null, null, null, null, null)), "every kind is an accepted value");
    // NULL is not a value: notNull is the check for it.
    CheckResult kind = run(new CheckDefinition("kinds", "acceptedValues", null, "kind", List.of("YouTube", "Docs"),
        null, null, null, null, null, null));
    assertFailed(kind, 2L, List.of("Podcast (2 rows)"), "2 rows have a kind outside the accepted values");
  }

  @Test
  void anAcceptedValueIsAValueWhateverItHolds() {
    // Were the value pasted as SQL, the OR 1=1 would accept every row.
    CheckResult kind = run(new CheckDefinition("kinds", "acceptedValues", null, "kind",
        List.of("YouTube", "Docs", "Podcast') OR 1=1 --", "it's"), null, null, null, null, null, null));
    assertFailed(kind, 2L, List.of("Podcast (2 rows)"), "2 rows have a kind outside the accepted values");
    assertPassed(run(new CheckDefinition("kinds", "acceptedValues", null, "kind", List.of("YouTube", "Docs", "Podcast", "it's"),
        null, null, null, null, null, null)), "every kind is an accepted value");
  }

  @Test
  void namesFromTheSpecArePlainIdentifiers() {
    assertThatThrownBy(() -> CheckValidation.validated(check("notNull", "uri\" IS NULL OR 1=1 --"), "test"))
        .isInstanceOf(WorkerFailure.class).extracting(e -> ((WorkerFailure) e).exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThatThrownBy(() -> CheckValidation.validated(check("notNull", "uri\" IS NULL OR 1=1 --"), "test")).hasMessage(
        "check 'notNull_uri\" IS NULL OR 1=1 --' (test): column 'uri\" IS NULL OR 1=1 --' is not a plain SQL identifier "
            + "(letters, digits and _, not starting with a digit, at most 63 characters)");
    assertThatThrownBy(() -> CheckValidation.validated(new CheckDefinition("t", "rowCount", "people; DROP TABLE people", null, null,
        1L, null, null, null, null, null), "test")).hasMessageContaining("table 'people; DROP TABLE people' is not a plain SQL identifier");
    assertThatThrownBy(() -> CheckValidation.validated(check("unique", "a".repeat(64)), "test")).hasMessageContaining("at most 63 characters");
    assertThatThrownBy(() -> CheckValidation.validated(check("unique", "1st"), "test")).hasMessageContaining("is not a plain SQL identifier");
    // The controls: plain names of any case, up to 63 characters, pass.
    assertThat(CheckValidation.validated(check("unique", "Seen_At_2"), "test").column()).isEqualTo("Seen_At_2");
    assertThat(CheckValidation.validated(check("unique", "_" + "a".repeat(62)), "test").column()).hasSize(63);
  }

  @Test
  void rowCount() {
    assertPassed(run(bounds(1L, null)), "5 rows (expected at least 1)");
    assertPassed(run(bounds(5L, 5L)), "5 rows (expected between 5 and 5)");
    assertFailed(run(bounds(null, 3L)), null, List.of(), "5 rows (expected at most 3)");
    assertFailed(run(bounds(6L, null)), null, List.of(), "5 rows (expected at least 6)");
  }

  @Test
  void freshnessOfTheNewestValueOfATimestampColumn() {
    assertPassed(run(fresh("seen", "26h")), "newest seen is 2026-11-24T10:00:00Z, 1d old (allowed 1d 2h)");
    assertFailed(run(fresh("seen", "23h")), null, List.of(), "newest seen is 2026-11-24T10:00:00Z, 1d old (allowed 23h)");
    assertPassed(run(fresh("seen_tz", "1d")), "newest seen_tz is 2026-11-24T10:00:00Z, 1d old (allowed 1d)");
    assertFailed(run(fresh("seen_day", "30h")), null, List.of(), "newest seen_day is 2026-11-24T00:00:00Z, 1d 10h old (allowed 1d 6h)");
    CheckResult empty = evaluator.evaluate(new Planned("a", new CheckDefinition("fresh", "freshness", null, "seen", null,
        null, null, "1d", null, null, null), "empty_table"));
    assertFailed(empty, null, List.of(), "no newest seen: nothing to be fresh");
  }

  @Test
  void freshnessOfTheLastBuildOrLoad() {
    assertPassed(run(fresh(null, "2h")), "last build of people is 2026-11-25T09:00:00Z, 1h old (allowed 2h)");
    CheckResult raw = evaluator.evaluate(new Planned("a", new CheckDefinition("fresh", "freshness", null, null, null,
        null, null, "30m", null, null, null), "raw_items"));
    assertFailed(raw, null, List.of(), "last load of raw_items is 2026-11-24T09:00:00Z, 1d 1h old (allowed 30m)");
  }

  @Test
  void customSqlRowsAreFailures() {
    assertPassed(run(sql("select handle from people where id > 100;")), "the query returned no rows");
    CheckResult duplicates = run(sql("select handle, count(*) as n from people group by handle having count(*) > 1"));
    assertFailed(duplicates, 1L, List.of("handle=b, n=2"), "the query returned 1 failing row");
  }

  @Test
  void severityDecidesWhetherAFailureFailsTheRun() {
    CheckResult warning = run(new CheckDefinition("w", "unique", null, "handle", null, null, null, null, null, "warn", null));
    assertThat(warning.passed()).isFalse();
    assertThat(warning.failsRun()).isFalse();
    assertThat(run(check("unique", "handle")).failsRun()).isTrue();
  }

  @Test
  void aCheckThatCannotRunIsReportedAndFailsTheRunWhateverItsSeverity() {
    CheckResult missing = evaluator.evaluate(new Planned("a", new CheckDefinition("w", "rowCount", null, null, null,
        1L, null, null, null, "warn", null), "no_such_table"));
    assertThat(missing.error()).isTrue();
    assertThat(missing.failsRun()).isTrue();
    assertThat(missing.message()).startsWith("could not run: Catalog Error: Table with name no_such_table does not exist");
    CheckResult badColumn = run(check("unique", "nope"));
    assertThat(badColumn.error()).isTrue();
    assertThat(badColumn.message()).startsWith("could not run: Binder Error");
  }

  private CheckResult run(CheckDefinition check) {
    return evaluator.evaluate(new Planned("a", CheckValidation.validated(check, "test"), "people"));
  }

  private static CheckDefinition check(String type, String column) {
    return new CheckDefinition(type + "_" + column, type, null, column, null, null, null, null, null, null, null);
  }

  private static CheckDefinition bounds(Long min, Long max) {
    return new CheckDefinition("rows", "rowCount", null, null, null, min, max, null, null, null, null);
  }

  private static CheckDefinition fresh(String column, String maxAge) {
    return new CheckDefinition("fresh", "freshness", null, column, null, null, null, maxAge, null, null, null);
  }

  private static CheckDefinition sql(String sql) {
    return new CheckDefinition("custom", "sql", null, null, null, null, null, null, sql, null, null);
  }

  private static void assertPassed(CheckResult result, String message) {
    assertThat(result.error()).as(result.message()).isFalse();
    assertThat(result.passed()).as(result.message()).isTrue();
    assertThat(result.message()).isEqualTo(message);
    assertThat(result.sample()).isEmpty();
  }

  private static void assertFailed(CheckResult result, Long failingRows, List<String> sample, String message) {
    assertThat(result.error()).as(result.message()).isFalse();
    assertThat(result.passed()).isFalse();
    assertThat(result.failingRows()).isEqualTo(failingRows);
    assertThat(result.sample()).isEqualTo(sample);
    assertThat(result.message()).isEqualTo(message);
  }
}
