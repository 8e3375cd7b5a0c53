package dev.eider.contract.checks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Set;

/**
 * One data check, as JSON carries it from an Asset's {@code spec.checks[]} item to the worker (in
 * {@code EIDER_CHECKS}) and as the image's {@code checks.yaml} writes it: {@code unique},
 * {@code notNull} and {@code acceptedValues} look at a column, {@code rowCount} bounds the rows,
 * {@code freshness} bounds the age of the newest value of a timestamp column (or of the table's
 * last build or load), and {@code sql} is a query whose rows are failures. {@code severity} is
 * {@code error} (the default: the run fails) or {@code warn}; {@code blocking} is passed on for
 * the operator to hold downstream assets. {@link CheckRules} says what a definition must hold.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckDefinition(String name, String type, String table, String column, List<String> values, Long min,
    Long max, String maxAge, String sql, String severity, Boolean blocking) {

  public static final String UNIQUE = "unique";
  public static final String NOT_NULL = "notNull";
  public static final String ACCEPTED_VALUES = "acceptedValues";
  public static final String ROW_COUNT = "rowCount";
  public static final String FRESHNESS = "freshness";
  public static final String SQL = "sql";
  /** Every type, in the order messages list them. */
  public static final List<String> TYPES = List.of(UNIQUE, NOT_NULL, ACCEPTED_VALUES, ROW_COUNT, FRESHNESS, SQL);
  public static final Set<String> SEVERITIES = Set.of("error", "warn");

  /** The severity, {@code error} unless the check says {@code warn}. */
  public String effectiveSeverity() {
    return severity == null || severity.isBlank() ? "error" : severity;
  }

  public boolean isBlocking() {
    return Boolean.TRUE.equals(blocking);
  }
}
