package dev.eider.contract.exit;

/**
 * The worker's exit codes and what the operator makes of them. They are API: the operator retries
 * a failed run per the Asset's retry policy, except {@link #BAD_INPUT}, which no retry can fix.
 * Codes the worker never uses (137 for a kill, -1 for none known) are retried: they say something
 * happened to the process, not that its input was wrong.
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

  /** What an exit code means to the operator. */
  public enum Meaning {
    /** {@link #OK}: the run counts once its result is read. */
    DONE,
    /** {@link #FAILED}: retried per the Asset's policy. */
    FAILED,
    /** {@link #BAD_INPUT}: fails for good. */
    BAD_INPUT,
    /** {@link #RETRYABLE}: retried per the Asset's policy. */
    TRANSIENT,
    /** Any other code: not the worker's own (a kill, a crash of the JVM), retried. */
    UNKNOWN;

    /** Whether a run that ended so may be tried again. */
    public boolean retried() {
      return this != DONE && this != BAD_INPUT;
    }
  }

  private ExitCodes() {}

  public static Meaning meaning(int code) {
    return switch (code) {
      case OK -> Meaning.DONE;
      case FAILED -> Meaning.FAILED;
      case BAD_INPUT -> Meaning.BAD_INPUT;
      case RETRYABLE -> Meaning.TRANSIENT;
      default -> Meaning.UNKNOWN;
    };
  }

  /** Whether a run that exited with {@code code} may be tried again (never a success, never bad input). */
  public static boolean retried(int code) {
    return meaning(code).retried();
  }
}
