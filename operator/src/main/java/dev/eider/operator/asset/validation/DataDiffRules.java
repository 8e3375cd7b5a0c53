package dev.eider.operator.asset.validation;

import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.ApiPatterns;
import dev.eider.operator.api.asset.DiffTable;
import dev.eider.operator.api.asset.ReportSpec;
import dev.eider.operator.api.asset.TransformSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields a data diff reads: a {@code dataDiff} report's base and tables, and the row keys a
 * transform declares for its models. Every name here reaches SQL as an identifier, so each must be a
 * plain lower-case identifier; the base must name storage, never a path on the node.
 */
final class DataDiffRules {

  private static final Pattern IDENTIFIER = Pattern.compile(ApiPatterns.SQL_IDENTIFIER);
  private static final Pattern DATABASE = Pattern.compile(ApiPatterns.DATABASE);

  private DataDiffRules() {}

  static void report(ReportSpec report, List<SpecProblem> problems) {
    boolean diff = report.getKind() == ReportSpec.Kind.DATA_DIFF;
    if (!diff) {
      if (report.getBase() != null) {
        problems.add(new SpecProblem("spec.report.base", "only a dataDiff report has a base"));
      }
      if (report.getTables() != null && !report.getTables().isEmpty()) {
        problems.add(new SpecProblem("spec.report.tables", "only a dataDiff report has tables"));
      }
      return;
    }
    String base = report.getBase();
    if (base == null || base.isBlank()) {
      problems.add(new SpecProblem("spec.report.base", "must be set for a dataDiff: the database to compare with "
          + "(s3://<bucket>/<key>, md:<database> or a bare name)"));
    } else if (base.length() > 1024 || !DATABASE.matcher(base).matches() || List.of(base.split("/")).contains("..")) {
      problems.add(new SpecProblem("spec.report.base", "'" + WorkerSpecRules.shown(base) + "' is not s3://<bucket>/<key>, "
          + "md:<database> or a bare database name"));
    }
    List<DiffTable> tables = report.getTables() == null ? List.of() : report.getTables();
    if (tables.isEmpty()) {
      problems.add(new SpecProblem("spec.report.tables", "a dataDiff compares at least one table"));
    }
    if (tables.size() > ApiLimits.MAX_DIFF_TABLES) {
      problems.add(new SpecProblem("spec.report.tables", "at most " + ApiLimits.MAX_DIFF_TABLES + " tables, got " + tables.size()));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < tables.size(); i++) {
      DiffTable table = tables.get(i);
      String field = "spec.report.tables[" + i + "]";
      if (table == null || table.getName() == null || !IDENTIFIER.matcher(table.getName()).matches() || table.getName().length() > 63) {
        problems.add(new SpecProblem(field + ".name", "must be a table name: lower-case letters, digits and '_', at most 63"));
        continue;
      }
      if (!seen.add(table.getName())) {
        problems.add(new SpecProblem(field + ".name", "table " + table.getName() + " is listed twice"));
      }
      key(field + ".key", table.getKey(), problems);
    }
  }

  /** @param tables the transform's tables (its resolved models), or null when they are not known yet */
  static void keys(TransformSpec transform, Set<String> tables, List<SpecProblem> problems) {
    Map<String, List<String>> keys = transform.getKeys();
    if (keys == null) {
      return;
    }
    if (keys.size() > ApiLimits.MAX_MODELS) {
      problems.add(new SpecProblem("spec.transform.keys", "at most " + ApiLimits.MAX_MODELS + " models, got " + keys.size()));
      return;
    }
    keys.forEach((model, columns) -> {
      String field = "spec.transform.keys." + WorkerSpecRules.shown(model);
      if (model == null || !IDENTIFIER.matcher(model).matches()) {
        problems.add(new SpecProblem(field, "must be a model name: lower-case letters, digits and '_'"));
        return;
      }
      if (tables != null && !tables.contains(model)) {
        problems.add(new SpecProblem(field, "the transform builds no table " + model + "; it builds " + String.join(", ", tables.stream().sorted().toList())));
      }
      key(field, columns, problems);
    });
  }

  private static void key(String field, List<String> columns, List<SpecProblem> problems) {
    if (columns == null) {
      return;
    }
    if (columns.size() > ApiLimits.MAX_KEY_COLUMNS) {
      problems.add(new SpecProblem(field, "at most " + ApiLimits.MAX_KEY_COLUMNS + " columns, got " + columns.size()));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < columns.size(); i++) {
      String column = columns.get(i);
      if (column == null || !IDENTIFIER.matcher(column).matches() || column.length() > 63) {
        problems.add(new SpecProblem(field + "[" + i + "]", "'" + WorkerSpecRules.shown(column)
            + "' must be a column name: lower-case letters, digits and '_', at most 63"));
      } else if (!seen.add(column)) {
        problems.add(new SpecProblem(field + "[" + i + "]", "column " + column + " is listed twice"));
      }
    }
  }
}
