package dev.eider.operator.branch.environment;

import dev.eider.operator.workerjob.PodSecurityLabels;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.workerjob.NamespaceProfile;
import dev.eider.operator.branch.BranchFixtures;
import dev.eider.operator.branch.BranchLabels;
import dev.eider.operator.branch.BranchNames;
import dev.eider.operator.platform.TestEiderConfig;
import dev.eider.operator.branch.database.StagingDatabase;
import dev.eider.operator.platform.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The branch namespace and what it holds, as a pure function of the BranchDeployment, the configuration and the base's Secrets. */
class BranchEnvironmentTest {

  final BranchDeployment deployment = BranchFixtures.sample();
  final BranchNames names = BranchNames.of("feature/top-links");
  final StagingDatabase.Target database = (StagingDatabase.Target) StagingDatabase.decide("/data/bluesky.duckdb", List.of("archive"), names);
  final BranchEnvironment.Settings settings = new BranchEnvironment.Settings("eider-worker", "raw",
      Map.of("requests.cpu", "4", "pods", "50"), Map.of("cpu", "100m"), Map.of("memory", "1Gi"),
      PodSecurityLabels.of(Optional.of("restricted")), List.of("eider-branch-storage"));
  final Map<String, Secret> base = Map.of(
      "eider-branch-storage", secret("eider-branch-storage", "Opaque", Map.of("AWS_ACCESS_KEY_ID", "YnJhbmNo")),
      "bluesky-credentials", secret("bluesky-credentials", "Opaque", Map.of("BLUESKY_APP_PASSWORD", "c2VjcmV0")),
      "not-allowed", secret("not-allowed", "Opaque", Map.of("K", "dg==")),
      "r2-readonly", unlabelled(secret("r2-readonly", "Opaque", Map.of("R2_KEY", "cjI="))));

