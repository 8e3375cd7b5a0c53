package dev.eider.operator.asset.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * What the operator remembers about one partition, stored compactly (one short JSON value per
 * partition in the Asset's state ConfigMaps, hence the one-letter names).
 *
 * @param key the partition key ("" for an unpartitioned asset)
 * @param seq number of the latest run launched for it (0: never); the Job is named after it
 * @param phase the latest run's phase
 * @param attempt attempt of the current materialization, 1 for a first try
 * @param startedAt when the latest run was launched
 * @param materializedAt when the latest successful run finished (null: never materialized)
 * @param nextAttemptAt when a failed run is retried (phase {@link Phase#RETRYING})
 * @param error the latest failure, one line
 * @param due why a run is queued and waits for capacity ({@link Trigger#MANUAL}, {@link Trigger#CRON},
 *     {@link Trigger#REPLACE}; stored as the lower-case name, as earlier releases wrote it), or null
 * @param request the latest manual request (annotation value) this partition honoured
 * @param watermark upstream materialization time the latest run consumed (eager automation)
 * @param failedBlockingChecks blocking checks the latest materialization failed; recorded with the
 *     materialization itself, so downstream assets never see one without the other
 * @param reason why the latest run failed when Kubernetes said so (a {@code FailureReason} name,
 *     e.g. PodRefused), or null: the Asset's Failed condition carries it
 * @param codeVersion the code version ({@code CodeVersion} fingerprint) of the models the latest run
 *     was launched with, or null: for an ingestion, or a state written before code versions, which
 *     adopts the current one. Recorded under a new key ("c"; an earlier release kept a raw SQL hash
 *     in "v", now ignored), so an upgrade adopts instead of re-running every transform
 * @param materializedCodeVersion the code version of the latest successful run (what the table
 *     holds), or null: never materialized since code versions were recorded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PartitionState(
    @JsonProperty("k") String key,
    @JsonProperty("s") long seq,
    @JsonProperty("p") Phase phase,
    @JsonProperty("a") int attempt,
    @JsonProperty("t") Instant startedAt,
    @JsonProperty("m") Instant materializedAt,
    @JsonProperty("n") Instant nextAttemptAt,
    @JsonProperty("e") String error,
    @JsonProperty("d") Trigger due,
    @JsonProperty("q") String request,
    @JsonProperty("w") Instant watermark,
    @JsonProperty("b") List<String> failedBlockingChecks,
    @JsonProperty("r") String reason,
    @JsonProperty("c") String codeVersion,
    @JsonProperty("cm") String materializedCodeVersion) {

  /** Phases of a partition's latest run. */
  public enum Phase {
    /** A Job exists (or is being created) for it. */
    RUNNING,
    SUCCEEDED,
    /** Failed and waits for {@code nextAttemptAt}. */
    RETRYING,
    /** Failed for good: bad input, or attempts exhausted. */
    FAILED
  }

  public static PartitionState never(String key) {
    return new PartitionState(key, 0, null, 0, null, null, null, null, null, null, null, null, null, null, null);
  }

  public boolean running() {
    return phase == Phase.RUNNING;
  }

  public boolean everLaunched() {
    return seq > 0;
  }

  public PartitionState withDue(Trigger dueReason) {
    return new PartitionState(key, seq, phase, attempt, startedAt, materializedAt, nextAttemptAt, error, dueReason, request, watermark,
        failedBlockingChecks, reason, codeVersion, materializedCodeVersion);
  }

  public PartitionState withRequest(String token) {
    return new PartitionState(key, seq, phase, attempt, startedAt, materializedAt, nextAttemptAt, error, due, token, watermark,
        failedBlockingChecks, reason, codeVersion, materializedCodeVersion);
  }

  /** A new run: the next sequence number, attempt 1 for a new materialization or the next retry. */
  public PartitionState launched(Instant now, boolean retry, Instant consumedWatermark) {
    return new PartitionState(key, seq + 1, Phase.RUNNING, retry ? attempt + 1 : 1, now, materializedAt, null, null, null,
        request, consumedWatermark == null ? watermark : consumedWatermark, failedBlockingChecks, null, codeVersion, materializedCodeVersion);
  }

  /** The run just launched runs this code version (null: an ingestion); or the adopted one. */
  public PartitionState withCodeVersion(String version) {
    return new PartitionState(key, seq, phase, attempt, startedAt, materializedAt, nextAttemptAt, error, due, request, watermark,
        failedBlockingChecks, reason, version, materializedCodeVersion);
  }

  /**
   * A partition launched before code versions were recorded takes {@code current} as the code it
   * was launched with and, if it was materialized, as what it holds.
   */
  public PartitionState adoptingCodeVersion(String current) {
    return new PartitionState(key, seq, phase, attempt, startedAt, materializedAt, nextAttemptAt, error, due, request, watermark,
        failedBlockingChecks, reason, current, materializedAt == null ? null : current);
  }

  /**
   * Taken from the base by a branch's plan, never run here: materialized as of {@code now} (the
   * staging database cloned from the base holds its table) with the current code version.
   */
  public PartitionState takenFromBase(Instant now, String current) {
    return new PartitionState(key, seq, Phase.SUCCEEDED, attempt, startedAt, now, null, null, null, request, watermark,
        null, null, current, current);
  }

  public PartitionState succeeded(Instant finishedAt) {
    return succeeded(finishedAt, List.of());
  }

  public PartitionState succeeded(Instant finishedAt, List<String> failedBlocking) {
    return new PartitionState(key, seq, Phase.SUCCEEDED, attempt, startedAt, finishedAt, null, null, due, request, watermark,
        failedBlocking == null || failedBlocking.isEmpty() ? null : List.copyOf(failedBlocking), null, codeVersion, codeVersion);
  }

  public PartitionState retrying(Instant at, String failure) {
    return retrying(at, failure, null);
  }

  /** Failed, to be tried again at {@code at}; {@code failureReason} as in {@link #reason()}, or null. */
  public PartitionState retrying(Instant at, String failure, String failureReason) {
    return new PartitionState(key, seq, Phase.RETRYING, attempt, startedAt, materializedAt, at, failure, due, request, watermark,
        failedBlockingChecks, failureReason, codeVersion, materializedCodeVersion);
  }

  public PartitionState failed(String failure) {
    return failed(failure, null);
  }

  /** Failed for good; {@code failureReason} as in {@link #reason()}, or null. */
  public PartitionState failed(String failure, String failureReason) {
    return new PartitionState(key, seq, Phase.FAILED, attempt, startedAt, materializedAt, null, failure, due, request, watermark,
        failedBlockingChecks, failureReason, codeVersion, materializedCodeVersion);
  }
}
