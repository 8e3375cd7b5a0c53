package dev.eider.worker.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.worker.cli.WorkerFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The tables a model's SELECT reads, found by DuckDB's own parser ({@code json_serialize_sql}), not
 * by guessing from the text: comments, strings, column names and CTEs that share a table's name
 * are told apart exactly as DuckDB will when it runs the model.
 */
final class SqlReferences implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Connection parser = DuckDb.inMemory();

  /** The lower-cased names of the base tables {@code sql} reads, without its own CTEs. */
  Set<String> tablesReadBy(String model, String sql) {
    JsonNode tree = serialize(model, sql);
    if (tree.path("error").asBoolean()) {
      throw WorkerFailure.badInput("model " + model + " is not a valid SELECT: " + tree.path("error_message").asText());
    }
    JsonNode statements = tree.path("statements");
    if (statements.size() != 1) {
      throw WorkerFailure.badInput("model " + model + " must be exactly one SELECT statement, it has " + statements.size());
    }
    Set<String> tables = new HashSet<>();
    Set<String> ctes = new HashSet<>();
    collect(statements, tables, ctes);
    tables.removeAll(ctes);
    return tables;
  }

  private JsonNode serialize(String model, String sql) {
    try (PreparedStatement statement = parser.prepareStatement("SELECT json_serialize_sql(?)")) {
      statement.setString(1, sql);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return JSON.readTree(result.getString(1));
      }
    } catch (SQLException e) {
      throw WorkerFailure.badInput("model " + model + " cannot be parsed: " + DuckDb.message(e));
    } catch (java.io.IOException e) {
      throw WorkerFailure.failed("DuckDB's parse tree of model " + model + " is not JSON: " + e.getMessage(), e);
    }
  }

  private static void collect(JsonNode node, Set<String> tables, Set<String> ctes) {
    if (node.isObject()) {
      if ("BASE_TABLE".equals(node.path("type").asText()) && node.hasNonNull("table_name")) {
        tables.add(node.get("table_name").asText().toLowerCase(Locale.ROOT));
      }
      for (JsonNode cte : node.path("cte_map").path("map")) {
        ctes.add(cte.path("key").asText().toLowerCase(Locale.ROOT));
      }
    }
    if (node.isContainerNode()) {
      node.forEach(child -> collect(child, tables, ctes));
    }
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (SQLException e) {
      // An in-memory database: nothing to lose.
    }
  }
}
