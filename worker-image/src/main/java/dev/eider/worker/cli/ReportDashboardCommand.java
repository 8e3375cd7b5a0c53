package dev.eider.worker.cli;

import dev.eider.contract.args.WorkerCommandLine;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.report.DashboardData;
import dev.eider.worker.report.DashboardHtml;
import dev.eider.worker.report.DashboardReport;
import dev.eider.worker.run.TerminationMessage;
import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.storage.ReportObject;
import dev.eider.worker.storage.StorageConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code report dashboard [--output <path>] [--title <text>]}: the Bluesky sample's dashboard (top
 * posts of the day, top links and domains, activity over time, members, headline measures) read
 * from the marts of {@code EIDER_WAREHOUSE} (read-only) and written as one self-contained HTML page
 * under {@code EIDER_PREFIX}; the result names the object and counts each section's rows.
 */
@Command(name = WorkerCommandLine.DASHBOARD, description = "Render the Bluesky sample's dashboard as one HTML page in object storage.")
public class ReportDashboardCommand implements Callable<Integer> {

  static final String DEFAULT_OUTPUT = "_reports/dashboard.html";
  static final String CONTENT_TYPE = "text/html; charset=utf-8";

  private final Map<String, String> env;
  private final TerminationMessage termination;

  @Option(names = WorkerCommandLine.OUTPUT, paramLabel = "<path>", description = "Where the page goes, under EIDER_PREFIX (default ${DEFAULT-VALUE}).")
  String output = DEFAULT_OUTPUT;

  @Option(names = WorkerCommandLine.TITLE, paramLabel = "<text>", description = "The page's heading.")
  String title = "Bluesky dashboard";

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  ReportDashboardCommand(Map<String, String> env, TerminationMessage termination) {
    this.env = env;
    this.termination = termination;
  }

  @Override
  public Integer call() {
    ReportObject page = ReportObject.at(output, "--output");
    if (title.length() > 200) {
      throw WorkerFailure.badInput("--title is " + title.length() + " characters long; at most 200");
    }
    // Storage first: a missing bucket or credential fails before the warehouse is read.
    StorageConfig storage = StorageConfig.fromEnvironment(env);
    DashboardData data = new DashboardReport(env, Clock.systemUTC()).read();
    byte[] html = DashboardHtml.render(title, data).getBytes(StandardCharsets.UTF_8);
    String object = page.write(storage, html, CONTENT_TYPE, "the dashboard");
    System.out.println("dashboard: " + object + " (" + html.length + " bytes)");
    termination.write(DashboardReport.summary(data, object, html.length));
    return ExitCodes.OK;
  }

}
