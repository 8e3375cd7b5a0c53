package dev.eider.worker.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.worker.checks.QueryTreeRules;
import dev.eider.worker.run.WorkerFailure;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A model's SQL as DuckDB's own parser ({@code json_serialize_sql}) sees it, before anything runs:
 * exactly one read-only SELECT (the rules of a sql check: no writing CTE, no table function but
 * the pure ones, no file or setting read), which stays one SELECT inside the statement that builds
 * its table, reading tables of the warehouse by name. Models may come from a ConfigMap or the
 * Asset itself, so this is written for hostile SQL; the session lockdown stands behind it. The
 * tables it reads are found on the same tree, not by guessing from the text: comments, strings,
 * column names and CTEs that share a table's name are told apart exactly as DuckDB will.
 */
final class SqlReferences implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTRACT = "a model is one read-only SELECT (or WITH ... SELECT, or VALUES)";
  private final Connection parser = DuckDb.inMemory();

  /**
   * A model as parsed: the lower-cased names of the base tables it reads (without its own CTEs),
   * each with the line of its first mention, and the SHA-256 of its parse tree without positions,
   * so whitespace, comments and keyword case do not change it.
   */
  record Parsed(Map<String, Integer> tables, String normalizedSha256) {}

  /** The lower-cased names of the base tables {@code sql} reads, without its own CTEs. */
  Set<String> tablesReadBy(String model, String sql) {
    return references(model, sql).keySet();
  }

  /** The tables of {@link #parse}. */
  Map<String, Integer> references(String model, String sql) {
    return parse(model, sql).tables();
  }

  /** Refuses, as bad input naming the model and line, anything but one read-only SELECT. */
  Parsed parse(String model, String sql) {
    String query = ModelRunner.withoutTrailingSemicolons(sql == null ? "" : sql);
    if (query.isBlank()) {
      throw refused(model, 0, "it is empty");
    }
    JsonNode tree = serialize(model, query);
    if (tree.path("error").asBoolean()) {
      throw parseError(model, query, tree);
    }
    JsonNode statements = tree.path("statements");
    if (statements.size() != 1) {
      throw refused(model, 0, "it holds " + statements.size() + " statements");
    }
    Optional<QueryTreeRules.Violation> violation = QueryTreeRules.violation(statements);
    if (violation.isPresent()) {
      throw refused(model, line(query, violation.get().location()), violation.get().reason());
    }
    // The table is built by CREATE TABLE .. AS (\n<query>\n): the query must close no parenthesis it did not open.
    JsonNode wrapped = serialize(model, "SELECT * FROM (\n" + query + "\n) AS model");
    if (wrapped.path("error").asBoolean() || wrapped.path("statements").size() != 1) {
      throw refused(model, 0, "it does not stay inside the statement that builds its table");
    }
    Map<String, Long> tables = new TreeMap<>();
    Set<String> ctes = new HashSet<>();
    collect(model, query, statements, tables, ctes);
    Map<String, Integer> lines = new TreeMap<>();
    tables.forEach((table, location) -> {
      if (!ctes.contains(table)) {
        lines.put(table, line(query, location));
      }
    });
    return new Parsed(lines, Fingerprints.sha256(withoutPositions(statements.deepCopy()).toString()));
  }

  /** The tree without DuckDB's character offsets: what is left is the query, not its layout. */
  private static JsonNode withoutPositions(JsonNode node) {
    if (node.isObject()) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove(java.util.List.of("query_location", "query_location_length"));
    }
    node.forEach(SqlReferences::withoutPositions);
    return node;
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

  private static WorkerFailure parseError(String model, String query, JsonNode tree) {
    String message = tree.path("error_message").asText();
    if ("parser".equals(tree.path("error_type").asText())) {
      long position = tree.path("position").asLong(-1);
      return refused(model, line(query, position), "it is not valid SQL (" + message + ")");
    }
    // DuckDB serializes only SELECTs: anything else (or a SELECT followed by more) ends up here.
    return refused(model, 0, "it is not a SELECT, or holds more than one statement: COPY, ATTACH, SET, PRAGMA, "
        + "INSTALL, LOAD, EXPORT, CALL, writes and DDL are refused (DuckDB: " + message + ")");
  }

  private static void collect(String model, String query, JsonNode node, Map<String, Long> tables, Set<String> ctes) {
    if (node.isObject()) {
      if ("BASE_TABLE".equals(node.path("type").asText()) && node.hasNonNull("table_name")) {
        String table = node.get("table_name").asText().toLowerCase(Locale.ROOT);
        long location = QueryTreeRules.location(node).orElse(-1L);
        String schema = node.path("schema_name").asText("");
        if (!node.path("catalog_name").asText("").isEmpty() || !(schema.isEmpty() || schema.equalsIgnoreCase("main"))) {
          throw refused(model, line(query, location), "it reads " + table + " of another database or schema; a model reads "
              + "the warehouse's tables by their plain names");
        }
        tables.merge(table, location, Math::min);
      }
      for (JsonNode cte : node.path("cte_map").path("map")) {
        ctes.add(cte.path("key").asText().toLowerCase(Locale.ROOT));
      }
    }
    if (node.isContainerNode()) {
      node.forEach(child -> collect(model, query, child, tables, ctes));
    }
  }

  /** The 1-based line of a byte offset of DuckDB's (0 when unknown). */
  static int line(String sql, long offset) {
    if (offset < 0) {
      return 0;
    }
    byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
    int line = 1;
    for (int i = 0; i < Math.min(offset, bytes.length); i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  /** A model refused before anything ran; {@code line} 0 when DuckDB could not tell where. */
  static WorkerFailure refused(String model, int line, String reason) {
    return WorkerFailure.badInput("model " + model + (line > 0 ? ", line " + line : "") + ": sql refused, " + reason
        + "; " + CONTRACT + ", nothing was run");
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
