package dev.eider.worker.diff;

/**
 * A column present on both sides: each side's profile and, when rows could be matched by key,
 * how many matched rows hold a different value in it (null when rows were not matched).
 */
public record ColumnDiff(String name, String baseType, String branchType, ColumnProfile base,
    ColumnProfile branch, Long changedRows) {

  public boolean retyped() {
    return !baseType.equals(branchType);
  }

  /** Whether anything about the column differs: its type, its summary or any matched row's value. */
  public boolean differs() {
    return retyped() || !base.sameAs(branch) || (changedRows != null && changedRows > 0);
  }
}
