package dev.eider.worker.diff;

import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.warehouse.DuckDb;
import dev.eider.worker.warehouse.Warehouse.Attachment;
import dev.eider.worker.warehouse.Warehouse;
import dev.eider.worker.warehouse.WarehouseLocation;
import dev.eider.worker.warehouse.WarehouseSession;
import dev.eider.worker.warehouse.Warehouses;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The data diff of a branch: each named table of the branch's staging database against the same
 * table of production's, both read-only, in one DuckDB session (production attached beside the
 * branch), so every comparison runs in the database.
 */
public final class DataDiff {

  /** The catalog production is attached under in the branch's session. */
  static final String BASE_ALIAS = "eider_base";
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private final Map<String, String> env;

  public DataDiff(Map<String, String> env) {
    this.env = env;
  }

  /**
   * Compares each table in {@code keys} (table name to its key columns, empty for none) of the
   * branch's database ({@code branch}) with {@code base}'s, in the map's order.
   */
  public List<TableDiff> compare(WarehouseLocation base, WarehouseLocation branch, Map<String, List<String>> keys) {
    requireNames(keys);
    if (base.identity().equals(branch.identity())) {
      throw WorkerFailure.badInput("diff: --base names the branch's own database " + branch.display());
    }
    if (base.getClass() != branch.getClass()) {
      throw WorkerFailure.badInput("diff: cannot compare " + branch.display() + " with " + base.display()
          + ": both databases must be of the same kind (DuckDB files, s3:// objects, or MotherDuck)");
    }
    try (Warehouse branchWarehouse = Warehouses.open(branch, env);
         Warehouse baseWarehouse = Warehouses.open(base, env);
         WarehouseSession session = branchWarehouse.open(true);
         Attachment attached = baseWarehouse.attachReadOnly(session, BASE_ALIAS)) {
      String branchCatalog = currentDatabase(session);
      TableComparer comparer = new TableComparer(session.connection());
      List<TableDiff> diffs = new ArrayList<>();
      keys.forEach((table, key) -> diffs.add(comparer.compare(new TableRef(attached.catalog(), "main", table),
          new TableRef(branchCatalog, "main", table), key)));
      return diffs;
    }
  }

  private static String currentDatabase(WarehouseSession session) {
    try (Statement statement = session.connection().createStatement();
         ResultSet rs = statement.executeQuery("SELECT current_database()")) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw WorkerFailure.failed("diff: cannot name the branch's database: " + DuckDb.message(e), e);
    }
  }

  /** Tables and key columns arrive on the command line: plain identifiers only, so no name is SQL. */
  private static void requireNames(Map<String, List<String>> keys) {
    if (keys.isEmpty()) {
      throw WorkerFailure.badInput("diff: name at least one table (--table <name>[:<key>,...])");
    }
    keys.forEach((table, key) -> {
      requirePlain(table, "table");
      key.forEach(column -> requirePlain(column, "key column of " + table));
    });
  }

  private static void requirePlain(String name, String what) {
    if (!PLAIN.matcher(name).matches()) {
      throw WorkerFailure.badInput("diff: " + what + " '" + name + "' is not a plain SQL identifier "
          + "(letters, digits and _, not starting with a digit, at most 63 characters)");
    }
  }

  /** Parses {@code --table} values, {@code name} or {@code name:key1,key2}, keeping their order. */
  public static Map<String, List<String>> parseTables(List<String> values) {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    for (String value : values) {
      int colon = value.indexOf(':');
      String table = colon < 0 ? value : value.substring(0, colon);
      List<String> key = colon < 0 || colon == value.length() - 1 ? List.of()
          : List.of(value.substring(colon + 1).split(",", -1));
      if (keys.putIfAbsent(table, key) != null) {
        throw WorkerFailure.badInput("diff: table " + table + " is named twice");
      }
    }
    return keys;
  }
}
