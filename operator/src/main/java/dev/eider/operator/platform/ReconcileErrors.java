package dev.eider.operator.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * Counts reconciles (and teardowns) that ended in an exception, i.e. transient faults JOSDK retries:
 * an invalid spec is reported in status, not here. {@code eider_reconcile_errors_total{controller}}.
 */
@Singleton
public class ReconcileErrors {

  /** The controllers, as JOSDK names them. */
  public static final java.util.List<String> CONTROLLERS = java.util.List.of("asset", "branchdeployment");

  private final MeterRegistry registry;

  public ReconcileErrors(MeterRegistry registry) {
    this.registry = registry;
    // Present at 0 from the start: an alert on increase() needs the series before the first error.
    for (String controller : CONTROLLERS) {
      counter(controller);
    }
  }

  /** @param controller asset or branchdeployment */
  public void count(String controller) {
    counter(controller).increment();
  }

  private Counter counter(String controller) {
    return Counter.builder("eider.reconcile.errors").description("Reconciles that failed with an exception (retried with backoff)")
        .tag("controller", controller).register(registry);
  }
}
