package dev.eider.operator.asset.metrics;

import dev.eider.operator.asset.state.Trigger;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.PartitionCounts;
import dev.eider.operator.asset.automation.DueRun;
import dev.eider.testkit.time.ManualClock;
import dev.eider.operator.workerjob.FailureReason;
import dev.eider.operator.workerjob.RunOutcome;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The asset metrics as Prometheus scrapes them: names, labels and values at a fixed clock. */
class AssetMetricsTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  private final ManualClock clock = new ManualClock(T0);
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Set<String> existing = new HashSet<>(Set.of("ns/fresh", "ns/plain", "ns/never"));
  private final AssetMetrics metrics = new AssetMetrics(registry, clock);

  AssetMetricsTest() {
    metrics.trackExisting(existing::contains);
  }

  @Test
  void freshnessAgeAndStalenessAreComputedAtScrapeTime() {
    metrics.observed("ns", "fresh", AssetHealth.of(T0.minusSeconds(90), Optional.of(Duration.ofMinutes(30)), counts(3, 0, 1, 0, 0)));

    assertThat(scrape()).contains("eider_asset_materialization_age_seconds{asset=\"fresh\",namespace=\"ns\",} 90.0")
        .contains("eider_asset_stale{asset=\"fresh\",namespace=\"ns\",} 0.0")
        .contains("eider_asset_freshness_max_age_seconds{asset=\"fresh\",namespace=\"ns\",} 1800.0");

    // Materialized 90 s before T0 with a maxAge of 30 min: fresh up to T0 + 28m30s inclusive, as the Fresh condition says.
    clock.set(T0.plus(Duration.ofMinutes(28)).plusSeconds(30));
    assertThat(scrape()).contains("eider_asset_stale{asset=\"fresh\",namespace=\"ns\",} 0.0");
    clock.set(T0.plus(Duration.ofMinutes(28)).plusSeconds(31));
    assertThat(scrape()).contains("eider_asset_stale{asset=\"fresh\",namespace=\"ns\",} 1.0");
    clock.set(T0.plus(Duration.ofMinutes(30)));
    assertThat(scrape()).contains("eider_asset_materialization_age_seconds{asset=\"fresh\",namespace=\"ns\",} 1890.0")
        .contains("eider_asset_stale{asset=\"fresh\",namespace=\"ns\",} 1.0");
  }

  @Test
  void neverMaterializedAssetWithAFreshnessCheckIsStaleAndHasNoAge() {
    metrics.observed("ns", "never", AssetHealth.of(null, Optional.of(Duration.ofHours(1)), counts(0, 2, 0, 0, 1)));

    assertThat(scrape()).contains("eider_asset_stale{asset=\"never\",namespace=\"ns\",} 1.0")
        .doesNotContain("eider_asset_materialization_age_seconds{asset=\"never\"");
  }

  @Test
  void assetWithoutFreshnessCheckHasAnAgeButNoStaleness() {
    metrics.observed("ns", "plain", AssetHealth.of(T0.minusSeconds(5), Optional.empty(), counts(1, 0, 0, 0, 0)));

    assertThat(scrape()).contains("eider_asset_materialization_age_seconds{asset=\"plain\",namespace=\"ns\",} 5.0")
        .doesNotContain("eider_asset_stale{asset=\"plain\"").doesNotContain("eider_asset_freshness_max_age_seconds{asset=\"plain\"");
  }

  @Test
  void droppingTheFreshnessCheckRemovesItsGauges() {
    metrics.observed("ns", "fresh", AssetHealth.of(T0, Optional.of(Duration.ofMinutes(1)), counts(1, 0, 0, 0, 0)));
    assertThat(scrape()).contains("eider_asset_stale{asset=\"fresh\"");

    metrics.observed("ns", "fresh", AssetHealth.of(T0, Optional.empty(), counts(1, 0, 0, 0, 0)));
    assertThat(scrape()).doesNotContain("eider_asset_stale{asset=\"fresh\"")
        .contains("eider_asset_materialization_age_seconds{asset=\"fresh\",namespace=\"ns\",} 0.0");
  }

  @Test
  void partitionsAreCountedByState() {
    metrics.observed("ns", "fresh", AssetHealth.of(T0, Optional.empty(), counts(7, 3, 2, 1, 4)));

    assertThat(scrape()).contains("eider_asset_partitions{asset=\"fresh\",namespace=\"ns\",state=\"materialized\",} 7.0")
        .contains("eider_asset_partitions{asset=\"fresh\",namespace=\"ns\",state=\"missing\",} 3.0")
        .contains("eider_asset_partitions{asset=\"fresh\",namespace=\"ns\",state=\"running\",} 2.0")
        .contains("eider_asset_partitions{asset=\"fresh\",namespace=\"ns\",state=\"failed\",} 1.0")
        .contains("eider_asset_partitions{asset=\"fresh\",namespace=\"ns\",state=\"queued\",} 4.0");

    metrics.observed("ns", "fresh", AssetHealth.of(T0, Optional.empty(), counts(10, 0, 0, 0, 0)));
    assertThat(scrape()).contains("eider_asset_partitions{asset=\"fresh\",namespace=\"ns\",state=\"materialized\",} 10.0")
        .contains("eider_asset_partitions{asset=\"fresh\",namespace=\"ns\",state=\"queued\",} 0.0");
  }

  @Test
  void runsAreCountedByOutcomeAndReason() {
    metrics.finished("ns", "fresh", new RunOutcome(RunOutcome.Kind.SUCCEEDED, "ok", null, null, List.of(), T0));
    metrics.finished("ns", "fresh", new RunOutcome(RunOutcome.Kind.SUCCEEDED, "ok", null, null, List.of(), T0));
    metrics.finished("ns", "fresh", new RunOutcome(RunOutcome.Kind.RETRYABLE, "exit 3", null, null, List.of(), T0));
    metrics.finished("ns", "fresh", RunOutcome.failed(RunOutcome.Kind.RETRYABLE, FailureReason.OOMKilled, "oom", T0));
    metrics.finished("ns", "fresh", new RunOutcome(RunOutcome.Kind.CHECKS_FAILED, "check", null, null, List.of(), T0));
    metrics.launched("ns", "fresh", 5);

    assertThat(scrape())
        .contains("eider_runs_finished_total{asset=\"fresh\",namespace=\"ns\",outcome=\"succeeded\",reason=\"Materialized\",} 2.0")
        .contains("eider_runs_finished_total{asset=\"fresh\",namespace=\"ns\",outcome=\"retryable\",reason=\"WorkerFailed\",} 1.0")
        .contains("eider_runs_finished_total{asset=\"fresh\",namespace=\"ns\",outcome=\"retryable\",reason=\"OOMKilled\",} 1.0")
        .contains("eider_runs_finished_total{asset=\"fresh\",namespace=\"ns\",outcome=\"checks_failed\",reason=\"ChecksFailed\",} 1.0")
        .contains("eider_runs_launched_total{asset=\"fresh\",namespace=\"ns\",} 5.0");
  }

  @Test
  void startDelayIsAHistogramFromDueToLaunch() {
    DueRun cron = new DueRun("", Trigger.CRON, null);
    metrics.started("ns", "fresh", cron, Optional.of(T0), T0.plusSeconds(3));
    metrics.started("ns", "fresh", cron, Optional.of(T0), T0.plusSeconds(120));
    metrics.started("ns", "fresh", new DueRun("", Trigger.MANUAL, null), Optional.empty(), T0);

    String scrape = scrape();
    assertThat(scrape).contains("eider_run_start_delay_seconds_count{asset=\"fresh\",namespace=\"ns\",trigger=\"cron\",} 2.0")
        .contains("eider_run_start_delay_seconds_sum{asset=\"fresh\",namespace=\"ns\",trigger=\"cron\",} 123.0")
        .contains("eider_run_start_delay_seconds_bucket{asset=\"fresh\",namespace=\"ns\",trigger=\"cron\",le=\"1.0\",} 0.0")
        .contains("eider_run_start_delay_seconds_bucket{asset=\"fresh\",namespace=\"ns\",trigger=\"cron\",le=\"5.0\",} 1.0")
        .contains("eider_run_start_delay_seconds_bucket{asset=\"fresh\",namespace=\"ns\",trigger=\"cron\",le=\"60.0\",} 1.0")
        .contains("eider_run_start_delay_seconds_bucket{asset=\"fresh\",namespace=\"ns\",trigger=\"cron\",le=\"300.0\",} 2.0")
        .doesNotContain("trigger=\"manual\"");
  }

  @Test
  void deletedAssetLosesItsSeriesAtTheNextObservation() {
    metrics.observed("ns", "never", AssetHealth.of(null, Optional.of(Duration.ofHours(1)), counts(0, 1, 0, 0, 0)));
    metrics.finished("ns", "never", new RunOutcome(RunOutcome.Kind.PERMANENT, "exit 2", null, null, List.of(), T0));
    existing.remove("ns/never");

    // Until another asset is reconciled the deleted one's gauges show no value, not their last one.
    assertThat(scrape()).contains("eider_asset_stale{asset=\"never\",namespace=\"ns\",} NaN");
    metrics.observed("ns", "plain", AssetHealth.of(T0, Optional.empty(), counts(1, 0, 0, 0, 0)));
    assertThat(scrape()).doesNotContain("asset=\"never\"").contains("asset=\"plain\"");
  }

  private String scrape() {
    return registry.scrape();
  }

  private static PartitionCounts counts(int materialized, int missing, int running, int failed, int queued) {
    PartitionCounts counts = new PartitionCounts();
    counts.setMaterialized(materialized);
    counts.setMissing(missing);
    counts.setRunning(running);
    counts.setFailed(failed);
    counts.setQueued(queued);
    counts.setTotal(materialized + missing);
    return counts;
  }
}
