package dev.eider.worker.diff;

import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.warehouse.DuckDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Compares a branch's table with production's inside DuckDB: the tables can be far larger than
 * the worker's heap, so every figure is an aggregate the database computes and only those come
 * back. One scan per side profiles the columns; one full outer join by key counts added, removed
 * and changed rows and, per column, the matched rows whose value differs.
 */
public final class TableComparer {

  /** Min and max are shown to people; a long text value is cut in the database, not here. */
  static final int MAX_VALUE_CHARS = 120;

  private final Connection connection;

  public TableComparer(Connection connection) {
    this.connection = connection;
  }

  /**
   * Compares {@code branch} with {@code base}. {@code key} names the columns that identify a row
   * (empty: none declared). A table missing from production is reported as new; one missing from
   * the branch is bad input, since the branch's run just wrote it.
   */
  public TableDiff compare(TableRef base, TableRef branch, List<String> key) {
    try {
      Map<String, String> branchColumns = columns(branch);
      if (branchColumns.isEmpty()) {
        throw WorkerFailure.badInput("diff: table " + branch.displayName() + " does not exist in the branch's database");
      }
      Map<String, String> baseColumns = columns(base);
      if (baseColumns.isEmpty()) {
        return newTable(branch, branchColumns, key);
      }
      SchemaChanges schema = schemaChanges(baseColumns, branchColumns);
      List<String> common = baseColumns.keySet().stream().filter(branchColumns::containsKey).toList();
      String keyProblem = missingKeyColumn(key, baseColumns, branchColumns);
      List<String> profiledKey = keyProblem == null ? key : List.of();
      Profile baseProfile = profile(base, common, baseColumns, profiledKey);
      Profile branchProfile = profile(branch, common, branchColumns, profiledKey);
      if (keyProblem == null) {
        keyProblem = repeatedKey(key, baseProfile, branchProfile);
      }
      Optional<RowChanges> rows = Optional.empty();
      Map<String, Long> changedByColumn = Map.of();
      if (keyProblem == null) {
        boolean nullKeys = key.stream().anyMatch(c -> baseProfile.columns.get(c).nulls() > 0
            || branchProfile.columns.get(c).nulls() > 0);
        Joined joined = join(base, branch, key, common.stream().filter(c -> !key.contains(c)).toList(),
            baseColumns, branchColumns, nullKeys);
        rows = Optional.of(joined.rows);
        changedByColumn = joined.changedByColumn;
      }
      List<ColumnDiff> columns = new ArrayList<>();
      for (String name : common) {
        columns.add(new ColumnDiff(name, baseColumns.get(name), branchColumns.get(name),
            baseProfile.columns.get(name), branchProfile.columns.get(name),
            keyProblem == null ? changedByColumn.getOrDefault(name, 0L) : null));
      }
      return new TableDiff(branch.displayName(), baseProfile.rows, branchProfile.rows, key, rows,
          keyProblem, schema, columns);
    } catch (SQLException e) {
      throw WorkerFailure.failed("diff of " + branch.displayName() + " failed: " + DuckDb.message(e), e);
    }
  }

  private TableDiff newTable(TableRef branch, Map<String, String> branchColumns, List<String> key)
      throws SQLException {
    List<Column> added = branchColumns.entrySet().stream().map(e -> new Column(e.getKey(), e.getValue())).toList();
    long rows = profile(branch, List.of(), branchColumns, List.of()).rows;
    return new TableDiff(branch.displayName(), 0, rows, key, Optional.empty(),
        "new table: production has no " + branch.displayName(), new SchemaChanges(added, List.of(), List.of()),
        List.of());
  }

