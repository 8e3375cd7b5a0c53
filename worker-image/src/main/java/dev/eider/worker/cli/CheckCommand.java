package dev.eider.worker.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.contract.args.WorkerCommandLine;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.checks.CheckReport;
import dev.eider.worker.checks.CheckResult;
import dev.eider.worker.checks.CheckRun;
import dev.eider.worker.run.TerminationMessage;
import dev.eider.worker.warehouse.SqlProject;
import dev.eider.worker.warehouse.Warehouse;
import dev.eider.worker.warehouse.WarehouseLocation;
import dev.eider.worker.warehouse.Warehouses;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code check --asset <name> | --checks <names>}: runs data checks on the warehouse (read only) and
 * writes every result to the termination message. Exits {@link ExitCodes#OK} when no
 * {@code error}-severity check failed (warnings do not fail the run), {@link ExitCodes#FAILED} when
 * one did or a check could not run; the result is written in both cases.
 */
@Command(name = WorkerCommandLine.CHECK, description = "Run data checks on the warehouse; error-severity failures fail the run.")
public class CheckCommand implements Callable<Integer> {

  private final Map<String, String> env;
  private final TerminationMessage termination;

  @Option(names = WorkerCommandLine.ASSET, paramLabel = "<name>", description = "The asset whose checks to run.")
  String asset;

  @Option(names = "--checks", split = ",", paramLabel = "<names>", description = "Only these checks (by name).")
  List<String> checks;

  @Option(names = "--table", paramLabel = "<table>", description = "The table for checks that name none.")
  String table;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  CheckCommand(Map<String, String> env, TerminationMessage termination) {
    this.env = env;
    this.termination = termination;
  }

  @Override
  public Integer call() {
    SqlProject project = SqlProject.load(env);
    CheckRun run = CheckRun.plan(env, project, asset, checks, table);
    WarehouseLocation location = WarehouseLocation.fromEnvironment(env);
    List<CheckResult> results;
    try (Warehouse warehouse = Warehouses.open(location, env)) {
      results = run.evaluate(warehouse);
    }
    ObjectNode report = CheckReport.build(asset, results);
    termination.write(report);
    return CheckReport.failure(results) == null ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
