package dev.eider.contract.checks;

import dev.eider.contract.time.Durations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a check definition must hold, for the operator (at apply time, as {@code InvalidSpec}
 * problems) and for the worker (before anything runs, as bad input): every problem is returned,
 * none thrown. The CRD's schema says part of this too; a check stored under an older CRD, or
 * written into the image's {@code checks.yaml}, did not pass it.
 */
public final class CheckRules {

  /** Most entries of {@code values}. */
  public static final int MAX_VALUES = 1_000;
  /** Longest entry of {@code values}, in characters. */
  public static final int MAX_VALUE_LENGTH = 1_024;

  private CheckRules() {}

  /**
   * The problems of every check of a list, each field prefixed with the check's index
   * ({@code [2].column}), including a name used twice.
   */
  public static List<CheckProblem> problems(List<CheckDefinition> checks) {
    List<CheckProblem> problems = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < checks.size(); i++) {
      String index = "[" + i + "]";
      CheckDefinition check = checks.get(i);
      if (check == null) {
        problems.add(new CheckProblem(index, "is null"));
        continue;
      }
      if (check.name() != null && !names.add(check.name())) {
        problems.add(new CheckProblem(index + ".name", "'" + Shown.text(check.name()) + "' is used by another check"));
      }
      for (CheckProblem problem : problems(check)) {
        problems.add(new CheckProblem(problem.field().isEmpty() ? index : index + "." + problem.field(), problem.message()));
      }
    }
    return problems;
  }

  /** The problems of one check, fields relative to it; empty when the worker can run it. */
  public static List<CheckProblem> problems(CheckDefinition check) {
    List<CheckProblem> problems = new ArrayList<>();
    if (check.name() == null || check.name().isBlank()) {
      problems.add(new CheckProblem("name", "is required"));
    }
    if (check.type() == null) {
      problems.add(new CheckProblem("type", "is required: one of " + String.join(", ", CheckDefinition.TYPES)));
    } else if (!CheckDefinition.TYPES.contains(check.type())) {
      problems.add(new CheckProblem("type", "'" + Shown.text(check.type()) + "' is not one of " + String.join(", ", CheckDefinition.TYPES)));
    } else {
      needs(check, problems);
    }
    if (!CheckDefinition.SEVERITIES.contains(check.effectiveSeverity())) {
      problems.add(new CheckProblem("severity", "'" + Shown.text(check.severity()) + "' is not warn or error"));
    }
    identifier(check.table(), "table", problems);
    identifier(check.column(), "column", problems);
    values(check.values(), problems);
    if (check.min() != null && check.min() < 0) {
      problems.add(new CheckProblem("min", "is negative"));
    }
    if (check.maxAge() != null) {
      Durations.problem(check.maxAge()).ifPresent(problem -> problems.add(new CheckProblem("maxAge", problem)));
    }
    if (CheckDefinition.SQL.equals(check.type()) && check.sql() != null && !check.sql().isBlank()) {
      CheckSql.sqlProblem(check.sql()).ifPresent(problem -> problems.add(new CheckProblem("sql", problem)));
    }
    return problems;
  }

  /** What each type needs besides its name. */
  private static void needs(CheckDefinition check, List<CheckProblem> problems) {
    String type = check.type();
    switch (type) {
      case CheckDefinition.UNIQUE, CheckDefinition.NOT_NULL, CheckDefinition.ACCEPTED_VALUES -> {
        require(check.column() != null && !check.column().isBlank(), "column", "is required by " + type, problems);
        if (type.equals(CheckDefinition.ACCEPTED_VALUES)) {
          require(check.values() != null && !check.values().isEmpty(), "values", "is required by acceptedValues", problems);
        }
      }
      case CheckDefinition.ROW_COUNT -> {
        require(check.min() != null || check.max() != null, "", "rowCount needs min, max or both", problems);
        require(check.min() == null || check.max() == null || check.min() <= check.max(), "max",
            "is below min", problems);
      }
      case CheckDefinition.FRESHNESS -> require(check.maxAge() != null, "maxAge", "is required by freshness", problems);
      default -> require(check.sql() != null && !check.sql().isBlank(), "sql", "is required by sql", problems);
    }
  }

  private static void identifier(String name, String field, List<CheckProblem> problems) {
    if (name != null) {
      CheckSql.identifierProblem(name).ifPresent(problem -> problems.add(new CheckProblem(field, problem)));
    }
  }

  private static void values(List<String> values, List<CheckProblem> problems) {
    if (values == null) {
      return;
    }
    if (values.size() > MAX_VALUES) {
      problems.add(new CheckProblem("values", "has " + values.size() + " entries, more than the " + MAX_VALUES + " allowed"));
      return;
    }
    for (int v = 0; v < values.size(); v++) {
      String value = values.get(v);
      if (value == null || value.length() > MAX_VALUE_LENGTH) {
        // A null is no value to accept: notNull is the check for nulls.
        problems.add(new CheckProblem("values[" + v + "]", value == null ? "is null (notNull is the check for nulls)"
            : "has " + value.length() + " characters, more than the " + MAX_VALUE_LENGTH + " allowed"));
        return;
      }
    }
  }

  private static void require(boolean holds, String field, String message, List<CheckProblem> problems) {
    if (!holds) {
      problems.add(new CheckProblem(field, message));
    }
  }
}
