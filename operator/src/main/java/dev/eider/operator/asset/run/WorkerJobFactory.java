package dev.eider.operator.asset.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.contract.env.WorkerEnv;
import dev.eider.contract.time.Durations;
import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.WorkerSpec;
import dev.eider.operator.asset.sql.ModelSet;
import dev.eider.operator.asset.state.PartitionStateStore;
import dev.eider.operator.platform.EiderConfig;
import dev.eider.operator.platform.KubeNames;
import dev.eider.operator.platform.Labels;
import dev.eider.operator.platform.OwnerReferences;
import dev.eider.operator.platform.WorkerEnvironment;
import dev.eider.operator.platform.WorkerSecrets;
import dev.eider.operator.warehouse.ProductionWarehouse;
import dev.eider.operator.workerjob.WorkerContainer;
import dev.eider.operator.workerjob.WorkerJobTemplate;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the Job of one run: the worker image with the command for the partition, configured from
 * the operator's defaults, the namespace's profile and the Asset's {@code worker} overrides (which
 * win). Credentials reach the container only through Secret references. The pod itself (security,
 * volumes, resources, one attempt) is the {@link WorkerJobTemplate} every worker shares.
 */
public final class WorkerJobFactory {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EiderConfig config;
  private final String production;
  private final WorkerJobTemplate template;

  public WorkerJobFactory(EiderConfig config) {
    this.config = config;
    this.production = ProductionWarehouse.of(config).connection();
    this.template = new WorkerJobTemplate(config);
  }

  /** Label value naming the DuckDB file (or database) a transform writes, for one-writer-per-file. */
  public static String writerOf(String warehouse) {
    return KubeNames.hash(warehouse, 16);
  }

  public String warehouse(NamespaceProfile profile) {
    return profile.warehouse().orElse(production);
  }

  /** A run of an ingestion, or of a transform of models the worker image ships. */
  public Job build(Asset asset, String partition, long seq, NamespaceProfile profile) {
    AssetSpec spec = asset.getSpec();
    return build(asset, partition, seq, profile, spec.getTransform() == null ? null : ModelSet.shipped(spec.getTransform().getModels()));
  }

  /** @param models the transform's resolved models (see TransformModels), null for an ingestion */
  public Job build(Asset asset, String partition, long seq, NamespaceProfile profile, ModelSet models) {
    AssetSpec spec = asset.getSpec();
    WorkerSpec worker = spec.getWorker() == null ? new WorkerSpec() : spec.getWorker();
    String name = JobNames.of(asset.getMetadata().getName(), partition, seq);
    Map<String, String> labels = new LinkedHashMap<>(Labels.recommended(Labels.NAME_WORKER, asset.getMetadata().getName(), "run"));
    labels.put(Labels.ASSET, asset.getMetadata().getName());
    labels.put(Labels.PARTITION_HASH, PartitionStateStore.partitionHash(partition));
    labels.put(Labels.RUN, Long.toString(seq));
    if (spec.getPool() != null) {
      labels.put(Labels.POOL, spec.getPool());
    }
    if (WarehouseAccess.opensWarehouse(spec)) {
      labels.put(Labels.WRITER, writerOf(warehouse(profile)));
    }
    Duration timeout = Optional.ofNullable(worker.getTimeout()).flatMap(Durations::parse).orElse(config.worker().timeout());
    ObjectMeta meta = new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(asset.getMetadata().getNamespace())
        .withLabels(labels)
        .addToAnnotations(Labels.PARTITION_ANNOTATION, partition)
        .withOwnerReferences(OwnerReferences.controller(asset, true))
        .build();
    WorkerContainer container = new WorkerContainer(
        worker.getImage() != null ? worker.getImage() : config.worker().image(),
        worker.getServiceAccountName() != null ? worker.getServiceAccountName() : config.worker().serviceAccount().orElse(null),
        WorkerArgs.of(asset.getMetadata().getName(), spec, partition, models),
        env(asset, partition, profile, worker, models),
        envFrom(worker, profile),
        worker.getResources(),
        WarehouseAccess.opensWarehouse(spec),
        models == null || models.configMap() == null ? null
            : new WorkerContainer.ModelsVolume(models.configMap().getName(), models.configMap().getKey()));
    return template.build(meta, timeout, container);
  }

