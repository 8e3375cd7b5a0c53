package dev.eider.operator.asset.metrics;

import dev.eider.operator.api.asset.PartitionCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one Asset's gauges show, as its latest reconcile left it: when it last materialized, its
 * freshness policy, and its partitions by state. Age and staleness are computed when Prometheus
 * scrapes, so an asset nobody reconciles still goes stale on time.
 *
 * @param lastMaterializedAt when its latest successful run finished, or null (never)
 * @param maxAge the tightest freshness check's maxAge, or null (no freshness check)
 * @param partitions partition counts by state, as in {@code status.partitions}
 */
public record AssetHealth(Instant lastMaterializedAt, Duration maxAge, Map<String, Integer> partitions) {

  /** The partition states exported, in {@code status.partitions} terms (a partition can be both running and materialized). */
  public static final java.util.List<String> PARTITION_STATES = java.util.List.of("materialized", "missing", "running", "failed", "queued");

  public AssetHealth {
    partitions = Map.copyOf(partitions);
  }

  public static AssetHealth of(Instant lastMaterializedAt, Optional<Duration> maxAge, PartitionCounts counts) {
    Map<String, Integer> byState = new LinkedHashMap<>();
    byState.put("materialized", valueOf(counts == null ? null : counts.getMaterialized()));
    byState.put("missing", valueOf(counts == null ? null : counts.getMissing()));
    byState.put("running", valueOf(counts == null ? null : counts.getRunning()));
    byState.put("failed", valueOf(counts == null ? null : counts.getFailed()));
    byState.put("queued", valueOf(counts == null ? null : counts.getQueued()));
    return new AssetHealth(lastMaterializedAt, maxAge.orElse(null), byState);
  }

  public boolean hasFreshnessCheck() {
    return maxAge != null;
  }

  /** Seconds since the last materialization at {@code now}; NaN if it never materialized. */
  public double ageSeconds(Instant now) {
    return lastMaterializedAt == null ? Double.NaN : Duration.between(lastMaterializedAt, now).toMillis() / 1000.0;
  }

  /**
   * 1 when the freshness check is breached at {@code now} (the same rule as the Fresh condition:
   * never materialized, or materialized longer than maxAge ago), else 0; NaN without a freshness check.
   */
  public double stale(Instant now) {
    if (maxAge == null) {
      return Double.NaN;
    }
    return lastMaterializedAt == null || lastMaterializedAt.plus(maxAge).isBefore(now) ? 1 : 0;
  }

  public double maxAgeSeconds() {
    return maxAge == null ? Double.NaN : maxAge.toMillis() / 1000.0;
  }

  public int partitions(String state) {
    return partitions.getOrDefault(state, 0);
  }

  private static int valueOf(Integer count) {
    return count == null ? 0 : count;
  }
}
