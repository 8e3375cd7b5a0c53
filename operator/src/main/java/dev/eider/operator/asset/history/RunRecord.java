package dev.eider.operator.asset.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One finished run of an Asset as kept after its Job is gone: what ran, when, how it ended and the
 * tail of the worker's log. Every text field is bounded by {@link RunHistory} before it is stored.
 *
 * @param job the Job's name (unique per run attempt)
 * @param partitions the run's partition keys, at most {@link RunHistory#MAX_PARTITIONS_LISTED}
 * @param partitionCount how many partitions the run covered (may exceed {@code partitions.size()})
 * @param attempt 1 for a first attempt, 2 for the first retry, ...
 * @param trigger why it ran (the {@code Trigger} name, e.g. SCHEDULE, MANUAL), or null
 * @param startedAt when the Job started, or null when it never started
 * @param finishedAt when the run ended (the Job finished or the operator gave up on it)
 * @param outcome the {@code RunOutcome.Kind} name: SUCCEEDED, CHECKS_FAILED, RETRYABLE or PERMANENT
 * @param reason why Kubernetes failed the run (a {@code FailureReason} name), or null
 * @param exitCode the worker container's exit code, or null when it has none
 * @param message one line: the worker's error or summary
 * @param logTail the end of the worker's log, or null when none could be read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRecord(String job, List<String> partitions, int partitionCount, int attempt, String trigger,
                        Instant startedAt, Instant finishedAt, String outcome, String reason, Integer exitCode,
                        String message, String logTail) {

  public RunRecord {
    partitions = partitions == null ? List.of() : List.copyOf(partitions);
  }

  public boolean materialized() {
    return "SUCCEEDED".equals(outcome) || "CHECKS_FAILED".equals(outcome);
  }
}
