package dev.eider.operator.workerjob;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eider.operator.api.asset.CheckResult;
import java.time.Instant;
import java.util.List;

/**
 * What a finished run produced, read from its Job and its pod's termination message.
 *
 * @param kind whether the partition was materialized and, if not, whether to retry
 * @param message one line: the worker's error, or a summary
 * @param metadata the worker's result without the bulky fields (published keys, checks)
 * @param published partition keys the run published (dynamic partitions downstream), or null
 * @param checks check results the run reported (empty when it ran none)
 * @param reason why it failed when Kubernetes (not the worker) says so, or null
 */
public record RunOutcome(Kind kind, String message, JsonNode metadata, List<String> published, List<CheckResult> checks,
                         Instant finishedAt, FailureReason reason) {

  /** How a run ended. */
  public enum Kind {
    /** Materialized, and no error-severity check failed. */
    SUCCEEDED,
    /** Materialized (the tables were built), but an error-severity check failed. */
    CHECKS_FAILED,
    /** Failed in a way worth retrying (exit 1 or 3, killed, timed out). */
    RETRYABLE,
    /** Failed on bad input (exit 2) or an image that cannot exist: retrying cannot help. */
    PERMANENT
  }

  public RunOutcome(Kind kind, String message, JsonNode metadata, List<String> published, List<CheckResult> checks,
                    Instant finishedAt) {
    this(kind, message, metadata, published, checks, finishedAt, null);
  }

  /** A run that failed for a reason Kubernetes reported, before or instead of the worker's own result. */
  public static RunOutcome failed(Kind kind, FailureReason reason, String message, Instant at) {
    return new RunOutcome(kind, message, null, null, List.of(), at, reason);
  }

  public boolean materialized() {
    return kind == Kind.SUCCEEDED || kind == Kind.CHECKS_FAILED;
  }
}
