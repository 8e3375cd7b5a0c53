package dev.eider.operator.workerjob;

import dev.eider.contract.env.WorkerEnv;
import dev.eider.operator.platform.EiderConfig;
import dev.eider.operator.warehouse.ProductionWarehouse;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Job and pod every worker runs in, whatever its command (asset runs, staging-database clones
 * and drops): one attempt ({@code backoffLimit: 0}, the operator owns retries), a deadline, a TTL,
 * no service account token, the {@code restricted} security contexts, a scratch {@code /tmp}, the
 * warehouse volume when the warehouse is a file, requests and limits the worker can read back, and
 * its result in the termination message.
 */
public final class WorkerJobTemplate {

  public static final String CONTAINER = "worker";
  static final String TMP_VOLUME = "tmp";
  static final String WAREHOUSE_VOLUME = "warehouse";
  static final String MODELS_VOLUME = "sql-models";
  /** Where a ConfigMap of SQL models is mounted; the worker reads {@value #MODELS_DIR_ENV} (its SuppliedModels). */
  public static final String MODELS_PATH = "/eider/models";
  public static final String MODELS_DIR_ENV = WorkerEnv.MODELS_DIR;
  /** Where the worker writes its one-line result; the operator reads it from the pod's status. */
  static final String TERMINATION_MESSAGE_PATH = "/dev/termination-log";

  private final EiderConfig.Worker worker;
  private final int ttlSeconds;
  private final ProductionWarehouse warehouse;

  public WorkerJobTemplate(EiderConfig config) {
    this.worker = config.worker();
    this.ttlSeconds = config.runs().jobTtlSeconds();
    this.warehouse = ProductionWarehouse.of(config);
  }

  /**
   * A Job named and owned as {@code meta} says; its pod carries the same labels and annotations
   * (the operator's informers select pods by them).
   */
  public Job build(ObjectMeta meta, Duration deadline, WorkerContainer container) {
    ObjectMeta podMeta = new ObjectMetaBuilder().withLabels(meta.getLabels()).withAnnotations(meta.getAnnotations()).build();
    return new JobBuilder()
        .withMetadata(meta)
        .withNewSpec()
          .withBackoffLimit(0)
          .withTtlSecondsAfterFinished(ttlSeconds)
          .withActiveDeadlineSeconds(Math.max(1, deadline.toSeconds()))
          .withNewTemplate().withMetadata(podMeta).withSpec(pod(container)).endTemplate()
        .endSpec()
        .build();
  }

  private PodSpec pod(WorkerContainer container) {
    PodSpecBuilder pod = new PodSpecBuilder()
        .withRestartPolicy("Never")
        // Workers never call the Kubernetes API: no token in the pod (least privilege).
        .withAutomountServiceAccountToken(false)
        .withServiceAccountName(container.serviceAccount())
        .withSecurityContext(WorkerSecurity.pod(worker.security()))
        .addToVolumes(new VolumeBuilder().withName(TMP_VOLUME)
            .withNewEmptyDir().withSizeLimit(new Quantity(worker.tmpSizeLimit())).endEmptyDir().build());
    List<VolumeMount> mounts = new ArrayList<>(List.of(new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath("/tmp").build()));
    if (container.usesWarehouse() && warehouse.volume().isPresent()) {
      ProductionWarehouse.WarehouseVolume volume = warehouse.volume().get();
      pod.addToVolumes(new VolumeBuilder().withName(WAREHOUSE_VOLUME)
          .withNewPersistentVolumeClaim().withClaimName(volume.claimName()).endPersistentVolumeClaim().build());
      mounts.add(new VolumeMountBuilder().withName(WAREHOUSE_VOLUME).withMountPath(volume.mountPath()).build());
    }
    if (container.models() != null) {
      pod.addToVolumes(modelsVolume(container.models()));
      mounts.add(new VolumeMountBuilder().withName(MODELS_VOLUME).withMountPath(MODELS_PATH).withReadOnly(true).build());
    }
    return pod.addNewContainer()
          .withName(CONTAINER)
          .withImage(container.image())
          .withImagePullPolicy(worker.imagePullPolicy())
          .withArgs(container.args())
          .withEnv(env(container))
          .withEnvFrom(container.envFrom())
          .withResources(WorkerResources.of(worker.resources(), container.resources()))
          .withSecurityContext(WorkerSecurity.container())
          .withVolumeMounts(mounts)
          .withTerminationMessagePath(TERMINATION_MESSAGE_PATH)
          .withTerminationMessagePolicy("File")
        .endContainer()
        .build();
  }

  /** Read-only files (0444): the SQL is no secret, and the worker runs as a user the image does not own. */
  private static io.fabric8.kubernetes.api.model.Volume modelsVolume(WorkerContainer.ModelsVolume models) {
    VolumeBuilder volume = new VolumeBuilder().withName(MODELS_VOLUME);
    var source = volume.withNewConfigMap().withName(models.configMap()).withDefaultMode(0444);
    if (models.key() != null) {
      source.addNewItem().withKey(models.key()).withPath(models.key()).endItem();
    }
    return source.endConfigMap().build();
  }

  /** The command's variables, then the pod's own, which win: they describe the pod, not the command. */
  private static List<EnvVar> env(WorkerContainer container) {
    Map<String, EnvVar> env = new LinkedHashMap<>();
    container.env().forEach(var -> env.put(var.getName(), var));
    if (container.models() != null) {
      last(env, new EnvVar(MODELS_DIR_ENV, MODELS_PATH, null));
    }
    // The JVM and DuckDB put their temporary files here; the root filesystem is read-only.
    last(env, new EnvVar("TMPDIR", "/tmp", null));
    // The container's limits, for the worker to size DuckDB (memory_limit, threads) within them:
    // bytes, and whole cores rounded up.
    last(env, limit(WorkerEnv.MEMORY_LIMIT_BYTES, "limits.memory"));
    last(env, limit(WorkerEnv.CPU_LIMIT, "limits.cpu"));
    return new ArrayList<>(env.values());
  }

  private static void last(Map<String, EnvVar> env, EnvVar var) {
    env.remove(var.getName());
    env.put(var.getName(), var);
  }

  private static EnvVar limit(String name, String resource) {
    return new EnvVarBuilder().withName(name).withNewValueFrom()
        .withNewResourceFieldRef().withContainerName(CONTAINER).withResource(resource).withDivisor(new Quantity("1")).endResourceFieldRef()
        .endValueFrom().build();
  }
}
