package dev.eider.worker.cli;

import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.run.TerminationMessage;
import dev.eider.worker.run.WorkerVersion;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Reports the worker's version and runtime as a result, the smallest complete run: operators and
 * tests use it to prove that a Job of this image starts, runs and reports back.
 */
@Command(name = "version", description = "Print the worker's version and write it as the run's result.")
public class VersionCommand implements Callable<Integer> {

  private final TerminationMessage termination;

  VersionCommand(Map<String, String> env, TerminationMessage termination) {
    this.termination = termination;
  }

  @Override
  public Integer call() {
    System.out.println("eider-worker " + WorkerVersion.current());
    termination.write(TerminationMessage.newResult("version")
        .put("version", WorkerVersion.current())
        .put("java", Runtime.version().toString()));
    return ExitCodes.OK;
  }
}
