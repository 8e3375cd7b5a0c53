package dev.eider.worker.cli;

import dev.eider.contract.exit.ExitCodes;
import dev.eider.contract.args.WorkerCommandLine;
import dev.eider.worker.diff.DataDiff;
import dev.eider.worker.diff.DiffMarkdown;
import dev.eider.worker.diff.DiffSummary;
import dev.eider.worker.diff.TableDiff;
import dev.eider.worker.run.TerminationMessage;
import dev.eider.worker.storage.ReportObject;
import dev.eider.worker.storage.StorageConfig;
import dev.eider.worker.warehouse.WarehouseLocation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code diff --base <db> --table <name>[:<key>,...]... [--report <path>]}: compares tables of the
 * run's database ({@code EIDER_WAREHOUSE}, a branch's staging database) with the same tables of
 * {@code <db>} (production's), writes the full report as Markdown under {@code EIDER_PREFIX} and
 * the summary to the termination message. Reads both databases only.
 */
@Command(name = WorkerCommandLine.DIFF, description = "Compare tables of the branch's database with production's (data diff).")
public class DiffCommand implements Callable<Integer> {

  static final String DEFAULT_REPORT = "_reports/data-diff.md";

  private final Map<String, String> env;
  private final TerminationMessage termination;

  @Option(names = WorkerCommandLine.BASE, required = true, paramLabel = "<db>", description = "The database to compare with (production's).")
  String base;

  @Option(names = WorkerCommandLine.TABLE, required = true, paramLabel = "<name>[:<key>,...]",
      description = "A table to compare, with the columns that identify a row (none: counts only).")
  List<String> tables;

  @Option(names = WorkerCommandLine.REPORT_PATH, paramLabel = "<path>", description = "Where the Markdown report goes, under EIDER_PREFIX.")
  String report = DEFAULT_REPORT;

  @Option(names = WorkerCommandLine.TITLE, paramLabel = "<text>", description = "The report's heading.")
  String title = "Data diff";

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  DiffCommand(Map<String, String> env, TerminationMessage termination) {
    this.env = env;
    this.termination = termination;
  }

  @Override
  public Integer call() {
    ReportObject reportObject = ReportObject.at(report, "--report");
    WarehouseLocation branch = WarehouseLocation.fromEnvironment(env);
    WarehouseLocation baseLocation = WarehouseLocation.resolve(base, branch, "--base");
    List<TableDiff> diffs = new DataDiff(env).compare(baseLocation, branch, DataDiff.parseTables(tables));
    String markdown = DiffMarkdown.render(title, diffs);
    String location = reportObject.write(StorageConfig.fromEnvironment(env), markdown.getBytes(StandardCharsets.UTF_8),
        "text/markdown; charset=utf-8", "the diff report");
    System.out.println(markdown);
    termination.write(DiffSummary.build(diffs, location));
    return ExitCodes.OK;
  }

}
