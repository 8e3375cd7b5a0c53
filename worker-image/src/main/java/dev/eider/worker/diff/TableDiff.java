package dev.eider.worker.diff;

import java.util.List;
import java.util.Optional;

/**
 * How a branch's table differs from production's. {@code rows} is present only when rows could
 * be matched by a key; otherwise {@code rowsNote} says why (no key declared, key not unique,
 * key column missing), and only counts and column summaries are compared.
 */
public record TableDiff(String table, long baseRows, long branchRows, List<String> key,
    Optional<RowChanges> rows, String rowsNote, SchemaChanges schema, List<ColumnDiff> columns) {

  public boolean differs() {
    return baseRows != branchRows || !schema.none()
        || rows.map(r -> r.added() + r.removed() + r.changed() > 0).orElse(false)
        || columns.stream().anyMatch(ColumnDiff::differs);
  }
}
