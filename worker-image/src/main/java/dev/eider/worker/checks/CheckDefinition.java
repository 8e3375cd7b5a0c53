package dev.eider.worker.checks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.eider.worker.cli.WorkerFailure;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One data check, with the fields of an Asset's {@code spec.checks[]} item: {@code unique},
 * {@code notNull} and {@code acceptedValues} look at a column, {@code rowCount} bounds the rows,
 * {@code freshness} bounds the age of the newest value of a timestamp column (or of the table's
 * last build or load), and {@code sql} is a query whose rows are failures. {@code severity} is
 * {@code error} (the default: the run fails) or {@code warn}; {@code blocking} is passed on for
 * the operator to hold downstream assets.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckDefinition(String name, String type, String table, String column, List<String> values, Long min,
    Long max, String maxAge, String sql, String severity, Boolean blocking) {

  public static final Set<String> TYPES = Set.of("unique", "notNull", "acceptedValues", "rowCount", "freshness", "sql");

  /** The severity, {@code error} unless the check says {@code warn}. */
  public String effectiveSeverity() {
    return severity == null || severity.isBlank() ? "error" : severity;
  }

  public boolean isBlocking() {
    return Boolean.TRUE.equals(blocking);
  }

  /** Refuses, as bad input, a definition that cannot be run; {@code origin} says where it came from. */
  public CheckDefinition validated(String origin) {
    if (name == null || name.isBlank()) {
      throw WorkerFailure.badInput("a check in " + origin + " has no name");
    }
    String what = "check '" + name + "' (" + origin + ")";
    if (type == null || !TYPES.contains(type)) {
      throw WorkerFailure.badInput(what + ": type '" + type + "' is not one of "
          + "unique, notNull, acceptedValues, rowCount, freshness, sql");
    }
    if (!Set.of("error", "warn").contains(effectiveSeverity())) {
      throw WorkerFailure.badInput(what + ": severity '" + severity + "' is not warn or error");
    }
    SqlIdentifier.requirePlain(table, "table", what);
    SqlIdentifier.requirePlain(column, "column", what);
    switch (type) {
      case "unique", "notNull" -> require(column, "column", what);
      case "acceptedValues" -> {
        require(column, "column", what);
        if (values == null || values.isEmpty()) {
          throw WorkerFailure.badInput(what + ": acceptedValues needs values");
        }
        if (values.stream().anyMatch(Objects::isNull)) {
          throw WorkerFailure.badInput(what + ": acceptedValues holds a null value (notNull is the check for nulls)");
        }
      }
      case "rowCount" -> {
        if (min == null && max == null) {
          throw WorkerFailure.badInput(what + ": rowCount needs min, max or both");
        }
        if (min != null && max != null && min > max) {
          throw WorkerFailure.badInput(what + ": min " + min + " is above max " + max);
        }
      }
      case "freshness" -> Durations.parse(maxAge, what + " maxAge");
      default -> require(sql, "sql", what);
    }
    return this;
  }

  private static void require(String value, String field, String what) {
    if (value == null || value.isBlank()) {
      throw WorkerFailure.badInput(what + ": this type of check needs " + field);
    }
  }
}
