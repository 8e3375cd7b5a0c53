package dev.eider.operator.branch.environment;

import dev.eider.operator.workerjob.PodSecurityLabels;
import dev.eider.operator.api.branch.AccessSpec;
import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.api.branch.BranchDeploymentSpec;
import dev.eider.operator.workerjob.NamespaceProfile;
import dev.eider.operator.branch.BranchLabels;
import dev.eider.operator.branch.BranchNames;
import dev.eider.operator.branch.database.StagingDatabase;
import dev.eider.operator.platform.EiderConfig;
import dev.eider.operator.platform.Labels;
import dev.eider.operator.workerjob.WorkerSecrets;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything a branch namespace holds that is a pure function of the BranchDeployment, the
 * operator's configuration and the base namespace's Secrets: the Namespace (with the annotations
 * that point its assets at the staging database and the branch's object prefix), the worker
 * ServiceAccount, the ResourceQuota and LimitRange, the RoleBinding for {@code access}, and copies
 * of the branch credential Secrets and the allow-listed ones that opted in (labelled
 * {@code eider.dev/branch-copy: "true"}). The dependents of the branch workflow only hand these out.
 *
 * @param skippedSecrets allow-listed Secrets that are not copied, each with the reason
 */
public record BranchEnvironment(Namespace namespace, ServiceAccount serviceAccount, Optional<ResourceQuota> quota,
                                Optional<LimitRange> limits, Optional<RoleBinding> access, Map<String, Secret> secrets,
                                List<String> skippedSecrets) {

  public static final String QUOTA_NAME = "eider-branch-quota";
  public static final String LIMITS_NAME = "eider-branch-limits";
  public static final String ACCESS_NAME = "eider-branch-access";
  public static final String DEFAULT_SERVICE_ACCOUNT = "eider-worker";
  static final String SERVICE_ACCOUNT_TOKEN = "kubernetes.io/service-account-token";
  static final String COPY_OPT_IN = BranchLabels.COPY_SECRET + "=" + BranchLabels.OPT_IN;

  /**
   * What the configuration contributes.
   *
   * @param serviceAccount name of the worker ServiceAccount in the branch namespace
   * @param productionPrefix object prefix of production (branches write under {@code <prefix>/branches/})
   * @param quota {@code spec.hard} of the ResourceQuota, empty for none
   * @param defaultRequest container requests of the LimitRange, empty (with defaultLimit) for no LimitRange
   * @param defaultLimit container limits of the LimitRange
   * @param podSecurityLabels the namespace's Pod Security admission labels, empty for none
   * @param credentialSecrets the branch credential Secrets every branch copies from its base besides {@code spec.secrets}
   */
  public record Settings(String serviceAccount, String productionPrefix, Map<String, String> quota,
                         Map<String, String> defaultRequest, Map<String, String> defaultLimit,
                         Map<String, String> podSecurityLabels, List<String> credentialSecrets) {

    public static Settings from(EiderConfig config) {
      EiderConfig.Branch branch = config.branch();
      Map<String, String> quota = new TreeMap<>();
      if (branch.quota().enabled()) {
        quota.put("requests.cpu", branch.quota().requestsCpu());
        quota.put("requests.memory", branch.quota().requestsMemory());
        quota.put("limits.cpu", branch.quota().limitsCpu());
        quota.put("limits.memory", branch.quota().limitsMemory());
        quota.put("pods", branch.quota().pods());
        quota.putAll(branch.quota().extra());
      }
      Map<String, String> request = new TreeMap<>();
      Map<String, String> limit = new TreeMap<>();
      if (branch.limits().enabled()) {
        request.put("cpu", branch.limits().defaultRequestCpu());
        request.put("memory", branch.limits().defaultRequestMemory());
        limit.put("cpu", branch.limits().defaultLimitCpu());
        limit.put("memory", branch.limits().defaultLimitMemory());
      }
      return new Settings(config.worker().serviceAccount().orElse(DEFAULT_SERVICE_ACCOUNT), config.storage().prefix(), quota, request, limit,
          PodSecurityLabels.of(branch.podSecurity()), WorkerSecrets.of(config).branchCredentials());
    }
  }

  /**
   * @param rawPrefix where the base namespace's raw objects are, which the branch's transforms read:
   *     production's prefix for a production base, the base's own isolated prefix otherwise
   */
  public static BranchEnvironment of(BranchDeployment deployment, BranchNames names, StagingDatabase.Target database,
                                     Settings settings, String rawPrefix, Function<String, Optional<Secret>> baseSecrets) {
    String namespace = names.namespace();
    String name = deployment.getMetadata().getName();
    Map<String, Secret> secrets = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    BranchDeploymentSpec spec = deployment.getSpec();
    Set<String> wanted = new LinkedHashSet<>(settings.credentialSecrets());
    wanted.addAll(spec.getSecrets() == null ? List.of() : spec.getSecrets());
    for (String secretName : wanted) {
      Optional<Secret> source = baseSecrets.apply(secretName);
      // The informer sees only opted-in Secrets: a Secret without the label looks missing, so say both.
      if (source.isEmpty()) {
        skipped.add(secretName + " (no Secret of that name labelled " + COPY_OPT_IN + " in " + spec.getBaseNamespace() + ")");
      } else if (!optedIn(source.get())) {
        skipped.add(secretName + " (not labelled " + COPY_OPT_IN + ": never copied)");
      } else if (SERVICE_ACCOUNT_TOKEN.equals(source.get().getType())) {
        skipped.add(secretName + " (a service account token: never copied)");
      } else {
        secrets.put(secretName, copy(source.get(), namespace, name));
      }
    }
    return new BranchEnvironment(namespaceOf(deployment, names, database, settings, rawPrefix),
        new ServiceAccountBuilder().withMetadata(meta(settings.serviceAccount(), namespace, name, "worker-service-account"))
            .withAutomountServiceAccountToken(false).build(),
        quota(settings, namespace, name), limits(settings, namespace, name), access(spec.getAccess(), namespace, name),
        secrets, skipped);
  }

  private static boolean optedIn(Secret secret) {
    Map<String, String> labels = secret.getMetadata().getLabels();
    return labels != null && BranchLabels.OPT_IN.equals(labels.get(BranchLabels.COPY_SECRET));
  }

  static Namespace namespaceOf(BranchDeployment deployment, BranchNames names, StagingDatabase.Target database, Settings settings,
                               String rawPrefix) {
    BranchDeploymentSpec spec = deployment.getSpec();
    ObjectMeta meta = meta(names.namespace(), null, deployment.getMetadata().getName(), "namespace");
    meta.getLabels().putAll(settings.podSecurityLabels());
    meta.getLabels().put(BranchLabels.BRANCH, names.key());
    if (spec.getCommit() != null) {
      meta.getLabels().put(BranchLabels.COMMIT, spec.getCommit());
    }
    Map<String, String> annotations = meta.getAnnotations();
    annotations.put(BranchLabels.BRANCH_NAME_ANNOTATION, names.branch());
    if (spec.getPullRequest() != null) {
      if (spec.getPullRequest().getNumber() != null) {
        meta.getLabels().put(BranchLabels.PULL_REQUEST, spec.getPullRequest().getNumber().toString());
      }
      if (spec.getPullRequest().getUrl() != null) {
        annotations.put(BranchLabels.PULL_REQUEST_URL_ANNOTATION, spec.getPullRequest().getUrl());
      }
    }
    // What the Asset reconciler reads (NamespaceProfile): every asset here, copied or synced by
    // GitOps, writes the staging database and the branch's prefix, reads raw data from its base's.
    annotations.put(NamespaceProfile.WAREHOUSE, database.staging().display());
    annotations.put(NamespaceProfile.OBJECT_PREFIX, names.objectPrefix(settings.productionPrefix()));
    annotations.put(NamespaceProfile.RAW_PREFIX, rawPrefix);
    annotations.put(NamespaceProfile.BASE_NAMESPACE, spec.getBaseNamespace());
    annotations.put(NamespaceProfile.PROTECTED_DATABASES, database.protectedList());
    if (spec.getOverrides() != null && spec.getOverrides().getPartitions() != null
        && spec.getOverrides().getPartitions().getLimit() != null) {
      annotations.put(NamespaceProfile.PARTITION_LIMIT, spec.getOverrides().getPartitions().getLimit().toString());
    }
    return new NamespaceBuilder().withMetadata(meta).build();
  }

  private static Secret copy(Secret source, String namespace, String deployment) {
    ObjectMeta meta = meta(source.getMetadata().getName(), namespace, deployment, "secret-copy");
    meta.getAnnotations().put(BranchLabels.COPIED_FROM_ANNOTATION, source.getMetadata().getNamespace() + "/" + source.getMetadata().getName());
    return new SecretBuilder().withMetadata(meta).withType(source.getType())
        .withData(source.getData() == null ? Map.of() : new TreeMap<>(source.getData())).build();
  }

  private static Optional<ResourceQuota> quota(Settings settings, String namespace, String deployment) {
    if (settings.quota().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ResourceQuotaBuilder().withMetadata(meta(QUOTA_NAME, namespace, deployment, "quota"))
        .withNewSpec().withHard(quantities(settings.quota())).endSpec().build());
  }

  private static Optional<LimitRange> limits(Settings settings, String namespace, String deployment) {
    if (settings.defaultRequest().isEmpty() && settings.defaultLimit().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new LimitRangeBuilder().withMetadata(meta(LIMITS_NAME, namespace, deployment, "limit-range"))
        .withNewSpec().addNewLimit().withType("Container")
          .withDefaultRequest(quantities(settings.defaultRequest()))
          .withDefault(quantities(settings.defaultLimit()))
        .endLimit().endSpec().build());
  }

  private static Optional<RoleBinding> access(AccessSpec access, String namespace, String deployment) {
    if (access == null) {
      return Optional.empty();
    }
    List<Subject> subjects = new ArrayList<>();
    for (String group : new LinkedHashSet<>(access.getGroups() == null ? List.<String>of() : access.getGroups())) {
      subjects.add(new SubjectBuilder().withKind("Group").withApiGroup("rbac.authorization.k8s.io").withName(group).build());
    }
    for (String user : new LinkedHashSet<>(access.getUsers() == null ? List.<String>of() : access.getUsers())) {
      subjects.add(new SubjectBuilder().withKind("User").withApiGroup("rbac.authorization.k8s.io").withName(user).build());
    }
    if (subjects.isEmpty()) {
      return Optional.empty();
    }
    String role = access.getRole() == null ? "edit" : access.getRole();
    return Optional.of(new RoleBindingBuilder().withMetadata(meta(ACCESS_NAME, namespace, deployment, "access"))
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(role).endRoleRef()
        .withSubjects(subjects).build());
  }

  private static Map<String, Quantity> quantities(Map<String, String> values) {
    Map<String, Quantity> quantities = new TreeMap<>();
    values.forEach((resource, amount) -> quantities.put(resource, new Quantity(amount)));
    return quantities;
  }

  /** Metadata of everything a branch creates: the operator's labels and the BranchDeployment's full name. */
  static ObjectMeta meta(String name, String namespace, String deployment, String component) {
    String deploymentLabel = BranchLabels.labelValue(deployment);
    Map<String, String> labels = new LinkedHashMap<>(Labels.recommended(Labels.NAME_BRANCH, deploymentLabel, component));
    labels.put(BranchLabels.BRANCH_DEPLOYMENT, deploymentLabel);
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(BranchLabels.DEPLOYMENT_NAME_ANNOTATION, deployment);
    return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels).withAnnotations(annotations).build();
  }

  /**
   * An object of the given name in the branch namespace, for dependents that are not wanted: JOSDK
   * computes the desired object of a dependent whose precondition fails to know which one to delete.
   */
  <T extends io.fabric8.kubernetes.api.model.HasMetadata> T placeholder(T empty, String name) {
    empty.setMetadata(meta(name, namespace.getMetadata().getName(),
        namespace.getMetadata().getAnnotations().get(BranchLabels.DEPLOYMENT_NAME_ANNOTATION), "placeholder"));
    return empty;
  }

  /** The key under which a reconcile hands the environment to the workflow's dependents. */
  public static final Class<BranchEnvironment> CONTEXT_KEY = BranchEnvironment.class;
}
