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
 * @param due why a run is queued and waits for capacity (cron, manual, replace), or null
 * @param request the latest manual request (annotation value) this partition honoured
 * @param watermark upstream materialization time the latest run consumed (eager automation)
 * @param failedBlockingChecks blocking checks the latest materialization failed; recorded with the
 *     materialization itself, so downstream assets never see one without the other
 * @param reason why the latest run failed when Kubernetes said so (a {@code FailureReason} name,
 *     e.g. PodRefused), or null: the Asset's Failed condition carries it
 * @param sqlVersion the version of the Asset's own SQL (inline or ConfigMap) the latest run was
 *     launched with, or null: a new version makes an eager asset run again
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
    @JsonProperty("d") String due,
    @JsonProperty("q") String request,
    @JsonProperty("w") Instant watermark,
    @JsonProperty("b") List<String> failedBlockingChecks,
    @JsonProperty("r") String reason,
    @JsonProperty("v") String sqlVersion) {

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
    return new PartitionState(key, 0, null, 0, null, null, null, null, null, null, null, null, null, null);
  }

  public boolean running() {
    return phase == Phase.RUNNING;
  }

  public boolean everLaunched() {
    return seq > 0;
  }

  public PartitionState withDue(String dueReason) {
    return new PartitionState(key, seq, phase, attempt, startedAt, materializedAt, nextAttemptAt, error, dueReason, request, watermark,
        failedBlockingChecks, reason, sqlVersion);
  }

  public PartitionState withRequest(String token) {
    return new PartitionState(key, seq, phase, attempt, startedAt, materializedAt, nextAttemptAt, error, due, token, watermark,
        failedBlockingChecks, reason, sqlVersion);
  }

  /** A new run: the next sequence number, attempt 1 for a new materialization or the next retry. */
  public PartitionState launched(Instant now, boolean retry, Instant consumedWatermark) {
    return new PartitionState(key, seq + 1, Phase.RUNNING, retry ? attempt + 1 : 1, now, materializedAt, null, null, null,
        request, consumedWatermark == null ? watermark : consumedWatermark, failedBlockingChecks, null, sqlVersion);
  }

  /** The run just launched runs this version of the Asset's SQL (null: the image's models). */
  public PartitionState withSqlVersion(String version) {
    return new PartitionState(key, seq, phase, attempt, startedAt, materializedAt, nextAttemptAt, error, due, request, watermark,
        failedBlockingChecks, reason, version);
  }

  public PartitionState succeeded(Instant finishedAt) {
    return succeeded(finishedAt, List.of());
  }

  public PartitionState succeeded(Instant finishedAt, List<String> failedBlocking) {
    return new PartitionState(key, seq, Phase.SUCCEEDED, attempt, startedAt, finishedAt, null, null, due, request, watermark,
        failedBlocking == null || failedBlocking.isEmpty() ? null : List.copyOf(failedBlocking), null, sqlVersion);
  }

  public PartitionState retrying(Instant at, String failure) {
    return retrying(at, failure, null);
  }

  /** Failed, to be tried again at {@code at}; {@code failureReason} as in {@link #reason()}, or null. */
  public PartitionState retrying(Instant at, String failure, String failureReason) {
    return new PartitionState(key, seq, Phase.RETRYING, attempt, startedAt, materializedAt, at, failure, due, request, watermark,
        failedBlockingChecks, failureReason, sqlVersion);
  }

  public PartitionState failed(String failure) {
    return failed(failure, null);
  }

  /** Failed for good; {@code failureReason} as in {@link #reason()}, or null. */
  public PartitionState failed(String failure, String failureReason) {
    return new PartitionState(key, seq, Phase.FAILED, attempt, startedAt, materializedAt, null, failure, due, request, watermark,
        failedBlockingChecks, failureReason, sqlVersion);
  }
}
