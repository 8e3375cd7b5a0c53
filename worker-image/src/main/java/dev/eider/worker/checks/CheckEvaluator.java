package dev.eider.worker.checks;

import static dev.eider.worker.warehouse.DuckDb.identifier;
import static dev.eider.worker.warehouse.DuckDb.literal;

import dev.eider.contract.checks.CheckDefinition;
import dev.eider.contract.time.Durations;
import dev.eider.worker.checks.CheckCatalog.Planned;
import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.warehouse.DuckDb;
import dev.eider.worker.warehouse.InternalTables;
import dev.eider.worker.warehouse.SessionLockdown;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs checks as SQL on the warehouse. Each check is a count of failures plus a short sample of
 * them; a check that cannot run (missing table or column, failing SQL) is reported as such, not
 * thrown, so the other checks still run and the result says which one is broken. A {@code sql}
 * check that is not one read-only SELECT is refused as bad input ({@link ReadOnlyQuery}), and the
 * session is locked down ({@link SessionLockdown}) before any check runs.
 */
public final class CheckEvaluator {

  static final int SAMPLE_SIZE = 3;
  private static final int SAMPLE_CHARS = 80;

  private final Connection connection;
  private final Set<String> rawTables;
  private final Clock clock;

  /**
   * @param rawTables the project's raw tables: a freshness check without a column looks at their
   *     last load, and at the last build of any other table
   */
  public CheckEvaluator(Connection connection, Set<String> rawTables, Clock clock) throws SQLException {
    this.connection = connection;
    this.rawTables = rawTables;
    this.clock = clock;
    try (Statement statement = connection.createStatement()) {
      // Timestamps without a zone are UTC in this warehouse; the session must read them so.
      statement.execute("SET TimeZone = 'UTC'");
    }
    SessionLockdown.apply(connection);
  }

  public CheckResult evaluate(Planned planned) {
    CheckDefinition check = planned.check();
    try {
      return switch (check.type()) {
        case "unique" -> unique(planned);
        case "notNull" -> notNull(planned);
        case "acceptedValues" -> acceptedValues(planned);
        case "rowCount" -> rowCount(planned);
        case "freshness" -> freshness(planned);
        default -> customSql(planned);
      };
    } catch (SQLException e) {
      return new CheckResult(check, planned.table(), false, null, List.of(), "could not run: " + DuckDb.message(e), true);
    }
  }

  private CheckResult unique(Planned planned) throws SQLException {
    String column = identifier(planned.check().column());
    String duplicates = "SELECT " + column + "::VARCHAR AS value, count(*) AS n FROM " + identifier(planned.table())
        + " WHERE " + column + " IS NOT NULL GROUP BY " + column + " HAVING count(*) > 1";
    long[] totals = longs("SELECT count(*), coalesce(sum(n), 0) FROM (" + duplicates + ")");
    List<String> sample = valueCounts(duplicates);
    String message = totals[0] == 0 ? "every " + planned.check().column() + " is unique"
        : totals[0] + (totals[0] == 1 ? " value of " : " values of ") + planned.check().column()
            + (totals[0] == 1 ? " appears" : " appear") + " more than once (" + totals[1] + " rows)";
    return result(planned, totals[0] == 0, totals[1], sample, message);
  }

  private CheckResult notNull(Planned planned) throws SQLException {
    String failing = "SELECT * FROM " + identifier(planned.table()) + " WHERE " + identifier(planned.check().column()) + " IS NULL";
    long rows = longs("SELECT count(*) FROM (" + failing + ")")[0];
    String message = rows == 0 ? "no null " + planned.check().column()
        : rows + (rows == 1 ? " row has" : " rows have") + " a null " + planned.check().column();
    return result(planned, rows == 0, rows, sampleRows(failing + " LIMIT " + SAMPLE_SIZE), message);
  }

  private CheckResult acceptedValues(Planned planned) throws SQLException {
    String column = identifier(planned.check().column());
    List<String> values = planned.check().values();
    // The values travel as parameters: a value is never SQL, whatever it holds.
    String accepted = values.stream().map(value -> "?").collect(Collectors.joining(", "));
    String outside = "SELECT " + column + "::VARCHAR AS value, count(*) AS n FROM " + identifier(planned.table())
        + " WHERE " + column + " IS NOT NULL AND " + column + "::VARCHAR NOT IN (" + accepted + ") GROUP BY 1";
    long rows = longs("SELECT coalesce(sum(n), 0) FROM (" + outside + ")", values)[0];
    String message = rows == 0 ? "every " + planned.check().column() + " is an accepted value"
        : rows + (rows == 1 ? " row has" : " rows have") + " a " + planned.check().column() + " outside the accepted values";
    return result(planned, rows == 0, rows, valueCounts(outside, values), message);
  }

