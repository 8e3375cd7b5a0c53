package dev.eider.worker;

import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.cli.EiderWorkerCommand;
import dev.eider.worker.cli.FailureHandler;
import dev.eider.worker.run.TerminationMessage;
import picocli.CommandLine;

/** Entry point of the worker image: {@code java -jar eider-worker.jar <command> [options]}. */
public final class WorkerMain {

  private WorkerMain() {}

  public static void main(String[] args) {
    System.exit(run(System.getenv(), args));
  }

  /** Runs one command and returns its exit code (see {@link dev.eider.contract.exit.ExitCodes}). */
  public static int run(java.util.Map<String, String> env, String... args) {
    TerminationMessage termination = TerminationMessage.fromEnvironment(env);
    FailureHandler failures = new FailureHandler(termination);
    return new CommandLine(new EiderWorkerCommand(), new WorkerFactory(env, termination))
        .setExecutionExceptionHandler(failures)
        .setParameterExceptionHandler(failures)
        .execute(args);
  }
}
