package dev.eider.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class ReconcileErrorsTest {

  @Test
  void bothControllersStartAtZeroAndCountTheirOwnErrors() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ReconcileErrors errors = new ReconcileErrors(registry);
    assertThat(registry.scrape()).contains("eider_reconcile_errors_total{controller=\"asset\",} 0.0")
        .contains("eider_reconcile_errors_total{controller=\"branchdeployment\",} 0.0");

    errors.count("asset");
    errors.count("asset");
    errors.count("branchdeployment");
    assertThat(registry.scrape()).contains("eider_reconcile_errors_total{controller=\"asset\",} 2.0")
        .contains("eider_reconcile_errors_total{controller=\"branchdeployment\",} 1.0");
  }
}