  /** The table's columns in order, name to type; empty when the table does not exist. */
  private Map<String, String> columns(TableRef table) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT column_name, data_type FROM information_schema.columns "
            + "WHERE table_catalog = ? AND table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
      statement.setString(1, table.catalog());
      statement.setString(2, table.schema());
      statement.setString(3, table.table());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return columns;
  }

  private static SchemaChanges schemaChanges(Map<String, String> base, Map<String, String> branch) {
    List<Column> added = new ArrayList<>();
    List<Column> removed = new ArrayList<>();
    List<SchemaChanges.Retyped> retyped = new ArrayList<>();
    branch.forEach((name, type) -> {
      if (!base.containsKey(name)) {
        added.add(new Column(name, type));
      } else if (!base.get(name).equals(type)) {
        retyped.add(new SchemaChanges.Retyped(name, base.get(name), type));
      }
    });
    base.forEach((name, type) -> {
      if (!branch.containsKey(name)) {
        removed.add(new Column(name, type));
      }
    });
    return new SchemaChanges(added, removed, retyped);
  }

  /** {@code distinctKeys}: how many different keys the rows have, a NULL key counted as one. */
  private record Profile(long rows, long distinctKeys, Map<String, ColumnProfile> columns) {}

  /**
   * One scan: the row count, the number of distinct keys (when {@code key} is given) and, per
   * column, nulls, distinct values, min/max and mean.
   */
  private Profile profile(TableRef table, List<String> names, Map<String, String> types, List<String> key)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT count(*), ").append(distinctKeys(key));
    for (String name : names) {
      Column column = new Column(name, types.get(name));
      String c = DuckDb.identifier(name);
      sql.append(", count(*) - count(").append(c).append("), count(DISTINCT ").append(c).append(')');
      if (column.ordered()) {
        sql.append(", left(CAST(min(").append(c).append(") AS VARCHAR), ").append(MAX_VALUE_CHARS).append(')')
            .append(", left(CAST(max(").append(c).append(") AS VARCHAR), ").append(MAX_VALUE_CHARS).append(')');
      } else {
        sql.append(", NULL, NULL");
      }
      sql.append(column.numeric() ? ", CAST(avg(" + c + ") AS DOUBLE)" : ", NULL");
    }
    sql.append(" FROM ").append(table.sql());
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql.toString())) {
      rs.next();
      Map<String, ColumnProfile> profiles = new LinkedHashMap<>();
      int i = 3;
      for (String name : names) {
        long nulls = rs.getLong(i);
        long distinct = rs.getLong(i + 1);
        String min = rs.getString(i + 2);
        String max = rs.getString(i + 3);
        double mean = rs.getDouble(i + 4);
        Double meanOrNull = rs.wasNull() ? null : mean;
        profiles.put(name, new ColumnProfile(nulls, distinct, min, max, meanOrNull));
        i += 5;
      }
      return new Profile(rs.getLong(1), rs.getLong(2), profiles);
    }
  }

  /**
   * Distinct keys as an aggregate of the profile's scan: a one-column key's values with NULL
   * counted as one more; a composite key as a struct, which is never NULL itself, so NULL parts
   * are values like any other.
   */
  private static String distinctKeys(List<String> key) {
    if (key.isEmpty()) {
      return "0";
    }
    if (key.size() == 1) {
      String c = DuckDb.identifier(key.get(0));
      return "count(DISTINCT " + c + ") + CAST(count(*) > count(" + c + ") AS BIGINT)";
    }
    return "count(DISTINCT {" + String.join(", ", IntStream.range(0, key.size())
        .mapToObj(i -> "'k" + i + "': " + DuckDb.identifier(key.get(i))).toList()) + "})";
  }

  /** Why rows cannot be matched by {@code key} whatever the data, or null. */
  private static String missingKeyColumn(List<String> key, Map<String, String> baseColumns,
      Map<String, String> branchColumns) {
    if (key.isEmpty()) {
      return "no key declared: rows compared by count only";
    }
    for (String column : key) {
      if (!baseColumns.containsKey(column) || !branchColumns.containsKey(column)) {
        return "key column " + column + " is missing from " + (baseColumns.containsKey(column) ? "the branch" : "production")
            + ": rows compared by count only";
      }
    }
    return null;
  }

  /** A key two rows share makes a join multiply rows: say so instead of counting nonsense. */
  private static String repeatedKey(List<String> key, Profile base, Profile branch) {
    long baseExtra = base.rows - base.distinctKeys;
    long branchExtra = branch.rows - branch.distinctKeys;
    if (baseExtra == 0 && branchExtra == 0) {
      return null;
    }
    return "key (" + String.join(", ", key) + ") is not unique: " + baseExtra + " rows repeat a key in production, "
        + branchExtra + " in the branch: rows compared by count only";
  }

  private record Joined(RowChanges rows, Map<String, Long> changedByColumn) {}

  /**
   * The full outer join by key. Each side is projected to positional aliases ({@code k0..},
   * {@code c0..}) so no column name of the user's can collide with the presence flag. A NULL key
   * matches a NULL key, as a key value like any other. A column
   * retyped by the branch is compared as text.
   */
  private Joined join(TableRef base, TableRef branch, List<String> key, List<String> values,
      Map<String, String> baseTypes, Map<String, String> branchTypes, boolean nullKeys) throws SQLException {
    // Plain equality joins faster; it is the same match when no key part is NULL on either side.
    String equals = nullKeys ? " IS NOT DISTINCT FROM " : " = ";
    String on = String.join(" AND ", IntStream.range(0, key.size())
        .mapToObj(i -> "b.k" + i + equals + "n.k" + i).toList());
    List<String> differs = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      differs.add("b.c" + i + " IS DISTINCT FROM n.c" + i);
    }
    String anyDiffers = differs.isEmpty() ? "false" : String.join(" OR ", differs);
    StringBuilder sql = new StringBuilder("SELECT")
        .append(" count(*) FILTER (WHERE n.p AND b.p IS NULL)")
        .append(", count(*) FILTER (WHERE b.p AND n.p IS NULL)")
        .append(", count(*) FILTER (WHERE b.p AND n.p AND (").append(anyDiffers).append("))")
        .append(", count(*) FILTER (WHERE b.p AND n.p AND NOT (").append(anyDiffers).append("))");
    for (String differ : differs) {
      sql.append(", count(*) FILTER (WHERE b.p AND n.p AND ").append(differ).append(')');
    }
    sql.append(" FROM (").append(side(base, key, values, baseTypes, branchTypes)).append(") b")
        .append(" FULL OUTER JOIN (").append(side(branch, key, values, branchTypes, baseTypes)).append(") n")
        .append(" ON ").append(on);
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql.toString())) {
      rs.next();
      Map<String, Long> changed = new LinkedHashMap<>();
      for (int i = 0; i < values.size(); i++) {
        changed.put(values.get(i), rs.getLong(5 + i));
      }
      return new Joined(new RowChanges(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)), changed);
    }
  }

  private static String side(TableRef table, List<String> key, List<String> values, Map<String, String> types,
      Map<String, String> otherTypes) {
    StringBuilder sql = new StringBuilder("SELECT true AS p");
    for (int i = 0; i < key.size(); i++) {
      sql.append(", ").append(comparable(key.get(i), types, otherTypes)).append(" AS k").append(i);
    }
    for (int i = 0; i < values.size(); i++) {
      sql.append(", ").append(comparable(values.get(i), types, otherTypes)).append(" AS c").append(i);
    }
    return sql.append(" FROM ").append(table.sql()).toString();
  }

  private static String comparable(String name, Map<String, String> types, Map<String, String> otherTypes) {
    String c = DuckDb.identifier(name);
    return types.get(name).equals(otherTypes.get(name)) ? c : "CAST(" + c + " AS VARCHAR)";
  }
}
