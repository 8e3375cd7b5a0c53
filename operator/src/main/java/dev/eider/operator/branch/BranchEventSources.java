package dev.eider.operator.branch;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.branch.assets.DataDiffAsset;
import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.platform.CachePruning;
import dev.eider.operator.platform.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The informers a BranchDeployment reconcile reads besides its dependents': the Secrets that opted
 * in to being copied ({@value BranchLabels#COPY_SECRET}), every Namespace (whether it may be a
 * base: its labels), every namespace's Assets (base assets to copy, branch assets to compare) and
 * ConfigMaps of models (their code versions; the base's are copied), and
 * the clone and drop Jobs with the pods that claim them. Base Secrets, Namespaces and Assets wake the
 * BranchDeployments that use them through indexes of the primary cache, never by scanning.
 */
public final class BranchEventSources {

  static final String SECRET_INDEX = "eider.dev/copies-secret";
  static final String BASE_INDEX = "eider.dev/base-namespace";
  static final String BRANCH_INDEX = "eider.dev/branch-namespace";
  static final String POD_BY_JOB_INDEX = "eider.dev/pod-by-job";

  private InformerEventSource<Secret, BranchDeployment> baseSecrets;
  private InformerEventSource<Namespace, BranchDeployment> namespaces;
  private InformerEventSource<Asset, BranchDeployment> assets;
  private InformerEventSource<ConfigMap, BranchDeployment> sqlConfigMaps;
  private InformerEventSource<Job, BranchDeployment> jobs;
  private InformerEventSource<Pod, BranchDeployment> pods;

  public List<EventSource<?, BranchDeployment>> create(EventSourceContext<BranchDeployment> context) {
    context.getPrimaryCache().addIndexer(SECRET_INDEX, deployment -> deployment.getSpec() == null || deployment.getSpec().getSecrets() == null
        ? List.of() : deployment.getSpec().getSecrets().stream().map(name -> deployment.getSpec().getBaseNamespace() + "/" + name).toList());
    context.getPrimaryCache().addIndexer(BASE_INDEX, deployment -> deployment.getSpec() == null || deployment.getSpec().getBaseNamespace() == null
        ? List.of() : List.of(deployment.getSpec().getBaseNamespace()));
    context.getPrimaryCache().addIndexer(BRANCH_INDEX, deployment -> deployment.getSpec() == null
        ? List.of() : List.of(BranchNames.of(deployment.getSpec().getBranch()).namespace()));

    // Only Secrets their owners opted in to copying, never the branches' copies, service account tokens
    // or Helm releases: the operator neither reads nor keeps in memory any other Secret of the cluster.
    baseSecrets = new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class, BranchDeployment.class)
        .withName("base-secrets")
        .withLabelSelector(BranchLabels.COPY_SECRET + "=" + BranchLabels.OPT_IN + ",!" + BranchLabels.BRANCH_DEPLOYMENT)
        .withFieldSelector(new FieldSelector(new FieldSelector.Field("type", "kubernetes.io/service-account-token", true),
            new FieldSelector.Field("type", "helm.sh/release.v1", true)))
        .withSecondaryToPrimaryMapper(secret -> byIndex(context, SECRET_INDEX,
            secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName()))
        .build(), context);
    // Whether a namespace may be a base is in its labels; a label added or removed re-checks its branches.
    namespaces = new InformerEventSource<>(InformerEventSourceConfiguration.from(Namespace.class, BranchDeployment.class)
        .withName("base-namespaces")
        .withOnUpdateFilter((updated, old) -> !Objects.equals(updated.getMetadata().getLabels(), old.getMetadata().getLabels()))
        .withSecondaryToPrimaryMapper(namespace -> byIndex(context, BASE_INDEX, namespace.getMetadata().getName()))
        .build(), context);
    assets = new InformerEventSource<>(InformerEventSourceConfiguration.from(Asset.class, BranchDeployment.class)
        .withName("branch-assets")
        // A run changes an asset's status all the time; only its spec and labels matter to branches,
        // and the status of the branch's data diff asset, which the branch's status reports.
        .withOnUpdateFilter((updated, old) -> !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
            || !Objects.equals(updated.getMetadata().getLabels(), old.getMetadata().getLabels())
            || DataDiffAsset.isGenerated(updated))
        .withSecondaryToPrimaryMapper(asset -> {
          Set<ResourceID> ids = byIndex(context, BASE_INDEX, asset.getMetadata().getNamespace());
          ids.addAll(byIndex(context, BRANCH_INDEX, asset.getMetadata().getNamespace()));
          return ids;
        })
        .build(), context);
    // ConfigMaps of models (labelled, as for the asset controller): their code versions are part of a
    // branch's changes and plan, and the base's are copied into the branch.
    sqlConfigMaps = new InformerEventSource<>(InformerEventSourceConfiguration.from(ConfigMap.class, BranchDeployment.class)
        .withName("branch-sql-config-maps")
        .withLabelSelector(Labels.SQL_SELECTOR)
        .withSecondaryToPrimaryMapper(configMap -> {
          Set<ResourceID> ids = byIndex(context, BASE_INDEX, configMap.getMetadata().getNamespace());
          ids.addAll(byIndex(context, BRANCH_INDEX, configMap.getMetadata().getNamespace()));
          return ids;
        })
        .build(), context);
    String databaseJobs = Labels.MANAGED_SELECTOR + "," + BranchLabels.DATABASE_OP;
    jobs = new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, BranchDeployment.class)
        .withName("database-jobs")
        .withItemStore(CachePruning.withoutManagedFields())
        .withLabelSelector(databaseJobs)
        .withSecondaryToPrimaryMapper(BranchEventSources::deploymentOf)
        .build(), context);
    pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, BranchDeployment.class)
        .withName("database-pods")
        .withItemStore(CachePruning.withoutManagedFields())
        .withLabelSelector(databaseJobs)
        .withSecondaryToPrimaryMapper(BranchEventSources::deploymentOf)
        .build(), context);
    pods.addIndexers(Map.of(POD_BY_JOB_INDEX, pod -> {
      String job = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get("job-name");
      return job == null ? List.of() : List.of(pod.getMetadata().getNamespace() + "/" + job);
    }));
    return List.of(baseSecrets, namespaces, assets, sqlConfigMaps, jobs, pods);
  }

  /** The BranchDeployment named in the object's annotation (labels may hold a shortened name). */
  private static Set<ResourceID> deploymentOf(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    String name = annotations == null ? null : annotations.get(BranchLabels.DEPLOYMENT_NAME_ANNOTATION);
    return name == null ? Set.of() : Set.of(new ResourceID(name));
  }

  private static Set<ResourceID> byIndex(EventSourceContext<BranchDeployment> context, String index, String key) {
    Set<ResourceID> ids = new HashSet<>();
    context.getPrimaryCache().byIndex(index, key).forEach(deployment -> ids.add(ResourceID.fromResource(deployment)));
    return ids;
  }

  public Optional<Secret> baseSecret(String namespace, String name) {
    return baseSecrets.get(new ResourceID(name, namespace));
  }

  public Optional<Namespace> namespace(String name) {
    return namespaces.get(new ResourceID(name));
  }

  /** Other BranchDeployments, not being deleted, whose branch has the same names (namespace, database) as this one's. */
  public static List<BranchDeployment> sameBranch(BranchDeployment deployment, IndexedResourceCache<BranchDeployment> primaries) {
    String namespace = BranchNames.of(deployment.getSpec() == null ? null : deployment.getSpec().getBranch()).namespace();
    return primaries.byIndex(BRANCH_INDEX, namespace).stream()
        .filter(other -> !Objects.equals(other.getMetadata().getUid(), deployment.getMetadata().getUid()))
        .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  public Stream<Asset> assets(String namespace) {
    return assets.list(namespace, asset -> true);
  }

  /** The ConfigMaps of models (labelled {@value Labels#SQL_SELECTOR}) of {@code namespace}, by name order. */
  public List<ConfigMap> sqlConfigMaps(String namespace) {
    return sqlConfigMaps.list(namespace, configMap -> true)
        .sorted(java.util.Comparator.comparing(configMap -> configMap.getMetadata().getName())).toList();
  }

  public Optional<ConfigMap> sqlConfigMap(String namespace, String name) {
    return sqlConfigMaps.get(new ResourceID(name, namespace));
  }

  public Optional<Job> job(String namespace, String name) {
    return jobs.get(new ResourceID(name, namespace));
  }

  /** The clone or drop Jobs of a BranchDeployment ({@code operation}), by owner. */
  public List<Job> jobsOf(BranchDeployment deployment, String namespace, String operation) {
    String uid = deployment.getMetadata().getUid();
    return jobs.list(namespace, job -> operation.equals(job.getMetadata().getLabels().get(BranchLabels.DATABASE_OP))
        && job.getMetadata().getOwnerReferences() != null
        && job.getMetadata().getOwnerReferences().stream().anyMatch(owner -> uid.equals(owner.getUid()))).toList();
  }

  public void created(Job job) {
    jobs.handleRecentResourceCreate(ResourceID.fromResource(job), job);
  }

  /**
   * Pods labelled {@code job-name=<job>} in {@code namespace}: the Job's own, and any other pod
   * that claims to be (anyone who may create pods there can label one so). Which is the Job's is
   * for {@link dev.eider.operator.asset.run.JobPods} to say.
   */
  public List<Pod> podsLabelled(String namespace, String job) {
    return pods.byIndex(POD_BY_JOB_INDEX, namespace + "/" + job);
  }
}
