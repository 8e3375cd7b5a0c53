package dev.eider.operator.platform;

import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The Secrets every worker container takes its credentials from, by reference only: object storage,
 * the warehouse and the worker's own. Shared by asset runs and the staging-database Jobs of branches.
 */
public final class WorkerSecrets {

  private WorkerSecrets() {}

  public static List<EnvFromSource> envFrom(EiderConfig config) {
    List<EnvFromSource> sources = new ArrayList<>();
    sources.add(optional(config.storage().credentialsSecret()));
    config.warehouse().credentialsSecret().ifPresent(name -> sources.add(optional(name)));
    config.worker().envSecret().ifPresent(name -> sources.add(optional(name)));
    return sources;
  }

  // Optional: a missing Secret then shows as the worker's own one-line error naming the variable,
  // instead of a pod stuck in CreateContainerConfigError.
  private static EnvFromSource optional(String name) {
    return new EnvFromSourceBuilder().withNewSecretRef().withName(name).withOptional(true).endSecretRef().build();
  }
}
