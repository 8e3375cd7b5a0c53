package dev.eider.operator.asset;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The operator's own Prometheus metrics (at {@code /q/metrics}): runs launched and finished by
 * outcome, reconcile durations, and the queue of due runs waiting for a pool slot.
 */
@ApplicationScoped
public class AssetMetrics {

  private final MeterRegistry registry;
  private final Timer reconcile;
  private final Map<String, AtomicLong> waiting = new ConcurrentHashMap<>();
  private final AtomicLong waitingTotal = new AtomicLong();

  public AssetMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.reconcile = Timer.builder("eider.asset.reconcile").description("Duration of Asset reconciles").register(registry);
    registry.gauge("eider.runs.waiting", waitingTotal);
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

  /** Due runs of one asset that wait for a free slot; the gauge is their sum over assets. */
  public void waiting(String asset, long count) {
    AtomicLong previous = waiting.computeIfAbsent(asset, key -> new AtomicLong());
    long delta = count - previous.getAndSet(count);
    waitingTotal.addAndGet(delta);
  }

  private Counter counter(String name, String namespace, String outcome) {
    return Counter.builder(name).tag("namespace", namespace).tag("outcome", outcome).register(registry);
  }
}
