package dev.eider.worker.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.warehouse.DuckDb;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A check's SQL, proven to be exactly one read-only SELECT (or WITH ... SELECT, VALUES) by DuckDB's
 * own parser before anything runs. DuckDB's JDBC driver runs every statement of a string, so
 * pasting user SQL into {@code SELECT count(*) FROM (...)} confines nothing: {@code SELECT 1) a;
 * COPY ...} would run the COPY. The query is parsed alone (clear reasons) and again inside each
 * wrapper the evaluator runs (the exact text executed is one SELECT too).
 */
public final class ReadOnlyQuery {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTRACT = "a sql check is one read-only SELECT (or WITH ... SELECT, or VALUES)";

  private final String query;

  private ReadOnlyQuery(String query) {
    this.query = query;
  }

  /**
   * Refuses, as bad input naming {@code check}, SQL that is not one read-only SELECT.
   *
   * @param parser any DuckDB connection: parsing runs nothing of {@code sql}
   */
  public static ReadOnlyQuery of(Connection parser, String check, String sql) {
    String query = withoutTrailingSemicolons(sql == null ? "" : sql);
    reasonToRefuse(parser, query).ifPresent(reason -> {
      throw refused(check, reason);
    });
    ReadOnlyQuery accepted = new ReadOnlyQuery(query);
    for (String wrapped : new String[] {accepted.countSql(), accepted.sampleSql(1)}) {
      reasonToRefuse(parser, wrapped).ifPresent(reason -> {
        throw refused(check, "it does not stay inside the check's SELECT (" + reason + ")");
      });
    }
    return accepted;
  }

  /** The number of failing rows. */
  public String countSql() {
    return "SELECT count(*) FROM (\n" + query + "\n) AS failing";
  }

  /** The first {@code limit} failing rows. */
  public String sampleSql(int limit) {
    return "SELECT * FROM (\n" + query + "\n) AS failing LIMIT " + limit;
  }

  private static Optional<String> reasonToRefuse(Connection parser, String sql) {
    if (sql.isBlank()) {
      return Optional.of("it is empty");
    }
    JsonNode tree = parse(parser, sql);
    if (tree.path("error").asBoolean()) {
      String message = tree.path("error_message").asText();
      return Optional.of("parser".equals(tree.path("error_type").asText())
          ? "it is not valid SQL (" + message + ")"
          : "it is not a SELECT, or holds more than one statement: COPY, ATTACH, SET, PRAGMA, INSTALL, LOAD, "
              + "EXPORT, CALL, writes and DDL are refused (DuckDB: " + message + ")");
    }
    int statements = tree.path("statements").size();
    if (statements != 1) {
      return Optional.of("it holds " + statements + " statements");
    }
    return QueryTreeRules.violation(tree.path("statements")).map(QueryTreeRules.Violation::reason);
  }

  private static JsonNode parse(Connection parser, String sql) {
    try (PreparedStatement statement = parser.prepareStatement("SELECT json_serialize_sql(?)")) {
      statement.setString(1, sql);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return JSON.readTree(result.getString(1));
      }
    } catch (SQLException e) {
      throw WorkerFailure.failed("cannot parse a check's SQL with DuckDB: " + DuckDb.message(e), e);
    } catch (IOException e) {
      throw WorkerFailure.failed("DuckDB's parse tree of a check's SQL is not JSON: " + e.getMessage(), e);
    }
  }

  private static WorkerFailure refused(String check, String reason) {
    return WorkerFailure.badInput("check '" + check + "': sql refused, " + reason + "; " + CONTRACT + ", nothing was run");
  }

  private static String withoutTrailingSemicolons(String sql) {
    String trimmed = sql.strip();
    while (trimmed.endsWith(";")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
    }
    return trimmed;
  }
}
