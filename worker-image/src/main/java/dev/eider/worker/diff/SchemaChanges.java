package dev.eider.worker.diff;

import java.util.List;

/** Columns only in the branch's table, only in production's, and in both with another type. */
public record SchemaChanges(List<Column> added, List<Column> removed, List<Retyped> retyped) {

  public record Retyped(String name, String baseType, String branchType) {}

  public boolean none() {
    return added.isEmpty() && removed.isEmpty() && retyped.isEmpty();
  }
}
