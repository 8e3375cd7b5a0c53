package dev.eider.worker.run;

import dev.eider.contract.exit.ExitCodes;

/** A failure with a one-line message for people and an exit code for the operator. */
public class WorkerFailure extends RuntimeException {

  private final int exitCode;

  private WorkerFailure(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public static WorkerFailure badInput(String message) {
    return new WorkerFailure(ExitCodes.BAD_INPUT, message, null);
  }

  public static WorkerFailure retryable(String message, Throwable cause) {
    return new WorkerFailure(ExitCodes.RETRYABLE, message, cause);
  }

  public static WorkerFailure failed(String message, Throwable cause) {
    return new WorkerFailure(ExitCodes.FAILED, message, cause);
  }

  public int exitCode() {
    return exitCode;
  }
}
