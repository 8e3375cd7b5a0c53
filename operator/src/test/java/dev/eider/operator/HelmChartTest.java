package dev.eider.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.eider.operator.platform.EiderConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The Helm chart in {@code helm/eider}, checked with Helm itself (helm-java's native Helm library:
 * lint and template, offline) and read back as Kubernetes objects: the configuration it renders is
 * loaded into the operator's real {@link EiderConfig} mapping, its RBAC is exactly what the
 * operator does against the API, and its CRDs are the generated ones.
 */
class HelmChartTest {

  static final String RELEASE = "eider";
  static final String NAMESPACE = "eider-system";
  static final String CONFIG_FILE = "/etc/eider/eider.properties";
  /** A Kubernetes version to render for where the oldest one (1.20) would change the output. */
  static final String CURRENT_KUBERNETES = "v1.30.0";
  static final List<String> CRD_FILES = List.of("assets.eider.dev-v1.yml", "branchdeployments.eider.dev-v1.yml");

  @TempDir Path temp;

  @Test
  void chartPassesHelmLint() {
    LintResult result = new Helm(chartDir()).lint().strict().call();
    assertThat(result.getMessages()).noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
    assertThat(result.isFailed()).as("helm lint: %s", result.getMessages()).isFalse();
  }

  @Test
  void defaultValuesRenderTheOperatorAndItsRbac() {
    Rendered chart = render(Map.of());
    assertThat(chart.objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()))
        .containsExactlyInAnyOrder("ServiceAccount/eider", "ConfigMap/eider-config", "ClusterRole/eider-assets",
            "ClusterRoleBinding/eider-assets", "ClusterRole/eider-branches", "ClusterRoleBinding/eider-branches",
            "Role/eider-leader-election", "RoleBinding/eider-leader-election", "Role/eider-branch-jobs",
            "RoleBinding/eider-branch-jobs", "ClusterRole/eider-view", "ClusterRole/eider-edit",
            "Service/eider-metrics", "Deployment/eider", "PodDisruptionBudget/eider");
    chart.objects.stream().filter(o -> !o.getKind().startsWith("Cluster"))
        .forEach(o -> assertThat(o.getMetadata().getNamespace()).as(o.getKind()).isEqualTo(NAMESPACE));
  }

  @Test
  void deploymentRunsTwoReplicasWithLeaderElectionAndTheMountedConfig() {
    Rendered chart = render(Map.of());
    Deployment deployment = chart.one(Deployment.class);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo(chart.one(ServiceAccount.class).getMetadata().getName());
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    Container operator = pod.getContainers().get(0);
    assertThat(operator.getImage()).isEqualTo("ghcr.io/eider/operator:0.1.0");
    assertThat(operator.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(operator.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");

    Map<String, EnvVar> env = operator.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    assertThat(env.get("POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
    assertThat(env.get("POD_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
    assertThat(env.get("EIDER_LEADER_ELECTION_LEASE_NAMESPACE").getValue()).isEqualTo("$(POD_NAMESPACE)");
    assertThat(env.get("EIDER_LEADER_ELECTION_IDENTITY").getValue()).isEqualTo("$(POD_NAME)");
    assertThat(env.get("QUARKUS_CONFIG_LOCATIONS").getValue()).isEqualTo(CONFIG_FILE);
    // Kubernetes expands $(VAR) only from variables defined before it in the list.
    List<String> names = operator.getEnv().stream().map(EnvVar::getName).toList();
    assertThat(names.indexOf("POD_NAMESPACE")).isLessThan(names.indexOf("EIDER_LEADER_ELECTION_LEASE_NAMESPACE"));
    assertThat(names.indexOf("POD_NAME")).isLessThan(names.indexOf("EIDER_LEADER_ELECTION_IDENTITY"));

    // The properties file named by QUARKUS_CONFIG_LOCATIONS is the ConfigMap's key, mounted.
    ConfigMap configMap = chart.one(ConfigMap.class);
    Volume config = pod.getVolumes().stream().filter(v -> v.getConfigMap() != null).findFirst().orElseThrow();
    assertThat(config.getConfigMap().getName()).isEqualTo(configMap.getMetadata().getName());
    String mountPath = operator.getVolumeMounts().stream().filter(m -> m.getName().equals(config.getName())).findFirst()
        .orElseThrow().getMountPath();
    assertThat(mountPath + "/" + configMap.getData().keySet().iterator().next()).isEqualTo(CONFIG_FILE);
    assertThat(operator.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/tmp"));

    assertThat(operator.getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getName()).isEqualTo("http");
      assertThat(port.getContainerPort()).isEqualTo(8080);
    });
    assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
    assertThat(operator.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(operator.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .isEqualTo(filterKeys(deployment.getSpec().getTemplate().getMetadata().getLabels(), deployment.getSpec().getSelector().getMatchLabels().keySet()));
  }

  @Test
  void twoReplicasGetADisruptionBudgetAndPreferDifferentNodes() {
    Rendered chart = render(CURRENT_KUBERNETES, Map.of());
    Deployment deployment = chart.one(Deployment.class);
    PodDisruptionBudget budget = chart.one(PodDisruptionBudget.class);
    assertThat(budget.getApiVersion()).isEqualTo("policy/v1");
    assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(budget.getSpec().getMaxUnavailable()).isNull();
    assertThat(budget.getSpec().getSelector().getMatchLabels()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());

    var antiAffinity = deployment.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity();
    assertThat(antiAffinity.getRequiredDuringSchedulingIgnoredDuringExecution()).isEmpty();
    assertThat(antiAffinity.getPreferredDuringSchedulingIgnoredDuringExecution()).singleElement().satisfies(term -> {
      assertThat(term.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
      assertThat(term.getPodAffinityTerm().getLabelSelector().getMatchLabels())
          .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    });
  }

  @Test
  void oneReplicaGetsNeitherBudgetNorSpread() {
    // minAvailable 1 of 1 would block every node drain.
    Rendered chart = render(Map.of("replicas", "1"));
    assertThat(chart.all(PodDisruptionBudget.class)).isEmpty();
    assertThat(chart.objects).noneMatch(o -> o.getKind().equals("PodDisruptionBudget"));
    assertThat(chart.one(Deployment.class).getSpec().getTemplate().getSpec().getAffinity()).isNull();
  }

  @Test
  void theBudgetAndTheSpreadAreTheUsersToChange() throws IOException {
    assertThat(render(Map.of("podDisruptionBudget.enabled", "false")).objects).noneMatch(o -> o.getKind().equals("PodDisruptionBudget"));
    PodDisruptionBudget percent = render(CURRENT_KUBERNETES, Map.of("podDisruptionBudget.maxUnavailable", "50%")).one(PodDisruptionBudget.class);
    assertThat(percent.getSpec().getMaxUnavailable().getStrVal()).isEqualTo("50%");
    assertThat(percent.getSpec().getMinAvailable()).isNull();

    var hard = render(Map.of("podAntiAffinityPreset", "hard")).one(Deployment.class).getSpec().getTemplate().getSpec()
        .getAffinity().getPodAntiAffinity();
    assertThat(hard.getPreferredDuringSchedulingIgnoredDuringExecution()).isEmpty();
    assertThat(hard.getRequiredDuringSchedulingIgnoredDuringExecution()).singleElement()
        .satisfies(term -> assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
    assertThat(render(Map.of("podAntiAffinityPreset", "")).one(Deployment.class).getSpec().getTemplate().getSpec().getAffinity()).isNull();
    assertThatThrownBy(() -> render(Map.of("podAntiAffinityPreset", "always"))).hasMessageContaining("/podAntiAffinityPreset");

    // An affinity of the user's replaces the preset whole; spread constraints go as written.
    Path values = temp.resolve("scheduling.yaml");
    Files.writeString(values, """
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
                - matchExpressions: [{key: node-role.example/platform, operator: Exists}]
        topologySpreadConstraints:
          - maxSkew: 1
            topologyKey: topology.kubernetes.io/zone
            whenUnsatisfiable: ScheduleAnyway
            labelSelector: {matchLabels: {app.kubernetes.io/name: eider}}
        """);
    var pod = render(Map.of(), values).one(Deployment.class).getSpec().getTemplate().getSpec();
    assertThat(pod.getAffinity().getPodAntiAffinity()).isNull();
    assertThat(pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms())
        .singleElement().satisfies(term -> assertThat(term.getMatchExpressions()).singleElement().satisfies(expression -> {
          assertThat(expression.getKey()).isEqualTo("node-role.example/platform");
          assertThat(expression.getOperator()).isEqualTo("Exists");
        }));
    assertThat(pod.getTopologySpreadConstraints()).singleElement()
        .satisfies(constraint -> assertThat(constraint.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone"));
  }

  @Test
  void onKubernetes120TheBudgetIsPolicyV1beta1() {
    // policy/v1 is served from 1.21; the chart supports 1.20 (the project's test cluster). Offline,
    // helm-java's Helm assumes 1.20 (Helm's built-in default without release build flags).
    assertThat(render(Map.of()).objects).filteredOn(o -> o.getKind().equals("PodDisruptionBudget")).singleElement()
        .satisfies(o -> assertThat(o.getApiVersion()).isEqualTo("policy/v1beta1"));
    Rendered old = render("v1.20.2", Map.of());
    assertThat(old.objects).filteredOn(o -> o.getKind().equals("PodDisruptionBudget")).singleElement()
        .satisfies(o -> assertThat(o.getApiVersion()).isEqualTo("policy/v1beta1"));
    assertThat(render("v1.21.0", Map.of()).one(PodDisruptionBudget.class).getApiVersion()).isEqualTo("policy/v1");
    // Below the chart's kubeVersion, Helm refuses to render at all.
    assertThatThrownBy(() -> render("v1.19.16", Map.of())).hasMessageContaining("kubeVersion");
  }

  @Test
  void defaultConfigurationIsTheOperatorsOwnDefaults() {
    Rendered chart = render(Map.of());
    Map<String, String> properties = chart.properties();
    assertThat(properties).contains(entry("eider.pools.ingestion", "1"), entry("eider.worker.image", "ghcr.io/eider/worker:0.1.0"),
        entry("eider.storage.bucket", "eider"), entry("eider.storage.credentials-secret", "eider-storage"),
        entry("eider.leader-election.enabled", "true"), entry("eider.leader-election.lease-name", "eider"));
    assertThat(properties).doesNotContainKey("quarkus.operator-sdk.controllers.asset.namespaces");

    // values.yaml repeats the operator's @WithDefault values so that they are visible: they must not drift.
    EiderConfig fromChart = operatorConfig(properties);
    EiderConfig builtIn = operatorConfig(Map.of("eider.pools.ingestion", "1"));
    assertThat(leaves("", EiderConfig.class, fromChart)).isEqualTo(withLeaseName(leaves("", EiderConfig.class, builtIn), "eider"));
  }

  @Test
  void valuesReachTheOperatorsConfiguration() throws IOException {
    Path values = temp.resolve("values.yaml");
    Files.writeString(values, """
        worker:
          image: registry.example/acme/worker:3f9c2ab
          serviceAccount: eider-worker
          timeout: 45m
          envSecret: bluesky-credentials
          imagePullPolicy: Always
          tmpSizeLimit: 5Gi
          resources:
            requests: {cpu: 500m, memory: 1Gi}
            limits: {cpu: "2", memory: 4Gi}
          podSecurityContext: {runAsUser: 2000, runAsGroup: 3000, fsGroup: 4000}
          env:
            BLUESKY_APPVIEW_URL: http://appview.local:8080
            ODD_VALUE: 'a,b ${NOT_EXPANDED} c:\\d=e #f'
            dotted.name: x
        production:
          namespaces: [bluesky, "team-a"]
        storage:
          endpoint: https://acct.r2.cloudflarestorage.com
          bucket: lake
          prefix: prod/raw
          credentialsSecret: r2-credentials
        warehouse:
          connection: md:bluesky
          credentialsSecret: motherduck
        pools:
          heavy: 2
          bulk: 1000000
        runs:
          jobTtlSeconds: 3600
          maxAttempts: 5
          backoffMax: 15m
        leaderElection:
          leaseName: my-lease
          leaseDuration: 30s
        """);
    Rendered chart = render(Map.of(), values);
    EiderConfig config = operatorConfig(chart.properties());
    assertThat(config.worker().image()).isEqualTo("registry.example/acme/worker:3f9c2ab");
    assertThat(config.worker().serviceAccount()).contains("eider-worker");
    assertThat(config.worker().timeout()).isEqualTo(Duration.ofMinutes(45));
    assertThat(config.worker().envSecret()).contains("bluesky-credentials");
    assertThat(config.worker().imagePullPolicy()).isEqualTo("Always");
    assertThat(config.worker().tmpSizeLimit()).isEqualTo("5Gi");
    assertThat(List.of(config.worker().resources().requests().cpu(), config.worker().resources().requests().memory(),
        config.worker().resources().limits().cpu(), config.worker().resources().limits().memory()))
        .containsExactly("500m", "1Gi", "2", "4Gi");
    assertThat(List.of(config.worker().security().runAsUser(), config.worker().security().runAsGroup(), config.worker().security().fsGroup()))
        .containsExactly(2000L, 3000L, 4000L);
    assertThat(config.worker().env()).containsOnly(entry("BLUESKY_APPVIEW_URL", "http://appview.local:8080"),
        entry("ODD_VALUE", "a,b ${NOT_EXPANDED} c:\\d=e #f"), entry("dotted.name", "x"));
    assertThat(config.storage().endpoint()).contains("https://acct.r2.cloudflarestorage.com");
    assertThat(config.storage().bucket()).isEqualTo("lake");
    assertThat(config.production().namespaces()).contains(List.of("bluesky", "team-a"));
    assertThat(config.storage().prefix()).isEqualTo("prod/raw");
    assertThat(config.storage().credentialsSecret()).isEqualTo("r2-credentials");
    assertThat(config.warehouse().connection()).contains("md:bluesky");
    assertThat(config.warehouse().credentialsSecret()).contains("motherduck");
    assertThat(config.pools()).containsOnly(entry("ingestion", 1), entry("heavy", 2), entry("bulk", 1_000_000));
    assertThat(config.runs().jobTtlSeconds()).isEqualTo(3600);
    assertThat(config.runs().maxAttempts()).isEqualTo(5);
    assertThat(config.runs().backoffMax()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.leaderElection().leaseName()).isEqualTo("my-lease");
    assertThat(config.leaderElection().leaseDuration()).isEqualTo(Duration.ofSeconds(30));
    // The Role grants the Lease the operator is configured with.
    assertThat(chart.named(Role.class, "eider-leader-election").getRules())
        .anyMatch(rule -> rule.getResourceNames().equals(List.of("my-lease")));
  }

  @Test
  void byDefaultTheWarehouseIsLeftToTheOperatorAndBranchesAreRestricted() {
    Map<String, String> properties = render(Map.of()).properties();
    assertThat(properties).doesNotContainKeys("eider.warehouse.connection", "eider.warehouse.volume-claim", "eider.production.namespaces")
        .containsEntry("eider.branch.pod-security", "restricted").containsEntry("eider.worker.image-pull-policy", "IfNotPresent")
        .containsEntry("eider.worker.resources.limits.memory", "2Gi").containsEntry("eider.worker.security.run-as-user", "10001");
    EiderConfig config = operatorConfig(properties);
    assertThat(config.warehouse().connection()).isEmpty();
    assertThat(config.production().namespaces()).isEmpty();
    assertThat(config.branch().podSecurity()).contains("restricted");
  }

  @Test
  void aFilePathWarehouseComesWithItsClaim() {
    EiderConfig config = operatorConfig(render(Map.of("warehouse.connection", "/var/lib/eider/eider.duckdb",
        "warehouse.volumeClaim", "eider-warehouse")).properties());
    assertThat(config.warehouse().connection()).contains("/var/lib/eider/eider.duckdb");
    assertThat(config.warehouse().volumeClaim()).contains("eider-warehouse");
  }

  @Test
  void anEmptyBranchPodSecurityMeansNoLabelsNotTheDefault() {
    Rendered chart = render(Map.of("branch.podSecurity", ""));
    assertThat(chart.configText()).contains("\neider.branch.pod-security=\n");
    assertThat(operatorConfig(chart.properties()).branch().podSecurity()).isEmpty();
    assertThat(operatorConfig(render(Map.of("branch.podSecurity", "baseline")).properties()).branch().podSecurity()).contains("baseline");
  }

  @Test
  void extraEnvAndPullPolicyReachTheOperatorContainer() {
    Rendered chart = render(Map.of("extraEnv[0].name", "KUBERNETES_SERVICE_HOST", "extraEnv[0].value", "10.0.0.1",
        "extraEnv[1].name", "KUBERNETES_SERVICE_PORT", "extraEnv[1].value", "6443", "image.pullPolicy", "Never"));
    Container operator = chart.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(operator.getImagePullPolicy()).isEqualTo("Never");
    Map<String, String> env = new LinkedHashMap<>();
    operator.getEnv().forEach(var -> env.put(var.getName(), var.getValue()));
    assertThat(env).containsEntry("KUBERNETES_SERVICE_HOST", "10.0.0.1").containsEntry("KUBERNETES_SERVICE_PORT", "6443");
  }

  @Test
  void watchedNamespacesLimitTheAssetController() {
    Rendered chart = render(Map.of("watchNamespaces[0]", "bluesky", "watchNamespaces[1]", "team-b"));
    assertThat(chart.properties()).containsEntry("quarkus.operator-sdk.controllers.asset.namespaces", "bluesky,team-b");
    assertThat(chart.configText()).contains("\nquarkus.operator-sdk.controllers.asset.namespaces=bluesky,team-b\n");
  }

  @Test
  void branchSettingsBecomeTheOperatorsBranchConfiguration() throws IOException {
    Path values = temp.resolve("branch.yaml");
    Files.writeString(values, """
        branch:
          jobNamespace: eider-jobs
          protectedDatabases: ["md:bluesky", "md:archive"]
          cloneAttempts: 5
          jobTimeout: 45m
          quota:
            requestsCpu: "2"
            pods: "20"
            extra:
              count/jobs.batch: "200"
              requests.storage: 10Gi
          limits:
            enabled: false
        """);
    Rendered chart = render(Map.of(), values);
    assertThat(chart.properties()).contains(entry("eider.branch.job-namespace", "eider-jobs"),
        entry("eider.branch.quota.requests-cpu", "2"), entry("eider.branch.quota.extra.\"count/jobs.batch\"", "200"),
        entry("eider.branch.limits.enabled", "false"));
    EiderConfig.Branch branch = operatorConfig(chart.properties()).branch();
    assertThat(branch.jobNamespace()).contains("eider-jobs");
    assertThat(branch.protectedDatabases()).contains(List.of("md:bluesky", "md:archive"));
    assertThat(branch.cloneAttempts()).isEqualTo(5);
    assertThat(branch.jobTimeout()).isEqualTo(Duration.ofMinutes(45));
    assertThat(branch.quota().requestsCpu()).isEqualTo("2");
    assertThat(branch.quota().pods()).isEqualTo("20");
    assertThat(branch.quota().limitsMemory()).isEqualTo("16Gi");
    assertThat(branch.quota().extra()).containsOnly(entry("count/jobs.batch", "200"), entry("requests.storage", "10Gi"));
    assertThat(branch.limits().enabled()).isFalse();
  }

  @Test
  void theRolesTheOperatorMayBindAreExactlyTheRolesBranchesMayGrant() throws IOException {
    Rendered defaults = render(Map.of());
    assertThat(defaults.configText()).contains("\neider.branch.access-roles=view,edit\n");
    assertThat(operatorConfig(defaults.properties()).branch().accessRoles()).containsExactly("view", "edit");

    Path values = temp.resolve("roles.yaml");
    Files.writeString(values, """
        rbac:
          branchAccessRoles: [view, edit, admin]
        """);
    Rendered withAdmin = render(Map.of(), values);
    assertThat(operatorConfig(withAdmin.properties()).branch().accessRoles()).containsExactly("view", "edit", "admin");
    assertThat(withAdmin.named(ClusterRole.class, "eider-branches").getRules()).filteredOn(rule -> rule.getResources().contains("clusterroles"))
        .singleElement().satisfies(rule -> assertThat(rule.getResourceNames()).containsExactly("view", "edit", "admin"));
    // Without RBAC from the chart, the operator still refuses what the list leaves out.
    assertThat(operatorConfig(render(Map.of("rbac.create", "false")).properties()).branch().accessRoles()).containsExactly("view", "edit");
  }

  @Test
  void accessRolesAreSetInOnePlaceAndNeverEmpty() throws IOException {
    assertThatThrownBy(() -> render(Map.of("branch.accessRoles", "admin"))).hasMessageContaining("set rbac.branchAccessRoles");
    Path empty = temp.resolve("no-roles.yaml");
    Files.writeString(empty, """
        rbac:
          branchAccessRoles: []
        """);
    assertThatThrownBy(() -> render(Map.of(), empty)).hasMessageContaining("rbac.branchAccessRoles must name at least one ClusterRole");
  }

  @Test
  void baseNamespacesAreNoneByDefaultAndTheListedOnesOtherwise() throws IOException {
    assertThat(operatorConfig(render(Map.of()).properties()).branch().baseNamespaces().orElse(List.of())).isEmpty();
    Path values = temp.resolve("bases.yaml");
    Files.writeString(values, """
        branch:
          baseNamespaces: [bluesky, analytics]
        """);
    Rendered chart = render(Map.of(), values);
    assertThat(chart.properties()).containsEntry("eider.branch.base-namespaces", "bluesky,analytics");
    assertThat(operatorConfig(chart.properties()).branch().baseNamespaces()).contains(List.of("bluesky", "analytics"));
  }

  @Test
  void aSettingTheOperatorDoesNotKnowIsRefusedByTheSchemaBeforeTheOperatorSeesIt() {
    // The operator refuses to start with an unknown eider.* key (SRCFG00050), and so does this test's
    // mapping; the chart's schema refuses the value before anything is installed.
    assertThatThrownBy(() -> render(Map.of("branch.quota.requestCpu", "2"))).hasMessageContaining("requestCpu");
    assertThatThrownBy(() -> operatorConfig(Map.of("eider.branch.quota.request-cpu", "2")))
        .hasMessageContaining("eider.branch.quota.request-cpu");
  }

  @Test
  void aTypoInBranchFailsNamingTheKey() throws IOException {
    Path values = temp.resolve("typo.yaml");
    Files.writeString(values, """
        branch:
          baseNamespace: [bluesky]
        """);
    assertThatThrownBy(() -> render(Map.of(), values))
        .hasMessageContaining("/branch").hasMessageContaining("'baseNamespace' not allowed");
  }

  @Test
  void aWorkerPullPolicyOutsideTheEnumFailsNamingTheKey() throws IOException {
    Path values = temp.resolve("pull.yaml");
    Files.writeString(values, """
        worker:
          imagePullPolicy: Sometimes
        """);
    assertThatThrownBy(() -> render(Map.of(), values))
        .hasMessageContaining("/worker/imagePullPolicy").hasMessageContaining("IfNotPresent");
    assertThatThrownBy(() -> render(Map.of("branch.podSecurity", "strict"))).hasMessageContaining("/branch/podSecurity");
  }

  @Test
  void anUnknownKeyFailsNamingIt() {
    assertThatThrownBy(() -> render(Map.of("replica", "3"))).hasMessageContaining("'replica' not allowed");
    assertThatThrownBy(() -> render(Map.of("worker.imagePullPolcy", "Always"))).hasMessageContaining("'imagePullPolcy' not allowed");
    // Wrong types are refused too.
    assertThatThrownBy(() -> render(Map.of("runs.maxAttempts", "three"))).hasMessageContaining("/runs/maxAttempts");
  }

  @Test
  void helmLintChecksTheSchemaToo() throws IOException {
    // helm-java's lint reads the chart's own values.yaml only: lint a copy whose values.yaml has a typo.
    Path copy = copyOfTheChart();
    Files.writeString(copy.resolve("values.yaml"), Files.readString(copy.resolve("values.yaml"))
        .replace("\nbranch:\n", "\nbranch:\n  baseNamespace: [bluesky]\n"));
    LintResult result = new Helm(copy).lint().strict().call();
    assertThat(result.isFailed()).as("helm lint: %s", result.getMessages()).isTrue();
    assertThat(String.join("\n", result.getMessages())).contains("baseNamespace");
  }

  @Test
  void theSchemaKnowsExactlyTheOperatorsKeys() throws IOException {
    JsonNode schema = new ObjectMapper().readTree(chartDir().resolve("values.schema.json").toFile());
    // accessRoles is accepted only to fail with the chart's own message (set rbac.branchAccessRoles).
    assertThat(keys(schema, "branch")).isEqualTo(operatorKeys(EiderConfig.Branch.class));
    assertThat(keys(schema, "branch", "quota")).isEqualTo(operatorKeys(EiderConfig.Branch.Quota.class));
    assertThat(keys(schema, "branch", "limits")).isEqualTo(operatorKeys(EiderConfig.Branch.Limits.class));
    assertThat(keys(schema, "runs")).isEqualTo(operatorKeys(EiderConfig.Runs.class));
    assertThat(keys(schema, "storage")).isEqualTo(operatorKeys(EiderConfig.Storage.class));
    assertThat(keys(schema, "warehouse")).isEqualTo(operatorKeys(EiderConfig.Warehouse.class));
    assertThat(keys(schema, "production")).isEqualTo(operatorKeys(EiderConfig.Production.class));
    // The worker's security group is podSecurityContext in the chart.
    Set<String> worker = new TreeSet<>(operatorKeys(EiderConfig.Worker.class));
    worker.remove("security");
    worker.add("podSecurityContext");
    assertThat(keys(schema, "worker")).isEqualTo(worker);
    assertThat(keys(schema, "worker", "podSecurityContext")).isEqualTo(operatorKeys(EiderConfig.Worker.Security.class));
    assertThat(keys(schema, "worker", "resources")).isEqualTo(operatorKeys(EiderConfig.Worker.Resources.class));
    assertThat(keys(schema, "worker", "resources", "requests")).isEqualTo(operatorKeys(EiderConfig.Worker.Resources.Requests.class));
    assertThat(keys(schema, "worker", "resources", "limits")).isEqualTo(operatorKeys(EiderConfig.Worker.Resources.Limits.class));
    // The Lease's namespace and this replica's identity come from the pod, not from values.
    Set<String> lease = new TreeSet<>(operatorKeys(EiderConfig.LeaderElection.class));
    lease.removeAll(Set.of("leaseNamespace", "identity"));
    assertThat(keys(schema, "leaderElection")).isEqualTo(lease);
  }

  @Test
  void durationsTheSchemaAcceptsAreTheOnesTheOperatorReads() {
    DurationConverter converter = new DurationConverter();
    for (String accepted : List.of("90", "500ms", "1.5s", "10m", "1h30m", "2d", "PT10M")) {
      assertThat(operatorConfig(render(Map.of("runs.pendingTimeout", accepted)).properties()).runs().pendingTimeout())
          .as(accepted).isEqualTo(converter.convert(accepted));
    }
    for (String refused : List.of("10 min", "1.5h", "ten")) {
      assertThatThrownBy(() -> render(Map.of("runs.pendingTimeout", refused))).as(refused).hasMessageContaining("/runs/pendingTimeout");
      assertThatThrownBy(() -> converter.convert(refused)).as(refused).isInstanceOf(RuntimeException.class);
    }
  }

  @Test
  void theShippedValuesAndTheDocumentedExamplesPassTheSchema() throws IOException {
    // The chart's own values.yaml, with nothing else set (helm lint checks it too, above).
    assertThat(render(Map.of()).objects).isNotEmpty();
    List<Path> documents = documents();
    int commands = 0;
    int valueFiles = 0;
    for (Path document : documents) {
      String text = Files.readString(document);
      // Every `helm install` / `helm upgrade` command, with its --set values.
      for (Map<String, String> sets : helmCommands(text)) {
        assertThat(render(sets).objects).as("%s: %s", document, sets).isNotEmpty();
        commands++;
      }
      // Every ```yaml block that starts with "# Helm values": a values file as the docs show it.
      for (String yaml : helmValuesBlocks(text)) {
        Path file = temp.resolve("documented-" + valueFiles++ + ".yaml");
        Files.writeString(file, yaml);
        assertThat(render(Map.of(), file).objects).as("%s:%n%s", document, yaml).isNotEmpty();
      }
    }
    assertThat(commands).as("helm commands in %s", documents).isGreaterThanOrEqualTo(3);
    assertThat(valueFiles).as("values blocks in %s", documents).isGreaterThanOrEqualTo(1);
  }

  @Test
  void logsAreTextByDefaultAndJsonOnRequest() throws IOException {
    String property = "quarkus.log.console.json.enabled";
    assertThat(render(Map.of()).properties()).containsEntry(property, "false");
    assertThat(render(Map.of("logging.format", "json")).properties()).containsEntry(property, "true");
    assertThatThrownBy(() -> render(Map.of("logging.format", "logfmt"))).hasMessageContaining("/logging/format");
    // extraConfig still wins: it is written last.
    assertThat(render(Map.of("logging.format", "json", "extraConfig.quarkus\\.log\\.console\\.json\\.enabled", "false")).properties())
        .containsEntry(property, "false");
    // The property is one the operator's JSON logging extension reads, and not a deprecated one
    // (quarkus.log.console.json alone is, since Quarkus 3.19).
    String model = null;
    for (var url : java.util.Collections.list(getClass().getClassLoader().getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
      try (var in = url.openStream()) {
        String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (text.contains("io.quarkus.logging.json.runtime.JsonLogConfig")) {
          model = text;
        }
      }
    }
    assertThat(model).as("quarkus-logging-json's configuration model on the classpath").isNotNull();
    JsonNode enabled = null;
    for (JsonNode node : new ObjectMapper().readTree(model).findParents("path")) {
      if (property.equals(node.path("path").path("property").asText())) {
        enabled = node;
      }
    }
    assertThat(enabled).as(property).isNotNull();
    assertThat(enabled.path("phase").asText()).isEqualTo("RUN_TIME");
    assertThat(enabled.has("deprecation")).isFalse();
  }

  @Test
  void extraConfigGoesVerbatim() {
    Rendered chart = render(Map.of("extraConfig.quarkus\\.log\\.level", "DEBUG"));
    assertThat(chart.properties()).containsEntry("quarkus.log.level", "DEBUG");
  }

  @Test
  void aConfigurationChangeRollsTheOperatorPods() {
    String before = checksum(render(Map.of()));
    assertThat(checksum(render(Map.of()))).isEqualTo(before);
    assertThat(checksum(render(Map.of("pools.ingestion", "2")))).isNotEqualTo(before);
  }

  @Test
  void severalReplicasNeedLeaderElection() {
    assertThatThrownBy(() -> render(Map.of("leaderElection.enabled", "false")))
        .hasMessageContaining("replicas > 1 needs leaderElection.enabled=true");
    Rendered single = render(Map.of("leaderElection.enabled", "false", "replicas", "1"));
    assertThat(single.properties()).containsEntry("eider.leader-election.enabled", "false");
  }

  @Test
  void assetClusterRoleGrantsExactlyWhatTheAssetControllerDoes() {
    Rendered chart = render(Map.of());
    List<PolicyRule> rules = chart.named(ClusterRole.class, "eider-assets").getRules();
    assertNoWildcardsNorEscalation(rules);
    Map<String, Set<String>> verbs = verbsByResource(rules);
    // Informers (list, watch), runs, their state, status, events.
    assertThat(verbs.get("eider.dev/assets")).containsExactlyInAnyOrder("list", "watch");
    assertThat(verbs.get("eider.dev/assets/status")).containsExactly("patch");
    assertThat(verbs.get("eider.dev/assets/finalizers")).containsExactly("update");
    assertThat(verbs.get("batch/jobs")).containsExactlyInAnyOrder("list", "watch", "create", "delete");
    assertThat(verbs.get("/pods")).containsExactlyInAnyOrder("list", "watch");
    // The run history's log tail: read, never exec or attach.
    assertThat(verbs.get("/pods/log")).containsExactly("get");
    assertThat(verbs.get("/configmaps")).containsExactlyInAnyOrder("list", "watch", "create", "update", "delete");
    assertThat(verbs.get("events.k8s.io/events")).containsExactly("create");
    // The Job controller's FailedCreate Events (pods refused by admission) are only read, never written.
    assertThat(verbs.get("/events")).containsExactlyInAnyOrder("list", "watch");
    assertThat(verbs.get("/namespaces")).containsExactlyInAnyOrder("list", "watch");
    assertThat(verbs.keySet()).containsExactlyInAnyOrder("apiextensions.k8s.io/customresourcedefinitions",
        "eider.dev/assets", "eider.dev/assets/status", "eider.dev/assets/finalizers", "batch/jobs", "/pods", "/pods/log", "/configmaps",
        "events.k8s.io/events", "/events", "/namespaces");
    assertThat(rules).filteredOn(rule -> rule.getResources().contains("customresourcedefinitions")).singleElement()
        .satisfies(rule -> assertThat(rule.getResourceNames()).containsExactly("assets.eider.dev"));
  }

  @Test
  void branchClusterRoleGrantsExactlyWhatTheBranchControllerDoes() {
    Rendered chart = render(Map.of());
    List<PolicyRule> rules = chart.named(ClusterRole.class, "eider-branches").getRules();
    assertNoWildcardsNorEscalation(rules);
    Map<String, Set<String>> verbs = verbsByResource(rules);
    assertThat(verbs.get("eider.dev/branchdeployments")).containsExactlyInAnyOrder("get", "list", "watch", "patch", "delete");
    assertThat(verbs.get("eider.dev/branchdeployments/status")).containsExactly("patch");
    assertThat(verbs.get("eider.dev/branchdeployments/finalizers")).containsExactly("update");
    assertThat(verbs.get("eider.dev/assets")).containsExactlyInAnyOrder("list", "watch", "create", "update", "delete");
    assertThat(verbs.get("/namespaces")).containsExactlyInAnyOrder("get", "list", "watch", "create", "patch", "update", "delete");
    for (String resource : List.of("/secrets", "/serviceaccounts", "/resourcequotas", "/limitranges", "rbac.authorization.k8s.io/rolebindings")) {
      assertThat(verbs.get(resource)).as(resource).containsExactlyInAnyOrder("list", "watch", "create", "patch", "update", "delete");
    }
    // Clone and drop Jobs are only watched cluster-wide; they are created and deleted in the job namespace.
    assertThat(verbs.get("batch/jobs")).containsExactlyInAnyOrder("list", "watch");
    assertThat(verbs.get("/pods")).containsExactlyInAnyOrder("list", "watch");
    assertThat(verbs.get("events.k8s.io/events")).containsExactly("create");
    assertThat(verbs.keySet()).containsExactlyInAnyOrder("apiextensions.k8s.io/customresourcedefinitions",
        "eider.dev/branchdeployments", "eider.dev/branchdeployments/status", "eider.dev/branchdeployments/finalizers",
        "eider.dev/assets", "/namespaces", "/secrets", "/serviceaccounts", "/resourcequotas", "/limitranges",
        "rbac.authorization.k8s.io/rolebindings", "rbac.authorization.k8s.io/clusterroles", "batch/jobs", "/pods",
        "events.k8s.io/events");
    // Named resources only where a name is known in advance.
    assertThat(rules).filteredOn(rule -> rule.getResources().contains("clusterroles")).singleElement().satisfies(rule -> {
      assertThat(rule.getVerbs()).containsExactly("bind");
      assertThat(rule.getResourceNames()).as("admin is not bound by default").containsExactly("view", "edit");
    });
    assertThat(rules).filteredOn(rule -> rule.getResources().contains("customresourcedefinitions")).singleElement()
        .satisfies(rule -> assertThat(rule.getResourceNames()).containsExactly("branchdeployments.eider.dev"));

    Role jobs = chart.named(Role.class, "eider-branch-jobs");
    assertThat(jobs.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(verbsByResource(jobs.getRules())).containsOnly(entry("batch/jobs", Set.of("create", "delete")));
    assertThat(render(Map.of("branch.jobNamespace", "eider-jobs")).named(Role.class, "eider-branch-jobs").getMetadata().getNamespace())
        .isEqualTo("eider-jobs");
  }

  @Test
  void branchesOffLeaveOutTheBranchControllerAndAllItsRbac() {
    Rendered chart = render(Map.of("branch.enabled", "false"));
    assertThat(operatorConfig(chart.properties()).branch().enabled()).isFalse();
    assertThat(operatorConfig(render(Map.of()).properties()).branch().enabled()).isTrue();
    assertThat(chart.objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()))
        .containsExactlyInAnyOrder("ServiceAccount/eider", "ConfigMap/eider-config", "ClusterRole/eider-assets",
            "ClusterRoleBinding/eider-assets", "Role/eider-leader-election", "RoleBinding/eider-leader-election",
            "ClusterRole/eider-view", "ClusterRole/eider-edit", "Service/eider-metrics", "Deployment/eider",
            "PodDisruptionBudget/eider");
    // Nothing the operator's ServiceAccount is bound to writes namespaces, Secrets or RBAC.
    List<PolicyRule> operatorRules = new ArrayList<>(chart.named(ClusterRole.class, "eider-assets").getRules());
    operatorRules.addAll(chart.named(Role.class, "eider-leader-election").getRules());
    Map<String, Set<String>> verbs = verbsByResource(operatorRules);
    assertThat(verbs).doesNotContainKeys("/secrets", "/serviceaccounts", "rbac.authorization.k8s.io/rolebindings",
        "rbac.authorization.k8s.io/clusterroles", "eider.dev/branchdeployments");
    assertThat(verbs.get("/namespaces")).containsExactlyInAnyOrder("list", "watch");
  }

  @Test
  void usersGetEiderInViewEditAndAdminByAggregation() {
    Rendered chart = render(Map.of());
    ClusterRole view = chart.named(ClusterRole.class, "eider-view");
    assertThat(view.getMetadata().getLabels()).containsEntry("rbac.authorization.k8s.io/aggregate-to-view", "true")
        .doesNotContainKeys("rbac.authorization.k8s.io/aggregate-to-edit", "rbac.authorization.k8s.io/aggregate-to-admin");
    assertThat(verbsByResource(view.getRules())).containsOnly(
        entry("eider.dev/assets", Set.of("get", "list", "watch")),
        entry("eider.dev/assets/status", Set.of("get", "list", "watch")),
        entry("eider.dev/branchdeployments", Set.of("get", "list", "watch")),
        entry("eider.dev/branchdeployments/status", Set.of("get", "list", "watch")));
    ClusterRole edit = chart.named(ClusterRole.class, "eider-edit");
    assertThat(edit.getMetadata().getLabels()).containsEntry("rbac.authorization.k8s.io/aggregate-to-edit", "true")
        .containsEntry("rbac.authorization.k8s.io/aggregate-to-admin", "true")
        .doesNotContainKey("rbac.authorization.k8s.io/aggregate-to-view");
    // Assets are written; BranchDeployments (cluster-scoped, acting with the operator's permissions) never.
    assertThat(verbsByResource(edit.getRules())).containsOnly(
        entry("eider.dev/assets", Set.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection")),
        entry("eider.dev/assets/status", Set.of("get", "list", "watch")),
        entry("eider.dev/branchdeployments", Set.of("get", "list", "watch")),
        entry("eider.dev/branchdeployments/status", Set.of("get", "list", "watch")));
    assertThat(render(Map.of("rbac.aggregateUserRoles", "false")).objects)
        .noneMatch(o -> o.getMetadata().getName().equals("eider-view") || o.getMetadata().getName().equals("eider-edit"));
  }

  @Test
  void leaderElectionRoleGrantsOnlyTheOperatorsLease() {
    Rendered chart = render(Map.of());
    Role role = chart.named(Role.class, "eider-leader-election");
    assertThat(role.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(verbsByResource(role.getRules())).containsOnly(entry("coordination.k8s.io/leases", Set.of("create", "get", "update", "patch")));
    String lease = chart.properties().get("eider.leader-election.lease-name");
    assertThat(role.getRules()).filteredOn(rule -> !rule.getVerbs().equals(List.of("create")))
        .allSatisfy(rule -> assertThat(rule.getResourceNames()).containsExactly(lease));
  }

  @Test
  void bindingsGrantTheRolesToTheOperatorsServiceAccount() {
    Rendered chart = render(Map.of());
    String serviceAccount = chart.one(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName();
    List<ClusterRoleBinding> clusterBindings = chart.all(ClusterRoleBinding.class);
    assertThat(clusterBindings).extracting(binding -> binding.getRoleRef().getKind() + "/" + binding.getRoleRef().getName())
        .containsExactlyInAnyOrder("ClusterRole/eider-assets", "ClusterRole/eider-branches");
    List<RoleBinding> bindings = chart.all(RoleBinding.class);
    assertThat(bindings).extracting(binding -> binding.getRoleRef().getKind() + "/" + binding.getRoleRef().getName())
        .containsExactlyInAnyOrder("Role/eider-leader-election", "Role/eider-branch-jobs");
    List<List<io.fabric8.kubernetes.api.model.rbac.Subject>> subjects = new ArrayList<>();
    clusterBindings.forEach(binding -> subjects.add(binding.getSubjects()));
    bindings.forEach(binding -> subjects.add(binding.getSubjects()));
    for (var each : subjects) {
      assertThat(each).singleElement().satisfies(subject -> {
        assertThat(subject.getKind()).isEqualTo("ServiceAccount");
        assertThat(subject.getName()).isEqualTo(serviceAccount);
        assertThat(subject.getNamespace()).isEqualTo(NAMESPACE);
      });
    }
  }

  private static void assertNoWildcardsNorEscalation(List<PolicyRule> rules) {
    assertThat(rules).allSatisfy(rule -> {
      assertThat(rule.getVerbs()).doesNotContain("*", "escalate", "impersonate");
      assertThat(rule.getResources()).doesNotContain("*");
      assertThat(rule.getApiGroups()).doesNotContain("*");
    });
  }

  @Test
  void anExistingServiceAccountAndNoRbacCanBeChosen() {
    Rendered chart = render(Map.of("serviceAccount.create", "false", "serviceAccount.name", "platform-operator", "rbac.create", "false"));
    assertThat(chart.objects).noneMatch(o -> o instanceof ServiceAccount || o.getKind().contains("Role"));
    assertThat(chart.one(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("platform-operator");
  }

  @Test
  void metricsServiceExposesPrometheusMetrics() {
    Rendered chart = render(Map.of());
    Service service = chart.one(Service.class);
    assertThat(service.getMetadata().getAnnotations()).contains(entry("prometheus.io/scrape", "true"),
        entry("prometheus.io/path", "/q/metrics"), entry("prometheus.io/port", "8080"));
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getPort()).isEqualTo(8080);
      assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
    });
    Map<String, String> podLabels = chart.one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
    assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
  }

  @Test
  void artifactHubMetadataNamesWhatTheChartInstalls() throws IOException {
    Map<String, Object> chart = new Yaml().load(Files.readString(chartDir().resolve("Chart.yaml")));
    assertThat(chart).containsKeys("home", "sources", "maintainers", "kubeVersion");
    @SuppressWarnings("unchecked")
    Map<String, String> annotations = (Map<String, String>) chart.get("annotations");
    List<Map<String, String>> crds = new Yaml().load(annotations.get("artifacthub.io/crds"));
    for (Map<String, String> crd : crds) {
      Map<String, Object> file = new Yaml().load(Files.readString(chartDir().resolve("crds").resolve(crd.get("name") + "-v1.yml")));
      @SuppressWarnings("unchecked")
      Map<String, Object> spec = (Map<String, Object>) file.get("spec");
      assertThat(((Map<?, ?>) spec.get("names")).get("kind")).isEqualTo(crd.get("kind"));
      List<String> versions = ((List<?>) spec.get("versions")).stream().map(version -> String.valueOf(((Map<?, ?>) version).get("name"))).toList();
      assertThat(versions).containsExactly(crd.get("version"));
    }
    assertThat(crds).hasSameSizeAs(CRD_FILES);
    // The images listed are the defaults the chart runs.
    List<Map<String, String>> images = new Yaml().load(annotations.get("artifacthub.io/images"));
    Rendered rendered = render(Map.of());
    assertThat(images).extracting(image -> image.get("image")).containsExactlyInAnyOrder(
        rendered.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
        rendered.properties().get("eider.worker.image"));
  }

  @Test
  void chartCrdsAreTheGeneratedOnes() throws IOException {
    try (Stream<Path> files = Files.list(chartDir().resolve("crds"))) {
      assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrderElementsOf(CRD_FILES);
    }
    for (String file : CRD_FILES) {
      assertThat(Files.readAllBytes(chartDir().resolve("crds").resolve(file)))
          .as("helm/eider/crds/%s differs from crds/%s: regenerate both with "
              + "`mvn -pl operator test -Dtest=CrdManifestsTest -Deider.crds.update=true`", file, file)
          .isEqualTo(Files.readAllBytes(crdsDir().resolve(file)));
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** The chart's objects and the properties file it gives the operator. */
  record Rendered(List<HasMetadata> objects) {

    <T extends HasMetadata> T one(Class<T> type) {
      List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
      assertThat(found).as("rendered %s", type.getSimpleName()).hasSize(1);
      return found.get(0);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
      return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T named(Class<T> type, String name) {
      List<T> found = all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).toList();
      assertThat(found).as("rendered %s/%s", type.getSimpleName(), name).hasSize(1);
      return found.get(0);
    }

    String configText() {
      return one(ConfigMap.class).getData().get("eider.properties");
    }

    Map<String, String> properties() {
      Properties properties = new Properties();
      try {
        properties.load(new StringReader(configText()));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      Map<String, String> map = new TreeMap<>();
      properties.forEach((key, value) -> map.put((String) key, (String) value));
      return map;
    }
  }

  private Rendered render(Map<String, String> values, Path... valuesFiles) {
    return render(null, values, valuesFiles);
  }

  /** Rendered as `helm template --kube-version` does; null: Helm's own default version. */
  private Rendered render(String kubeVersion, Map<String, String> values, Path... valuesFiles) {
    TemplateCommand template = new Helm(chartDir()).template().withName(RELEASE).withNamespace(NAMESPACE);
    if (kubeVersion != null) {
      template.withKubeVersion(kubeVersion);
    }
    values.forEach(template::set);
    for (Path file : valuesFiles) {
      template.withValuesFile(file);
    }
    String yaml = template.call();
    List<HasMetadata> objects = new ArrayList<>();
    for (Object document : new Yaml().loadAll(yaml)) {
      if (document != null) {
        objects.add((HasMetadata) Serialization.unmarshal(Serialization.asJson(document)));
      }
    }
    return new Rendered(objects);
  }

  /** The operator's configuration as Quarkus builds it from the chart's properties file. */
  private static EiderConfig operatorConfig(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .addDefaultInterceptors()
        .withMapping(EiderConfig.class)
        .withValidateUnknown(true)
        .withConverter(Duration.class, 200, new DurationConverter())
        .withSources(new PropertiesConfigSource(properties, "chart", 260))
        .build().unwrap(SmallRyeConfig.class).getConfigMapping(EiderConfig.class);
  }

  /** Every leaf value of a config mapping by its path, groups walked through their interfaces. */
  private static Map<String, Object> leaves(String path, Class<?> type, Object group) {
    Map<String, Object> leaves = new TreeMap<>();
    for (Method method : type.getMethods()) {
      if (method.getParameterCount() > 0 || method.isDefault() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      Object value;
      try {
        value = method.invoke(group);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      String name = path + method.getName();
      if (method.getReturnType().isInterface() && method.getReturnType().getName().startsWith(EiderConfig.class.getName())) {
        leaves.putAll(leaves(name + ".", method.getReturnType(), value));
      } else {
        leaves.put(name, value instanceof Map<?, ?> map ? new TreeMap<>(map) : value);
      }
    }
    return leaves;
  }

  private static Map<String, Object> withLeaseName(Map<String, Object> leaves, String leaseName) {
    Map<String, Object> copy = new TreeMap<>(leaves);
    copy.put("leaderElection.leaseName", leaseName);
    return copy;
  }

  private static Map<String, Set<String>> verbsByResource(List<PolicyRule> rules) {
    Map<String, Set<String>> verbs = new TreeMap<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          verbs.computeIfAbsent(group + "/" + resource, k -> new TreeSet<>()).addAll(rule.getVerbs());
        }
      }
    }
    return verbs;
  }

  private static String checksum(Rendered chart) {
    return chart.one(Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
  }

  private static Map<String, String> filterKeys(Map<String, String> map, Set<String> keys) {
    Map<String, String> filtered = new LinkedHashMap<>();
    keys.forEach(key -> filtered.put(key, map.get(key)));
    return filtered;
  }

  /** The properties of the object at {@code path} in the schema, which must refuse any other key. */
  private static Set<String> keys(JsonNode schema, String... path) {
    JsonNode node = schema;
    for (String name : path) {
      node = node.path("properties").path(name);
      if (node.has("$ref")) {
        node = schema.at(node.path("$ref").asText().substring(1));
      }
    }
    assertThat(node.path("additionalProperties").isBoolean() && !node.path("additionalProperties").asBoolean())
        .as("%s refuses unknown keys", String.join(".", path)).isTrue();
    Set<String> keys = new TreeSet<>();
    node.path("properties").fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** The keys of one group of the operator's configuration, as the chart spells them (camelCase). */
  private static Set<String> operatorKeys(Class<?> group) {
    Set<String> keys = new TreeSet<>();
    for (Method method : group.getMethods()) {
      if (method.getParameterCount() == 0 && !method.isDefault() && !java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
        keys.add(method.getName());
      }
    }
    return keys;
  }

  private Path copyOfTheChart() throws IOException {
    Path copy = temp.resolve("chart-copy").resolve("eider");
    try (Stream<Path> files = Files.walk(chartDir())) {
      for (Path file : files.toList()) {
        Path target = copy.resolve(chartDir().relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return copy;
  }

  /** The READMEs and docs/: where users copy values from. */
  private static List<Path> documents() throws IOException {
    Path repo = chartDir().toAbsolutePath().resolve("../..").normalize();
    List<Path> documents = new ArrayList<>(List.of(repo.resolve("README.md"), chartDir().resolve("README.md")));
    try (Stream<Path> docs = Files.walk(repo.resolve("docs"))) {
      docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(documents::add);
    }
    return documents;
  }

  /** A helm install or upgrade command: to the end of its line, continued lines, or a closing backtick. */
  private static final Pattern HELM_COMMAND = Pattern.compile("helm (?:install|upgrade)[^\\n`]*(?:\\\\\\n[^\\n`]*)*");
  private static final Pattern SET = Pattern.compile("--set\\s+'?([^\\s'=]+)=([^\\s']*)'?");
  private static final Pattern HELM_VALUES = Pattern.compile("```yaml\\n(# Helm values[^\\n]*\\n.*?)```", Pattern.DOTALL);

  /** The --set values of every `helm install` and `helm upgrade` command in a document. */
  static List<Map<String, String>> helmCommands(String text) {
    List<Map<String, String>> commands = new ArrayList<>();
    Matcher command = HELM_COMMAND.matcher(text);
    while (command.find()) {
      Map<String, String> sets = new LinkedHashMap<>();
      Matcher set = SET.matcher(command.group());
      while (set.find()) {
        String value = set.group(2);
        if (value.startsWith("{") && value.endsWith("}")) {
          // Helm's list syntax, --set 'key={a,b}': set item by item.
          String[] items = value.substring(1, value.length() - 1).split(",");
          for (int i = 0; i < items.length; i++) {
            sets.put(set.group(1) + "[" + i + "]", items[i]);
          }
        } else {
          sets.put(set.group(1), value);
        }
      }
      commands.add(sets);
    }
    return commands;
  }

  /** The ```yaml blocks of a document whose first line is "# Helm values". */
  static List<String> helmValuesBlocks(String text) {
    List<String> blocks = new ArrayList<>();
    Matcher block = HELM_VALUES.matcher(text);
    while (block.find()) {
      blocks.add(block.group(1));
    }
    return blocks;
  }

  private static Path chartDir() {
    return Path.of(System.getProperty("eider.helm.dir", "../helm/eider"));
  }

  private static Path crdsDir() {
    return Path.of(System.getProperty("eider.crds.dir", "../crds"));
  }
}
