package dev.eider.worker.cli;

import dev.eider.contract.args.WorkerCommandLine;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.run.TerminationMessage;
import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.warehouse.ProtectedDatabases;
import dev.eider.worker.warehouse.Warehouse;
import dev.eider.worker.warehouse.WarehouseLocation;
import dev.eider.worker.warehouse.Warehouses;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code db clone --from <db> --to <db> [--replace]}: MotherDuck {@code CREATE DATABASE .. FROM ..}
 * (a zero-copy clone), a local file copy, or a server-side object copy for {@code s3://}.
 */
@Command(name = WorkerCommandLine.CLONE, description = "Make <to> a copy of <from> (zero-copy on MotherDuck, server-side for s3://).")
public class DbCloneCommand implements Callable<Integer> {

  private final Map<String, String> env;
  private final TerminationMessage termination;

  @Option(names = WorkerCommandLine.FROM, required = true, paramLabel = "<db>", description = "The database to copy (usually production).")
  String from;

  @Option(names = WorkerCommandLine.TO, required = true, paramLabel = "<db>", description = "The staging database to create.")
  String to;

  @Option(names = WorkerCommandLine.REPLACE, description = "Replace <to> if it exists (never a protected database).")
  boolean replace;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  DbCloneCommand(Map<String, String> env, TerminationMessage termination) {
    this.env = env;
    this.termination = termination;
  }

  @Override
  public Integer call() {
    WarehouseLocation base = WarehouseLocation.fromEnvironment(env);
    WarehouseLocation source = WarehouseLocation.resolve(from, base, "--from");
    WarehouseLocation target = WarehouseLocation.resolve(to, base, "--to");
    if (source.identity().equals(target.identity())) {
      throw WorkerFailure.badInput("--from and --to both name " + source.display());
    }
    if (source.getClass() != target.getClass()) {
      throw WorkerFailure.badInput("cannot clone " + source.display() + " to " + target.display()
          + ": both databases must be of the same kind (DuckDB files, s3:// objects, or MotherDuck)");
    }
    ProtectedDatabases.fromEnvironment(env, base).requireUnprotected(target, "write over");
    try (Warehouse warehouse = Warehouses.open(source, env)) {
      warehouse.cloneTo(target, replace);
    }
    System.out.println("cloned " + source.display() + " to " + target.display());
    termination.write(TerminationMessage.newResult("db clone")
        .put("from", source.display()).put("to", target.display()).put("replace", replace));
    return ExitCodes.OK;
  }
}
