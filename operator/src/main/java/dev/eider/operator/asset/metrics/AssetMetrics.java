package dev.eider.operator.asset.metrics;

import dev.eider.operator.asset.automation.DueRun;
import dev.eider.operator.workerjob.RunOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The operator's Prometheus metrics about assets (at {@code /q/metrics}; docs/metrics.md lists
 * them): runs launched and finished by outcome and reason, the delay from due to launched, each
 * asset's freshness and partitions by state, reconcile durations and the queue of due runs.
 * Labels are namespace and asset plus closed sets (see {@link RunLabels}); a deleted asset's
 * series go away at the next reconcile of any asset.
 */
@ApplicationScoped
public class AssetMetrics {

  static final String FINISHED = "eider.runs.finished";
  static final String LAUNCHED = "eider.runs.launched";
  static final String START_DELAY = "eider.run.start.delay";
  static final String AGE = "eider.asset.materialization.age";
  static final String STALE = "eider.asset.stale";
  static final String MAX_AGE = "eider.asset.freshness.max.age";
  static final String PARTITIONS = "eider.asset.partitions";
  /** Histogram buckets of the start delay: a run normally starts within a second of being due, queued ones wait minutes. */
  static final Duration[] START_DELAY_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
      Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)};

  private final MeterRegistry registry;
  private final Clock clock;
  private final Timer reconcile;
  private final Map<String, Long> waiting = new ConcurrentHashMap<>();
  private final Map<String, Tracked> assets = new ConcurrentHashMap<>();
  private volatile Predicate<String> exists = asset -> true;

  @Inject
  public AssetMetrics(MeterRegistry registry) {
    this(registry, Clock.systemUTC());
  }

  public AssetMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    this.reconcile = Timer.builder("eider.asset.reconcile").description("Duration of Asset reconciles").register(registry);
    Gauge.builder("eider.runs.waiting", this, AssetMetrics::waitingNow)
        .description("Due runs waiting for a free pool or writer slot").register(registry);
  }

  public Timer reconcileTimer() {
    return reconcile;
  }

  public void launched(String namespace, String asset, int count) {
    if (count > 0) {
      Counter.builder(LAUNCHED).description("Runs launched (Jobs created)").tags(assetTags(namespace, asset))
          .register(registry).increment(count);
    }
  }

  public void finished(String namespace, String asset, RunOutcome outcome) {
    Counter.builder(FINISHED).description("Runs finished, by outcome and by reason (Kubernetes' FailureReason, or Materialized, "
            + "ChecksFailed, WorkerFailed)")
        .tags(assetTags(namespace, asset)).tag("outcome", RunLabels.outcome(outcome)).tag("reason", RunLabels.reason(outcome))
        .register(registry).increment();
  }

  /** A run was launched at {@code launchedAt}; it counts if the moment it became due is known. */
  public void started(String namespace, String asset, DueRun run, Optional<Instant> dueAt, Instant launchedAt) {
    if (dueAt.isEmpty()) {
      return;
    }
    Duration delay = Duration.between(dueAt.get(), launchedAt);
    Timer.builder(START_DELAY).description("Time from a run being due (cron tick, retry backoff end, upstream materialized) "
            + "to its Job being created").tags(assetTags(namespace, asset)).tag("trigger", RunLabels.trigger(run))
        .serviceLevelObjectives(START_DELAY_BUCKETS).register(registry)
        .record(delay.isNegative() ? Duration.ZERO : delay);
  }

  /** Due runs of one asset ({@code namespace/name}) that wait for a free slot; the gauge is their sum. */
  public void waiting(String asset, long count) {
    waiting.put(asset, count);
  }

  /**
   * The asset's freshness and partitions as this reconcile left them; its gauges appear with the
   * first call. Assets that no longer exist lose all their series here.
   */
  public void observed(String namespace, String asset, AssetHealth health) {
    String key = namespace + "/" + asset;
    Tracked tracked = assets.computeIfAbsent(key, k -> new Tracked(namespace, asset));
    tracked.health = health;
    tracked.gauge(AGE, health.lastMaterializedAt() != null, "Seconds since the asset's latest materialization finished (absent until it first materializes)",
        "seconds", h -> h.ageSeconds(clock.instant()));
    tracked.gauge(STALE, health.hasFreshnessCheck(), "1 while the asset breaches its freshness check (never materialized, or "
        + "longer ago than maxAge), else 0; only assets with a freshness check", null, h -> h.stale(clock.instant()));
    tracked.gauge(MAX_AGE, health.hasFreshnessCheck(), "The maxAge of the asset's freshness check", "seconds", AssetHealth::maxAgeSeconds);
    for (String state : AssetHealth.PARTITION_STATES) {
      tracked.partitions(state);
    }
    forgetDeleted();
  }

  /** How to tell that an asset still exists: a deleted asset's queue and series leave the registry. */
  public void trackExisting(Predicate<String> exists) {
    this.exists = exists;
  }

  private void forgetDeleted() {
    for (Tracked tracked : List.copyOf(assets.values())) {
      if (!exists.test(tracked.key())) {
        assets.remove(tracked.key());
        for (Meter meter : List.copyOf(registry.getMeters())) {
          if (tracked.namespace.equals(meter.getId().getTag("namespace")) && tracked.asset.equals(meter.getId().getTag("asset"))
              && meter.getId().getName().startsWith("eider.")) {
            registry.remove(meter);
          }
        }
      }
    }
  }

  private double waitingNow() {
    waiting.keySet().removeIf(asset -> !exists.test(asset));
    return waiting.values().stream().mapToLong(Long::longValue).sum();
  }

  private static Tags assetTags(String namespace, String asset) {
    return Tags.of("namespace", namespace, "asset", asset);
  }

  /** One asset's gauges, reading its latest {@link AssetHealth}. */
  private final class Tracked {
    private final String namespace;
    private final String asset;
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();
    private volatile AssetHealth health;

    Tracked(String namespace, String asset) {
      this.namespace = namespace;
      this.asset = asset;
    }

    String key() {
      return namespace + "/" + asset;
    }

    /** Registers the gauge while {@code wanted}, removes it when no longer (e.g. the freshness check was dropped). */
    void gauge(String name, boolean wanted, String description, String unit, ToDoubleFunction<AssetHealth> value) {
      if (!wanted) {
        Gauge gone = gauges.remove(name);
        if (gone != null) {
          registry.remove(gone);
        }
        return;
      }
      gauges.computeIfAbsent(name, n -> Gauge.builder(n, this, tracked -> tracked.value(value)).description(description)
          .baseUnit(unit).tags(assetTags(namespace, asset)).strongReference(true).register(registry));
    }

    void partitions(String state) {
      gauges.computeIfAbsent(PARTITIONS + "/" + state, n -> Gauge.builder(PARTITIONS, this, tracked -> tracked.value(h -> h.partitions(state)))
          .description("The asset's partitions by state, as in status.partitions (a partition can be materialized and running at once)")
          .tags(assetTags(namespace, asset)).tag("state", state).strongReference(true).register(registry));
    }

    private double value(ToDoubleFunction<AssetHealth> value) {
      AssetHealth current = health;
      // Between the asset's deletion and the next reconcile of any asset: no value rather than a stale one.
      return current == null || !exists.test(key()) ? Double.NaN : value.applyAsDouble(current);
    }
  }
}
