package dev.eider.worker.cli;

import dev.eider.contract.args.WorkerCommandLine;
import dev.eider.contract.env.WorkerEnv;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.run.TerminationMessage;
import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.storage.ObjectStore;
import dev.eider.worker.storage.StorageConfig;
import dev.eider.worker.warehouse.ProtectedDatabases;
import dev.eider.worker.warehouse.Warehouse;
import dev.eider.worker.warehouse.WarehouseLocation;
import dev.eider.worker.warehouse.Warehouses;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code db drop <db> [--objects-prefix <prefix>]}: MotherDuck {@code DROP DATABASE}, or deleting
 * the DuckDB file or object; then, with {@code --objects-prefix}, every object under
 * {@code <prefix>/} in {@code EIDER_BUCKET} (a branch's objects). Dropping a database that does not
 * exist, and deleting where nothing is, succeed, so a branch's teardown can be repeated. Everything
 * is checked before anything is dropped: the prefix is never the bucket root, production's prefix
 * ({@value #PROTECTED_PREFIX_ENV}) or a parent of it, and the bucket must be reachable.
 */
@Command(name = WorkerCommandLine.DROP, description = "Drop a staging database (never a protected one); absent is not an error.")
public class DbDropCommand implements Callable<Integer> {

  /** The production object prefix (from the bucket root): {@code --objects-prefix} never deletes it or a parent of it. */
  public static final String PROTECTED_PREFIX_ENV = WorkerEnv.PROTECTED_PREFIX;

  private final Map<String, String> env;
  private final TerminationMessage termination;

  @Parameters(index = "0", paramLabel = "<db>", description = "The database to drop.")
  String database;

  @Option(names = WorkerCommandLine.OBJECTS_PREFIX, paramLabel = "<prefix>",
      description = "Then delete every object under <prefix>/ in EIDER_BUCKET (a key prefix from the bucket root, "
          + "e.g. raw/branches/feature-x-1a2b3c; never the root, " + PROTECTED_PREFIX_ENV + " or a parent of it).")
  String objectsPrefix;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  DbDropCommand(Map<String, String> env, TerminationMessage termination) {
    this.env = env;
    this.termination = termination;
  }

  @Override
  public Integer call() {
    WarehouseLocation base = WarehouseLocation.fromEnvironment(env);
    WarehouseLocation target = WarehouseLocation.resolve(database, base, "<db>");
    ProtectedDatabases.fromEnvironment(env, base).requireUnprotected(target, "drop");
    String prefix = objectsPrefix == null ? null : deletablePrefix(objectsPrefix, env.get(PROTECTED_PREFIX_ENV));
    // The bucket is checked before the database is dropped: bad input changes nothing.
    try (ObjectStore store = prefix == null ? null : ObjectStore.open(StorageConfig.fromEnvironment(env)).verifyReachable()) {
      Warehouse.DropOutcome outcome;
      try (Warehouse warehouse = Warehouses.open(target, env)) {
        outcome = warehouse.drop();
      }
      String described = outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ');
      System.out.println(target.display() + ": " + described);
      var result = TerminationMessage.newResult("db drop").put("database", target.display()).put("outcome", described);
      if (store != null) {
        long deleted = store.deleteUnder(prefix);
        System.out.println("s3://" + store.bucket() + "/" + prefix + "/: " + deleted + " object(s) deleted");
        result.put("objectsPrefix", prefix).put("objectsDeleted", deleted);
      }
      termination.write(result);
    }
    return ExitCodes.OK;
  }

  /**
   * {@code prefix} without surrounding slashes, or bad input when deleting under it could touch
   * production: the bucket root, the protected prefix itself, or a parent of it. A child of the
   * protected prefix ({@code raw/branches/x} under {@code raw}) is what branches use.
   */
  static String deletablePrefix(String prefix, String protectedPrefix) {
    String normalized = trimSlashes(prefix);
    if (normalized.isEmpty()) {
      throw WorkerFailure.badInput("--objects-prefix '" + prefix + "' names the bucket root: refusing to delete every object in the bucket");
    }
    String production = protectedPrefix == null ? "" : trimSlashes(protectedPrefix);
    if (normalized.equals(production)) {
      throw WorkerFailure.badInput("refusing to delete objects under '" + normalized + "/': it is the production prefix ("
          + PROTECTED_PREFIX_ENV + ")");
    }
    if (production.startsWith(normalized + "/")) {
      throw WorkerFailure.badInput("refusing to delete objects under '" + normalized + "/': it contains the production prefix '"
          + production + "/' (" + PROTECTED_PREFIX_ENV + ")");
    }
    return normalized;
  }

  private static String trimSlashes(String prefix) {
    return prefix.strip().replaceAll("^/+|/+$", "");
  }
}
