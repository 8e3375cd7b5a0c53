package dev.eider.worker.diff;

import dev.eider.worker.warehouse.DuckDb;
import java.util.Objects;

/**
 * A table in one of the databases attached to the diff's DuckDB session: {@code catalog} is the
 * name the database is attached under (production's or the branch's), {@code schema} and
 * {@code table} as the model wrote them. Every part is quoted where pasted into SQL.
 */
public record TableRef(String catalog, String schema, String table) {

  public TableRef {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
  }

  String sql() {
    return DuckDb.identifier(catalog) + "." + DuckDb.identifier(schema) + "." + DuckDb.identifier(table);
  }

  /** The name readers know the table by, without the catalog (the same on both sides). */
  public String displayName() {
    return "main".equals(schema) ? table : schema + "." + table;
  }
}
