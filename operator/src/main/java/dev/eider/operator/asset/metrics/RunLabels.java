package dev.eider.operator.asset.metrics;

import dev.eider.operator.asset.automation.DueRun;
import dev.eider.operator.workerjob.RunOutcome;
import dev.eider.operator.asset.state.PartitionState;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The label values of run metrics, from closed sets (outcome, reason, trigger), so a metric has a
 * bounded number of series whatever the assets do; partition keys never become labels.
 */
public final class RunLabels {

  /** Label value: a run the worker materialized, checks passing or not. */
  public static final String MATERIALIZED = "Materialized";
  /** Label value: a run that materialized but failed an error-severity check. */
  public static final String CHECKS_FAILED = "ChecksFailed";
  /** Label value: a run the worker itself failed (its exit code), Kubernetes having named no cause. */
  public static final String WORKER_FAILED = "WorkerFailed";

  private RunLabels() {
  }

  /** succeeded, checks_failed, retryable or permanent. */
  public static String outcome(RunOutcome outcome) {
    return outcome.kind().name().toLowerCase(Locale.ROOT);
  }

  /** The Kubernetes failure reason (a {@code FailureReason} name) if there is one, else what the worker reported. */
  public static String reason(RunOutcome outcome) {
    if (outcome.reason() != null) {
      return outcome.reason().name();
    }
    return switch (outcome.kind()) {
      case SUCCEEDED -> MATERIALIZED;
      case CHECKS_FAILED -> CHECKS_FAILED;
      case RETRYABLE, PERMANENT -> WORKER_FAILED;
    };
  }

  /** cron, retry, eager, code_changed, manual, replace or missing. */
  public static String trigger(DueRun run) {
    return run.trigger().name().toLowerCase(Locale.ROOT);
  }

  /**
   * When a run became due, where the operator knows it: a cron run at its tick, a retry at its
   * backoff's end, an eager run when the upstream materialization it reads finished. Manual,
   * replace and missing runs have no recorded moment (a request carries a token, not a time), nor
   * has a run of changed code (the operator sees the new SQL, not when it was written), so they are
   * not measured.
   *
   * @param before the partition's state before this launch
   * @param lastTick the cron tick the plan handled most recently
   */
  public static Optional<Instant> dueAt(DueRun run, PartitionState before, Instant lastTick) {
    return switch (run.trigger()) {
      case CRON -> Optional.ofNullable(lastTick);
      case RETRY -> Optional.ofNullable(before == null ? null : before.nextAttemptAt());
      case EAGER -> Optional.ofNullable(run.watermark());
      case MANUAL, REPLACE, MISSING, CODE_CHANGED -> Optional.empty();
    };
  }
}
