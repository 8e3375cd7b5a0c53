package dev.eider.operator.platform;

import dev.eider.operator.workerjob.WorkerSecrets;
import dev.eider.operator.workerjob.PodSecurityLabels;
import dev.eider.operator.warehouse.ProductionWarehouse;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start the operator with a configuration its worker pods could not work with, before
 * the operator launches anything: a run in a pod of its own would otherwise fail far from the cause.
 * Quarkus prints a {@link ConfigurationException}'s message alone (no stack trace) and exits with 1.
 */
@ApplicationScoped
public class ConfigurationCheck {

  private final EiderConfig config;

  public ConfigurationCheck(EiderConfig config) {
    this.config = config;
  }

  // Before the Operator SDK's own startup observer, which starts the reconcilers.
  void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
    List<String> problems = problems(config);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(String.join("; ", problems));
    }
  }

  static List<String> problems(EiderConfig config) {
    List<String> problems = new ArrayList<>();
    ProductionWarehouse.problem(config).ifPresent(problems::add);
    PodSecurityLabels.problem(config.branch().podSecurity()).ifPresent(problems::add);
    WorkerSecrets.of(config).problem().ifPresent(problems::add);
    return problems;
  }
}