  @Test
  void theNamespacePointsAssetsAtTheStagingDatabaseAndTheBranchPrefix() {
    BranchEnvironment environment = environment();
    var namespace = environment.namespace();
    assertThat(namespace.getMetadata().getName()).isEqualTo(names.namespace());
    assertThat(namespace.getMetadata().getLabels())
        .containsEntry(BranchLabels.BRANCH_DEPLOYMENT, "feature-top-links")
        .containsEntry(BranchLabels.BRANCH, names.key())
        .containsEntry(BranchLabels.COMMIT, "3f9c2ab")
        .containsEntry(BranchLabels.PULL_REQUEST, "42")
        .containsEntry(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
        .containsEntry("app.kubernetes.io/name", "eider-branch")
        .containsEntry("app.kubernetes.io/instance", "feature-top-links")
        .containsEntry("app.kubernetes.io/component", "namespace")
        .containsEntry("app.kubernetes.io/part-of", "eider");
    assertThat(namespace.getMetadata().getAnnotations())
        .containsEntry(BranchLabels.BRANCH_NAME_ANNOTATION, "feature/top-links")
        .containsEntry(BranchLabels.PULL_REQUEST_URL_ANNOTATION, "https://github.com/acme/data/pull/42")
        .containsEntry(NamespaceProfile.WAREHOUSE, "/data/bluesky_br_feature_top_links_" + names.hash() + ".duckdb")
        .containsEntry(NamespaceProfile.OBJECT_PREFIX, "raw/branches/" + names.key())
        .containsEntry(NamespaceProfile.RAW_PREFIX, "raw")
        .containsEntry(NamespaceProfile.PARTITION_LIMIT, "5")
        .containsEntry(NamespaceProfile.PROTECTED_DATABASES, "/data/bluesky.duckdb,/data/archive.duckdb");
    // The Asset reconciler reads exactly these.
    NamespaceProfile profile = NamespaceProfile.fromAnnotations(namespace.getMetadata().getAnnotations());
    assertThat(profile.warehouse()).contains(database.staging().display());
    assertThat(profile.partitionLimit()).hasValue(5);
  }

  @Test
  void theNamespaceEnforcesWarnsAndAuditsThePodSecurityLevel() {
    assertThat(environment().namespace().getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
        .containsEntry("pod-security.kubernetes.io/enforce-version", "latest")
        .containsEntry("pod-security.kubernetes.io/warn", "restricted")
        .containsEntry("pod-security.kubernetes.io/warn-version", "latest")
        .containsEntry("pod-security.kubernetes.io/audit", "restricted")
        .containsEntry("pod-security.kubernetes.io/audit-version", "latest");

    BranchEnvironment unlabelled = BranchEnvironment.of(deployment, names, database,
        new BranchEnvironment.Settings("eider-worker", "raw", Map.of(), Map.of(), Map.of(), Map.of(), List.of()), "raw", name -> Optional.empty());
    assertThat(unlabelled.namespace().getMetadata().getLabels().keySet()).noneMatch(key -> key.startsWith("pod-security.kubernetes.io/"));
  }

  @Test
  void onlyAllowListedSecretsThatOptedInAreCopiedAndTheOthersAreNamed() {
    BranchEnvironment environment = environment();
    // The branch credentials come first, listed or not: every branch's runs need them.
    assertThat(environment.secrets()).containsOnlyKeys("eider-branch-storage", "bluesky-credentials");
    Secret copy = environment.secrets().get("bluesky-credentials");
    assertThat(copy.getMetadata().getNamespace()).isEqualTo(names.namespace());
    assertThat(copy.getData()).containsEntry("BLUESKY_APP_PASSWORD", "c2VjcmV0");
    assertThat(copy.getType()).isEqualTo("Opaque");
    assertThat(copy.getMetadata().getAnnotations()).containsEntry(BranchLabels.COPIED_FROM_ANNOTATION, "bluesky/bluesky-credentials");
    assertThat(copy.getMetadata().getLabels()).containsEntry(BranchLabels.BRANCH_DEPLOYMENT, "feature-top-links")
        .containsEntry("app.kubernetes.io/name", "eider-branch").containsEntry("app.kubernetes.io/instance", "feature-top-links")
        .containsEntry("app.kubernetes.io/component", "secret-copy").containsEntry("app.kubernetes.io/part-of", "eider")
        .containsEntry(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
    assertThat(copy.getMetadata().getLabels()).as("a copy is no source for another branch").doesNotContainKey(BranchLabels.COPY_SECRET);
    assertThat(environment.skippedSecrets()).containsExactly("r2-readonly (not labelled eider.dev/branch-copy=true: never copied)");
  }

  @Test
  void aListedSecretTheInformerDoesNotSeeIsNamedWithTheLabelItLacks() {
    // The operator watches only opted-in Secrets: an unlabelled one is indistinguishable from a missing one.
    BranchEnvironment environment = BranchEnvironment.of(deployment, names, database, settings, "raw",
        name -> name.equals("bluesky-credentials") ? Optional.of(base.get(name)) : Optional.empty());
    assertThat(environment.secrets()).containsOnlyKeys("bluesky-credentials");
    assertThat(environment.skippedSecrets()).containsExactly(
        "eider-branch-storage (no Secret of that name labelled eider.dev/branch-copy=true in bluesky)",
        "r2-readonly (no Secret of that name labelled eider.dev/branch-copy=true in bluesky)");
  }

  @Test
  void serviceAccountTokensAreNeverCopied() {
    BranchDeployment withToken = BranchFixtures.of(BranchFixtures.SAMPLE.replace("secrets: [bluesky-credentials, r2-readonly, bluesky-credentials]",
        "secrets: [default-token-x]"));
    BranchEnvironment environment = BranchEnvironment.of(withToken, names, database, settings, "raw",
        name -> name.equals("eider-branch-storage") ? Optional.of(base.get(name))
            : Optional.of(secret(name, "kubernetes.io/service-account-token", Map.of("token", "eA=="))));
    assertThat(environment.secrets()).containsOnlyKeys("eider-branch-storage");
    assertThat(environment.skippedSecrets()).containsExactly("default-token-x (a service account token: never copied)");
  }

  @Test
  void everyObjectOfTheBranchCarriesTheRecommendedLabels() {
    BranchEnvironment environment = environment();
    List<HasMetadata> objects = new ArrayList<>(List.of(environment.namespace(), environment.serviceAccount(),
        environment.quota().orElseThrow(), environment.limits().orElseThrow(), environment.access().orElseThrow()));
    objects.addAll(environment.secrets().values());
    for (HasMetadata object : objects) {
      assertThat(object.getMetadata().getLabels()).as("%s %s", object.getKind(), object.getMetadata().getName())
          .containsEntry("app.kubernetes.io/name", "eider-branch")
          .containsEntry("app.kubernetes.io/instance", "feature-top-links")
          .containsEntry("app.kubernetes.io/part-of", "eider")
          .containsEntry("app.kubernetes.io/managed-by", "eider-operator")
          .containsKey("app.kubernetes.io/component");
    }
    assertThat(objects).extracting(object -> object.getMetadata().getLabels().get("app.kubernetes.io/component"))
        .containsExactly("namespace", "worker-service-account", "quota", "limit-range", "access", "secret-copy", "secret-copy");
  }

  @Test
  void theWorkerServiceAccountHasNoToken() {
    assertThat(environment().serviceAccount().getMetadata().getName()).isEqualTo("eider-worker");
    assertThat(environment().serviceAccount().getAutomountServiceAccountToken()).isFalse();
    assertThat(environment().serviceAccount().getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "worker-service-account")
        .containsEntry("app.kubernetes.io/name", "eider-branch").containsEntry(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
  }

  @Test
  void quotaAndLimitsComeFromTheConfiguration() {
    BranchEnvironment environment = environment();
    assertThat(environment.quota().orElseThrow().getSpec().getHard())
        .containsEntry("requests.cpu", new Quantity("4")).containsEntry("pods", new Quantity("50"));
    var limit = environment.limits().orElseThrow().getSpec().getLimits().get(0);
    assertThat(limit.getType()).isEqualTo("Container");
    assertThat(limit.getDefaultRequest()).containsEntry("cpu", new Quantity("100m"));
    assertThat(limit.getDefault()).containsEntry("memory", new Quantity("1Gi"));

    BranchEnvironment none = BranchEnvironment.of(deployment, names, database,
        new BranchEnvironment.Settings("eider-worker", "raw", Map.of(), Map.of(), Map.of(), Map.of(), List.of()), "raw", name -> Optional.empty());
    assertThat(none.quota()).isEmpty();
    assertThat(none.limits()).isEmpty();
  }

  @Test
  void accessGroupsAndUsersAreBoundToEditByDefault() {
    var binding = environment().access().orElseThrow();
    assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(binding.getRoleRef().getName()).isEqualTo("edit");
    assertThat(binding.getSubjects()).extracting(Subject::getKind, Subject::getName).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Group", "data-team"), org.assertj.core.groups.Tuple.tuple("User", "alice@example.com"));

    BranchDeployment noAccess = BranchFixtures.of(BranchFixtures.SAMPLE.replace("access: {groups: [data-team], users: [alice@example.com]}",
        "access: {groups: []}"));
    assertThat(BranchEnvironment.of(noAccess, names, database, settings, "raw", name -> Optional.empty()).access()).isEmpty();
  }

  @Test
  void theDefaultConfigurationGivesAQuotaAndContainerDefaults() {
    BranchEnvironment.Settings defaults = BranchEnvironment.Settings.from(TestEiderConfig.with(Map.of(
        "eider.branch.quota.extra.\"count/jobs.batch\"", "200")));
    assertThat(defaults.quota()).containsEntry("requests.cpu", "4").containsEntry("limits.memory", "16Gi")
        .containsEntry("pods", "50").containsEntry("count/jobs.batch", "200");
    assertThat(defaults.defaultRequest()).containsEntry("cpu", "100m").containsEntry("memory", "256Mi");
    assertThat(defaults.defaultLimit()).containsEntry("cpu", "1").containsEntry("memory", "1Gi");
    assertThat(defaults.serviceAccount()).isEqualTo("eider-worker");
    assertThat(defaults.productionPrefix()).isEqualTo("raw");

    BranchEnvironment.Settings off = BranchEnvironment.Settings.from(TestEiderConfig.with(Map.of(
        "eider.branch.quota.enabled", "false", "eider.branch.limits.enabled", "false")));
    assertThat(off.quota()).isEmpty();
    assertThat(off.defaultRequest()).isEmpty();
  }

  @Test
  void anUnwantedDependentIsNamedSoItCanBeDeleted() {
    var placeholder = environment().placeholder(new io.fabric8.kubernetes.api.model.rbac.RoleBinding(), BranchEnvironment.ACCESS_NAME);
    assertThat(placeholder.getMetadata().getName()).isEqualTo("eider-branch-access");
    assertThat(placeholder.getMetadata().getNamespace()).isEqualTo(names.namespace());
    assertThat(placeholder.getMetadata().getLabels()).containsEntry(BranchLabels.BRANCH_DEPLOYMENT, "feature-top-links");
  }

  private BranchEnvironment environment() {
    return BranchEnvironment.of(deployment, names, database, settings, "raw", name -> Optional.ofNullable(base.get(name)));
  }

  /** A base Secret that opted in to being copied, as every Secret a branch copies must. */
  private static Secret secret(String name, String type, Map<String, String> data) {
    return new SecretBuilder().withNewMetadata().withName(name).withNamespace("bluesky").withResourceVersion("9")
        .addToLabels(BranchLabels.COPY_SECRET, "true").endMetadata()
        .withType(type).withData(data).build();
  }

  private static Secret unlabelled(Secret secret) {
    secret.getMetadata().getLabels().remove(BranchLabels.COPY_SECRET);
    return secret;
  }
}
