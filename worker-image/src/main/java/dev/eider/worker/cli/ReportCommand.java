package dev.eider.worker.cli;

import dev.eider.contract.args.WorkerCommandLine;
import dev.eider.worker.run.WorkerFailure;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code report <kind>}: renders the warehouse's marts into a page in object storage. */
@Command(name = WorkerCommandLine.REPORT,
    description = "Render the warehouse's marts into a report in object storage.",
    subcommands = {ReportDashboardCommand.class})
public class ReportCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    throw WorkerFailure.badInput("report needs a kind: 'report dashboard'");
  }
}
