package dev.eider.worker.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a check's SELECT may reference, judged on DuckDB's parse tree ({@code json_serialize_sql}):
 * the warehouse's tables and plain values only. A CTE may hold a DELETE/INSERT/UPDATE that DuckDB
 * runs, and table functions read files, settings or the catalog; both are refused here. The
 * session lockdown ({@link dev.eider.worker.warehouse.SessionLockdown}) still stands behind this,
 * for whatever a later DuckDB adds to its grammar.
 */
public final class QueryTreeRules {

  /**
   * Why a node may not run, and where: the character offset of the node (or of the nearest node
   * above it that DuckDB located) in the parsed text, or -1 when DuckDB located none.
   */
  public record Violation(String reason, long location) {}


  /** The query node types of a read: anything else ending in _NODE (DELETE_QUERY_NODE...) writes. */
  private static final Set<String> READ_NODES = Set.of("SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE");
  /** Table functions that compute from their arguments alone. */
  static final Set<String> TABLE_FUNCTIONS = Set.of("range", "generate_series", "unnest", "json_each", "json_tree");
  /** Table references that are not data of the warehouse (DESCRIBE/SHOW, internal scans). */
  private static final Set<String> REFUSED_REFERENCES = Set.of("SHOW_REF", "COLUMN_DATA", "DELIM_GET", "BOUND_TABLE_REF");
  /** Scalar functions that read settings or run other SQL. */
  private static final Set<String> REFUSED_FUNCTIONS = Set.of("current_setting", "getvariable", "getenv",
      "json_execute_serialized_sql", "query", "query_table");

  private QueryTreeRules() {}

  /** Why the tree may not run as a check (or a model), or empty when it may. */
  public static Optional<Violation> violation(JsonNode node) {
    return violation(node, -1);
  }

  private static Optional<Violation> violation(JsonNode node, long enclosing) {
    long location = enclosing;
    if (node.isObject()) {
      location = location(node).orElse(enclosing);
      Optional<String> own = ownViolation(node);
      if (own.isPresent()) {
        return Optional.of(new Violation(own.get(), location));
      }
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        Optional<Violation> found = violation(child, location);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** DuckDB's offset of a node in the text; it writes 2^64-1 (read as negative) where it has none. */
  public static Optional<Long> location(JsonNode node) {
    JsonNode at = node.get("query_location");
    return at != null && at.canConvertToLong() && at.asLong() >= 0 ? Optional.of(at.asLong()) : Optional.empty();
  }

  private static Optional<String> ownViolation(JsonNode node) {
    String type = node.path("type").asText("");
    // Expressions carry a "class"; query nodes and table references do not.
    if (node.has("class")) {
      String function = lower(node.path("function_name").asText(""));
      return "FUNCTION".equals(type) && REFUSED_FUNCTIONS.contains(function)
          ? Optional.of("it calls " + function + "(), which reads the worker's settings or runs other SQL")
          : Optional.empty();
    }
    if (type.endsWith("_NODE") && !READ_NODES.contains(type)) {
      return Optional.of("it holds a " + type.replace("_QUERY_NODE", "").replace("_NODE", "")
          + " statement (a CTE may not write)");
    }
    if (REFUSED_REFERENCES.contains(type)) {
      return Optional.of("it reads " + ("SHOW_REF".equals(type) ? "DESCRIBE/SHOW/SUMMARIZE output" : type)
          + ", not a table");
    }
    if ("TABLE_FUNCTION".equals(type)) {
      String function = lower(node.path("function").path("function_name").asText(""));
      return TABLE_FUNCTIONS.contains(function) ? Optional.empty()
          : Optional.of("it calls table function " + function + "(), which may read files, settings or the catalog"
              + " (allowed: " + String.join(", ", TABLE_FUNCTIONS.stream().sorted().toList()) + ")");
    }
    if ("BASE_TABLE".equals(type) && looksLikeAPath(node.path("table_name").asText(""))) {
      // DuckDB reads FROM 'file.csv' as a file when no such table exists.
      return Optional.of("it reads '" + node.path("table_name").asText() + "', which names a file, not a table");
    }
    return Optional.empty();
  }

  private static boolean looksLikeAPath(String table) {
    return table.contains("/") || table.contains("\\") || table.contains(":") || table.contains(".") || table.startsWith("~");
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
