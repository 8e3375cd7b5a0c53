package dev.eider.operator.branch.database;

import dev.eider.operator.warehouse.DatabaseLocation;
import dev.eider.operator.branch.BranchNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides a branch's staging database: the production database's sibling named
 * {@code <production>_br_<slug>_<hash>} ({@code /x/prod.duckdb} gives {@code /x/prod_br_feature_x_1a2b3c4d.duckdb},
 * {@code md:prod} gives {@code md:prod_br_feature_x_1a2b3c4d}, {@code s3://b/k/prod.duckdb} the sibling key).
 * Production is never a target: a staging database that would be production, or any database the
 * operator is told to protect, is refused, and so is a configuration the operator cannot read.
 */
public final class StagingDatabase {

  /** Condition reason: the staging database would be a protected (production) database. */
  public static final String PRODUCTION_TARGET = "ProductionTarget";
  /** Condition reason: production or a protected database is not a connection string the worker supports. */
  public static final String UNSUPPORTED_WAREHOUSE = "UnsupportedWarehouse";

  /** The outcome: a staging database, or a refusal with a condition reason. */
  public sealed interface Decision permits Target, Refused {}

  /**
   * @param staging the branch's database
   * @param production the database it is cloned from
   * @param protectedDatabases every database the branch must never write, as full connection strings,
   *     production first (the worker's EIDER_PROTECTED_DATABASES and the namespace annotation)
   */
  public record Target(DatabaseLocation staging, DatabaseLocation production, List<String> protectedDatabases) implements Decision {
    public String protectedList() {
      return String.join(",", protectedDatabases);
    }
  }

  public record Refused(String reason, String message) implements Decision {}

  private StagingDatabase() {}

  public static Decision decide(String production, List<String> protectedDatabases, BranchNames names) {
    Optional<DatabaseLocation> parsed = DatabaseLocation.parse(production);
    if (parsed.isEmpty()) {
      return new Refused(UNSUPPORTED_WAREHOUSE, "the production warehouse '" + production
          + "' is not a DuckDB file path, s3://<bucket>/<key> or md:<database>; no staging database is derived from it");
    }
    DatabaseLocation source = parsed.get();
    Set<String> protectedIdentities = new LinkedHashSet<>();
    List<String> protectedList = new ArrayList<>();
    protectedIdentities.add(source.identity());
    protectedList.add(source.display());
    for (String entry : protectedDatabases) {
      if (entry == null || entry.isBlank()) {
        continue;
      }
      Optional<DatabaseLocation> location = DatabaseLocation.resolve(entry, source);
      if (location.isEmpty()) {
        return new Refused(UNSUPPORTED_WAREHOUSE, "the protected database '" + entry.strip()
            + "' (eider.branch.protected-databases) cannot be read, so no staging database can be shown to differ from it");
      }
      if (protectedIdentities.add(location.get().identity())) {
        protectedList.add(location.get().display());
      }
    }
    DatabaseLocation staging = source.sibling(names.databaseName(source.stem(), source.nameMax()));
    return check(staging, source, protectedIdentities, protectedList);
  }

  /** Refuses {@code staging} when it is production or protected; otherwise the target. */
  static Decision check(DatabaseLocation staging, DatabaseLocation production, Set<String> protectedIdentities,
                        List<String> protectedList) {
    if (protectedIdentities.contains(staging.identity())) {
      String what = staging.identity().equals(production.identity()) ? "the production database" : "a protected database";
      return new Refused(PRODUCTION_TARGET, "the staging database " + staging.display() + " would be " + what
          + "; a branch never writes to production");
    }
    return new Target(staging, production, List.copyOf(protectedList));
  }

  /**
   * Whether {@code database} (a staging database recorded earlier) may be dropped: it must parse and
   * be none of production and the protected databases as configured now.
   */
  public static Optional<Refused> refuseDrop(String database, String production, List<String> protectedDatabases) {
    Optional<DatabaseLocation> target = DatabaseLocation.parse(database);
    Optional<DatabaseLocation> source = DatabaseLocation.parse(production);
    if (target.isEmpty() || source.isEmpty()) {
      return Optional.of(new Refused(UNSUPPORTED_WAREHOUSE, "cannot read '" + database + "' or production '" + production
          + "' as a warehouse; not dropping anything"));
    }
    Set<String> identities = new LinkedHashSet<>();
    identities.add(source.get().identity());
    for (String entry : protectedDatabases) {
      if (entry != null && !entry.isBlank()) {
        Optional<DatabaseLocation> location = DatabaseLocation.resolve(entry, source.get());
        if (location.isEmpty()) {
          return Optional.of(new Refused(UNSUPPORTED_WAREHOUSE, "the protected database '" + entry.strip() + "' cannot be read; not dropping anything"));
        }
        identities.add(location.get().identity());
      }
    }
    if (identities.contains(target.get().identity())) {
      return Optional.of(new Refused(PRODUCTION_TARGET, target.get().display() + " is production or protected; never dropped"));
    }
    return Optional.empty();
  }
}