  /** The ingestion assets whose raw objects a branch's transform reads from the branch's own prefix. */
  public static final String OWN_RAW_ASSETS_ENV = WorkerEnv.OWN_RAW_ASSETS;

  private List<EnvVar> env(Asset asset, String partition, NamespaceProfile profile, WorkerSpec worker, ModelSet models) {
    Map<String, EnvVar> env = WorkerEnvironment.defaults(config);
    put(env, WorkerEnv.ASSET, asset.getMetadata().getName());
    put(env, WorkerEnv.PARTITION, partition);
    put(env, WorkerEnv.PREFIX, profile.objectPrefix().orElse(config.storage().prefix()));
    profile.rawPrefix().ifPresent(prefix -> put(env, WorkerEnv.RAW_PREFIX, prefix));
    if (WarehouseAccess.opensWarehouse(asset.getSpec())) {
      put(env, WorkerEnv.WAREHOUSE, warehouse(profile));
      profile.protectedDatabases().ifPresent(databases -> put(env, WorkerEnv.PROTECTED_DATABASES, databases));
      // In a branch: the ingestion assets it ran itself, whose raw objects are under EIDER_PREFIX, not EIDER_RAW_PREFIX.
      profile.ownRawAssets().ifPresent(assets -> put(env, OWN_RAW_ASSETS_ENV, String.join(",", assets)));
      if (!asset.getSpec().getChecks().isEmpty()) {
        put(env, WorkerEnv.CHECKS, json(asset.getSpec().getChecks()));
      }
    }
    if (models != null && models.inlineModel() != null) {
      // The worker's SuppliedModels reads them; the CRD bounds the SQL to 64 KiB, a variable may hold 128.
      put(env, WorkerEnv.INLINE_MODEL, models.inlineModel());
      put(env, WorkerEnv.INLINE_SQL, models.inlineSql());
    }
    // The asset's own variables win over the defaults, except that they cannot redirect the run
    // out of its namespace's database and prefix (a branch must never write to production), nor
    // swap the SQL the operator validated.
    if (worker.getEnv() != null) {
      for (EnvVar var : worker.getEnv()) {
        if (!isPinned(var.getName(), profile)) {
          env.put(var.getName(), var);
        }
      }
    }
    return new ArrayList<>(env.values());
  }

  private static boolean isPinned(String name, NamespaceProfile profile) {
    return switch (name) {
      case WorkerEnv.WAREHOUSE -> profile.warehouse().isPresent();
      case WorkerEnv.PREFIX -> profile.objectPrefix().isPresent();
      case WorkerEnv.RAW_PREFIX -> profile.rawPrefix().isPresent();
      case WorkerEnv.PROTECTED_DATABASES -> profile.protectedDatabases().isPresent();
      case OWN_RAW_ASSETS_ENV -> profile.ownRawAssets().isPresent();
      // The SQL the operator validated is the SQL that runs.
      case WorkerEnv.INLINE_MODEL, WorkerEnv.INLINE_SQL, WorkerJobTemplate.MODELS_DIR_ENV -> true;
      default -> false;
    };
  }

  private List<EnvFromSource> envFrom(WorkerSpec worker, NamespaceProfile profile) {
    WorkerSecrets secrets = WorkerSecrets.of(config);
    List<EnvFromSource> sources = profile.branchCredentials() ? secrets.branch() : secrets.production();
    if (worker.getEnvFrom() != null) {
      sources.addAll(worker.getEnvFrom());
    }
    return sources;
  }

  private static void put(Map<String, EnvVar> env, String name, String value) {
    WorkerEnvironment.put(env, name, value);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
