package dev.eider.worker.cli;

import dev.eider.worker.warehouse.ProtectedDatabases;
import dev.eider.worker.warehouse.Warehouse;
import dev.eider.worker.warehouse.WarehouseLocation;
import dev.eider.worker.warehouse.Warehouses;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code db drop <db>}: MotherDuck {@code DROP DATABASE}, or deleting the DuckDB file or object.
 * Dropping a database that does not exist succeeds, so a branch's teardown can be repeated.
 */
@Command(name = "drop", description = "Drop a staging database (never a protected one); absent is not an error.")
public class DbDropCommand implements Callable<Integer> {

  private final Map<String, String> env;
  private final TerminationMessage termination;

  @Parameters(index = "0", paramLabel = "<db>", description = "The database to drop.")
  String database;

  @picocli.CommandLine.Option(names = "--verbose", description = "Print stack traces of failures.")
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
    Warehouse.DropOutcome outcome;
    try (Warehouse warehouse = Warehouses.open(target, env)) {
      outcome = warehouse.drop();
    }
    String described = outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    System.out.println(target.display() + ": " + described);
    termination.write(TerminationMessage.newResult("db drop").put("database", target.display()).put("outcome", described));
    return ExitCodes.OK;
  }
}
