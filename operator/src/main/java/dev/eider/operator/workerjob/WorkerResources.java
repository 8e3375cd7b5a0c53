package dev.eider.operator.workerjob;

import dev.eider.operator.platform.EiderConfig;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.Map;
import java.util.TreeMap;

/**
 * A worker container's requests and limits: the operator's defaults, each entry overridden by the
 * Asset's spec.worker.resources. Every worker has a CPU and a memory limit, which it reads back
 * (Downward API) to size DuckDB.
 */
final class WorkerResources {

  private WorkerResources() {}

  static ResourceRequirements of(EiderConfig.Worker.Resources defaults, ResourceRequirements overrides) {
    Map<String, Quantity> requests = new TreeMap<>(Map.of(
        "cpu", new Quantity(defaults.requests().cpu()), "memory", new Quantity(defaults.requests().memory())));
    Map<String, Quantity> limits = new TreeMap<>(Map.of(
        "cpu", new Quantity(defaults.limits().cpu()), "memory", new Quantity(defaults.limits().memory())));
    Map<String, Quantity> ownLimits = overrides == null || overrides.getLimits() == null ? Map.of() : overrides.getLimits();
    if (overrides != null && overrides.getRequests() != null) {
      requests.putAll(overrides.getRequests());
    }
    limits.putAll(ownLimits);
    // An Asset that asks for more than the default limit means it needs that much: Kubernetes
    // rejects a request above its limit, so the limit follows unless the Asset set it too.
    requests.forEach((resource, request) -> {
      Quantity limit = limits.get(resource);
      if (limit != null && !ownLimits.containsKey(resource)
          && Quantity.getAmountInBytes(request).compareTo(Quantity.getAmountInBytes(limit)) > 0) {
        limits.put(resource, request);
      }
    });
    // Likewise a limit set below the default request lowers the request.
    limits.forEach((resource, limit) -> {
      Quantity request = requests.get(resource);
      boolean ownRequest = overrides != null && overrides.getRequests() != null && overrides.getRequests().containsKey(resource);
      if (request != null && !ownRequest && Quantity.getAmountInBytes(request).compareTo(Quantity.getAmountInBytes(limit)) > 0) {
        requests.put(resource, limit);
      }
    });
    return new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build();
  }
}