  private CheckResult rowCount(Planned planned) throws SQLException {
    long rows = longs("SELECT count(*) FROM " + identifier(planned.table()))[0];
    Long min = planned.check().min();
    Long max = planned.check().max();
    boolean passed = (min == null || rows >= min) && (max == null || rows <= max);
    String bounds = min != null && max != null ? "between " + min + " and " + max
        : min != null ? "at least " + min : "at most " + max;
    return result(planned, passed, null, List.of(), rows + " rows (expected " + bounds + ")");
  }

  private CheckResult freshness(Planned planned) throws SQLException {
    CheckDefinition check = planned.check();
    Duration maxAge = Durations.parse(check.maxAge()).orElseThrow(() -> WorkerFailure.badInput(
        "check '" + check.name() + "': maxAge " + Durations.problem(check.maxAge()).orElse("is not a duration")));
    String newestQuery;
    String what;
    if (check.column() != null && !check.column().isBlank()) {
      newestQuery = "SELECT epoch_ms(CAST(max(" + identifier(check.column()) + ") AS TIMESTAMPTZ)) FROM " + identifier(planned.table());
      what = "newest " + check.column();
    } else if (rawTables.contains(planned.table())) {
      newestQuery = "SELECT epoch_ms(max(loaded_at)) FROM " + InternalTables.RAW_OBJECTS + " WHERE raw_table = " + literal(planned.table());
      what = "last load of " + planned.table();
    } else {
      newestQuery = "SELECT epoch_ms(max(built_at)) FROM " + InternalTables.MODELS + " WHERE model = " + literal(planned.table());
      what = "last build of " + planned.table();
    }
    Long newest = nullableLong(newestQuery);
    if (newest == null) {
      return result(planned, false, null, List.of(), "no " + what + ": nothing to be fresh");
    }
    Instant at = Instant.ofEpochMilli(newest);
    Duration age = Duration.between(at, clock.instant());
    boolean passed = age.compareTo(maxAge) <= 0;
    return result(planned, passed, null, List.of(), what + " is " + at + ", " + Ages.describe(age)
        + " old (allowed " + Ages.describe(maxAge) + ")");
  }

  private CheckResult customSql(Planned planned) throws SQLException {
    // Refused here too, not only when planned: no path runs a check's SQL unparsed.
    ReadOnlyQuery query = ReadOnlyQuery.of(connection, planned.check().name(), planned.check().sql());
    long rows = longs(query.countSql())[0];
    String message = rows == 0 ? "the query returned no rows"
        : "the query returned " + rows + (rows == 1 ? " failing row" : " failing rows");
    return result(planned, rows == 0, rows, sampleRows(query.sampleSql(SAMPLE_SIZE)), message);
  }

  private static CheckResult result(Planned planned, boolean passed, Long failingRows, List<String> sample, String message) {
    return new CheckResult(planned.check(), planned.table(), passed, failingRows, passed ? List.of() : sample, message, false);
  }

  private long[] longs(String sql) throws SQLException {
    return longs(sql, List.of());
  }

  private long[] longs(String sql, List<String> parameters) throws SQLException {
    try (PreparedStatement statement = prepared(sql, parameters); ResultSet result = statement.executeQuery()) {
      result.next();
      long[] values = new long[result.getMetaData().getColumnCount()];
      for (int i = 0; i < values.length; i++) {
        values[i] = result.getLong(i + 1);
      }
      return values;
    }
  }

  private Long nullableLong(String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      result.next();
      long value = result.getLong(1);
      return result.wasNull() ? null : value;
    }
  }

  /** "value (n rows)" for the most frequent offending values. */
  private List<String> valueCounts(String valuesAndCounts) throws SQLException {
    return valueCounts(valuesAndCounts, List.of());
  }

  private List<String> valueCounts(String valuesAndCounts, List<String> parameters) throws SQLException {
    List<String> sample = new ArrayList<>();
    try (PreparedStatement statement = prepared(valuesAndCounts + " ORDER BY n DESC, value LIMIT " + SAMPLE_SIZE, parameters);
         ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        sample.add(shorten(result.getString(1)) + " (" + result.getLong(2) + " rows)");
      }
    }
    return sample;
  }

  private PreparedStatement prepared(String sql, List<String> parameters) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setString(i + 1, parameters.get(i));
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }

  /** The first failing rows of a query that stops after them, each as "column=value, ..." cut short. */
  private List<String> sampleRows(String limitedFailing) throws SQLException {
    List<String> sample = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery(limitedFailing)) {
      ResultSetMetaData columns = result.getMetaData();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns.getColumnCount() && row.length() < SAMPLE_CHARS; i++) {
          row.append(i > 1 ? ", " : "");
          if (columns.getColumnCount() > 1) {
            row.append(columns.getColumnLabel(i)).append('=');
          }
          row.append(result.getString(i));
        }
        sample.add(shorten(row.toString()));
      }
    }
    return sample;
  }

  private static String shorten(String value) {
    String text = value == null ? "null" : value.replaceAll("\\s+", " ");
    return text.length() <= SAMPLE_CHARS ? text : text.substring(0, SAMPLE_CHARS - 3) + "...";
  }
}
