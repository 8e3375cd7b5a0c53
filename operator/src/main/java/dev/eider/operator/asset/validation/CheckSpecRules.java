package dev.eider.operator.asset.validation;

import dev.eider.operator.platform.SpecProblem;
import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.asset.CheckSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What each kind of check needs besides its name and type, and names and SQL the worker would refuse. */
final class CheckSpecRules {

  List<SpecProblem> validate(List<CheckSpec> checks) {
    List<SpecProblem> problems = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < checks.size(); i++) {
      CheckSpec check = checks.get(i);
      String field = "spec.checks[" + i + "]";
      if (check.getName() != null && !names.add(check.getName())) {
        problems.add(new SpecProblem(field + ".name", "'" + check.getName() + "' is used by another check"));
      }
      if (check.getType() != null) {
        rules(check, field, problems);
      }
      if (check.getColumn() != null) {
        SqlCheckText.columnProblem(check.getColumn()).ifPresent(problem -> problems.add(new SpecProblem(field + ".column", problem)));
      }
      // The CRD's maxItems and maxLength say the same; a check stored under an older CRD did not meet them.
      if (check.getValues() != null && check.getValues().size() > ApiLimits.MAX_CHECK_VALUES) {
        problems.add(new SpecProblem(field + ".values", "has " + check.getValues().size() + " entries, more than the "
            + ApiLimits.MAX_CHECK_VALUES + " allowed"));
      } else if (check.getValues() != null) {
        for (int v = 0; v < check.getValues().size(); v++) {
          String value = check.getValues().get(v);
          if (value == null || value.length() > ApiLimits.MAX_CHECK_VALUE_LENGTH) {
            problems.add(new SpecProblem(field + ".values[" + v + "]", value == null ? "is null"
                : "has " + value.length() + " characters, more than the " + ApiLimits.MAX_CHECK_VALUE_LENGTH + " allowed"));
            break;
          }
        }
      }
      if (check.getMaxAge() != null && Durations.parse(check.getMaxAge()).isEmpty()) {
        problems.add(new SpecProblem(field + ".maxAge", "'" + WorkerSpecRules.shown(check.getMaxAge())
            + "' is not a duration of at most " + Durations.format(Durations.MAX)));
      }
      if (check.getType() == CheckSpec.Type.SQL && check.getSql() != null && !check.getSql().isBlank()) {
        SqlCheckText.sqlProblem(check.getSql()).ifPresent(problem -> problems.add(new SpecProblem(field + ".sql", problem)));
      }
    }
    return problems;
  }

  private static void rules(CheckSpec check, String field, List<SpecProblem> problems) {
    switch (check.getType()) {
      case UNIQUE, NOT_NULL -> require(check.getColumn() != null, field + ".column", "is required by " + typeName(check), problems);
      case ACCEPTED_VALUES -> {
        require(check.getColumn() != null, field + ".column", "is required by acceptedValues", problems);
        require(check.getValues() != null && !check.getValues().isEmpty(), field + ".values", "is required by acceptedValues", problems);
      }
      case ROW_COUNT -> {
        require(check.getMin() != null || check.getMax() != null, field, "rowCount needs min, max or both", problems);
        require(check.getMin() == null || check.getMax() == null || check.getMin() <= check.getMax(),
            field + ".max", "is below min", problems);
      }
      case FRESHNESS -> require(check.getMaxAge() != null, field + ".maxAge", "is required by freshness", problems);
      case SQL -> require(check.getSql() != null && !check.getSql().isBlank(), field + ".sql", "is required by sql", problems);
      default -> { }
    }
  }

  private static String typeName(CheckSpec check) {
    return check.getType() == CheckSpec.Type.UNIQUE ? "unique" : "notNull";
  }

  private static void require(boolean holds, String field, String message, List<SpecProblem> problems) {
    if (!holds) {
      problems.add(new SpecProblem(field, message));
    }
  }
}
