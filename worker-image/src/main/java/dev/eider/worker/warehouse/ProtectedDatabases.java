package dev.eider.worker.warehouse;

import dev.eider.contract.env.WorkerEnv;
import dev.eider.worker.run.WorkerFailure;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The databases staging commands must never drop or overwrite: production, named in
 * {@value #ENV} (comma-separated, in any form a {@code db} argument accepts; bare names are
 * siblings of {@code EIDER_WAREHOUSE}).
 */
public final class ProtectedDatabases {

  public static final String ENV = WorkerEnv.PROTECTED_DATABASES;

  private final Set<String> identities;

  private ProtectedDatabases(Set<String> identities) {
    this.identities = identities;
  }

  public static ProtectedDatabases fromEnvironment(Map<String, String> env, WarehouseLocation base) {
    Set<String> identities = new LinkedHashSet<>();
    for (String entry : env.getOrDefault(ENV, "").split(",")) {
      if (!entry.isBlank()) {
        identities.add(WarehouseLocation.resolve(entry.strip(), base, ENV).identity());
      }
    }
    return new ProtectedDatabases(identities);
  }

  /** Refuses, as bad input, to {@code action} a protected database. */
  public void requireUnprotected(WarehouseLocation database, String action) {
    if (identities.contains(database.identity())) {
      throw WorkerFailure.badInput("refusing to " + action + " " + database.display() + ": it is a protected database ("
          + ENV + "); staging commands never drop or overwrite production");
    }
  }
}
