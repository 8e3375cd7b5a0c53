package dev.eider.operator.asset;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The operator's own Prometheus metrics (at {@code /q/metrics}): runs launched and finished by
 * outcome, reconcile durations, and the queue of due runs waiting for a pool slot.
 */
@ApplicationScoped
public class AssetMetrics {

  private final MeterRegistry registry;
  private final Timer reconcile;
  private final Map<String, Long> waiting = new ConcurrentHashMap<>();
  private volatile Predicate<String> exists = asset -> true;

  public AssetMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.reconcile = Timer.builder("eider.asset.reconcile").description("Duration of Asset reconciles").register(registry);
    Gauge.builder("eider.runs.waiting", this, AssetMetrics::waitingNow)
        .description("Due runs waiting for a free pool or writer slot").register(registry);
  }

  public Timer reconcileTimer() {
    return reconcile;
  }

  public void launched(String namespace, int count) {
    if (count > 0) {
      counter("eider.runs.launched", namespace, "none").increment(count);
    }
  }

  public void finished(String namespace, String outcome) {
    counter("eider.runs.finished", namespace, outcome).increment();
  }

  /** Due runs of one asset ({@code namespace/name}) that wait for a free slot; the gauge is their sum. */
  public void waiting(String asset, long count) {
    waiting.put(asset, count);
  }

  /** How to tell that an asset still exists: a deleted asset's queue leaves the gauge. */
  public void trackExisting(Predicate<String> exists) {
    this.exists = exists;
  }

  private double waitingNow() {
    waiting.keySet().removeIf(asset -> !exists.test(asset));
    return waiting.values().stream().mapToLong(Long::longValue).sum();
  }

  private Counter counter(String name, String namespace, String outcome) {
    return Counter.builder(name).tag("namespace", namespace).tag("outcome", outcome).register(registry);
  }
}
