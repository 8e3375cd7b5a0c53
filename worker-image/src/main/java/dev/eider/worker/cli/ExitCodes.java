package dev.eider.worker.cli;

/**
 * The worker's exit codes. They are API: the operator retries {@link #RETRYABLE} failures with
 * backoff and does not retry {@link #BAD_INPUT}, which no retry can fix.
 */
public final class ExitCodes {

  /** Done; the result is in the termination message. */
  public static final int OK = 0;
  /**
   * Failed for a reason that may persist (a SQL error, a corrupt file); retried per the Asset's
   * policy. {@code check} (and {@code transform --check-asset}, after building its models) also
   * exits with it when an {@code error}-severity check failed or a check could not run: its
   * termination message then holds every check's result (with {@code passed: false} and an
   * {@code error} line), not just the failure.
   */
  public static final int FAILED = 1;
  /** The command line, the environment or the input is wrong: retrying cannot help. */
  public static final int BAD_INPUT = 2;
  /** A transient fault outlived the worker's own retries (rate limits, 5xx, network). */
  public static final int RETRYABLE = 3;

  private ExitCodes() {}
}
