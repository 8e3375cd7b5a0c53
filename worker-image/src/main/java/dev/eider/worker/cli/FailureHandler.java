package dev.eider.worker.cli;

import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.run.TerminationMessage;
import dev.eider.worker.run.WorkerFailure;
import java.io.PrintWriter;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Turns every failure into one line on stderr and in the termination message, plus an exit code
 * the operator can act on. Stack traces only with {@code --verbose}: they help a developer, not
 * the person reading {@code kubectl describe}.
 */
public final class FailureHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  private final TerminationMessage termination;

  public FailureHandler(TerminationMessage termination) {
    this.termination = termination;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
    termination.writeFailure(e.getMessage(), ExitCodes.BAD_INPUT);
    return ExitCodes.BAD_INPUT;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    int exitCode = e instanceof WorkerFailure failure ? failure.exitCode() : ExitCodes.FAILED;
    String message = e instanceof WorkerFailure ? e.getMessage() : describe(e);
    command.getErr().println("error: " + message);
    if (parsed.expandedArgs().contains("--verbose")) {
      e.printStackTrace(command.getErr());
    }
    termination.writeFailure(message, exitCode);
    return exitCode;
  }

  /** An unexpected exception as a short cause chain: "outer: inner: root". */
  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && text.length() < 1000; t = t.getCause()) {
      if (!text.isEmpty()) {
        text.append(": ");
      }
      text.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }
    return text.toString();
  }
}
