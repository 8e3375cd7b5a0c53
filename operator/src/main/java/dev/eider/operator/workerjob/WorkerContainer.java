package dev.eider.operator.workerjob;

import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;

/**
 * What differs between worker Jobs: the command and its inputs. Everything else about the pod comes
 * from {@link WorkerJobTemplate}.
 *
 * @param image the worker image
 * @param serviceAccount the pod's ServiceAccount, null for the namespace's default
 * @param args the worker's command line
 * @param env the command's environment (the template adds the pod's own variables)
 * @param envFrom Secret references
 * @param resources the Asset's overrides of the default requests and limits, null for none
 * @param usesWarehouse whether the command opens the warehouse (then a DuckDB file path's volume is mounted)
 * @param models a ConfigMap of SQL models to mount for the worker, or null
 */
public record WorkerContainer(String image, String serviceAccount, List<String> args, List<EnvVar> env,
                              List<EnvFromSource> envFrom, ResourceRequirements resources, boolean usesWarehouse,
                              ModelsVolume models) {

  public WorkerContainer(String image, String serviceAccount, List<String> args, List<EnvVar> env,
                         List<EnvFromSource> envFrom, ResourceRequirements resources, boolean usesWarehouse) {
    this(image, serviceAccount, args, env, envFrom, resources, usesWarehouse, null);
  }

  /**
   * A ConfigMap whose keys are SQL models, mounted read-only where the worker reads them: the pod
   * needs no API access to the ConfigMap. With {@code key}, only that key is mounted.
   */
  public record ModelsVolume(String configMap, String key) {}
}
