package dev.eider.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import dev.eider.e2e.local.LocalCluster;
import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.local.WarehouseDownload;
import dev.eider.e2e.support.AssetFixtures;
import dev.eider.e2e.support.TestCluster;
import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.asset.history.RunHistory;
import dev.eider.testkit.s3.LocalS3;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The operator installed as the Helm chart installs it, on the real control plane: the chart is
 * rendered by Helm, every object is validated by the API server (server-side dry run), the RBAC,
 * ServiceAccount and ConfigMap are applied, and the operator jar runs the way the chart's
 * Deployment runs it (its environment, the ConfigMap's file at the path QUARKUS_CONFIG_LOCATIONS
 * names) while impersonating the chart's ServiceAccount. Assets run and a BranchDeployment is set up
 * and torn down: the chart's RBAC is enough for everything the operator does, and its
 * configuration is the one used.
 */
class HelmChartInstallTest {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  private final TestCluster cluster = TestCluster.get();
  private final KubernetesClient client = cluster.client();
  private List<HasMetadata> clusterScoped = List.of();
  private OperatorProcess operator;

  @AfterEach
  void uninstall() {
    if (operator != null) {
      operator.close();
    }
    clusterScoped.forEach(object -> client.resource(object).delete());
  }

  /** A release of the chart, installed, with its operator pod running as a process. */
  private record Installation(String release, String releaseName, String namespace, Path dir, List<HasMetadata> objects,
                              Deployment deployment, String user, String pod) {}

  /**
   * Renders the chart for a new release namespace, with Assets watched in {@code namespace} only
   * (other tests' namespaces stay theirs), checks every object with a server-side dry run, installs
   * all but the Deployment and the Service, and starts the Deployment's pod as a process.
   */
  private Installation install(String namespace) throws IOException {
    return install(namespace, "");
  }

  /** As {@link #install(String)}, with {@code extraValues} (YAML) appended to the test's values. */
  private Installation install(String namespace, String extraValues) throws IOException {
    return install(namespace, extraValues, TestCluster.FAKE_WORKER_IMAGE);
  }

  /** As {@link #install(String, String)}, with {@code workerImage} as worker.image. */
  private Installation install(String namespace, String extraValues, String workerImage) throws IOException {
    String release = cluster.newNamespace("eider-system");
    String releaseName = "eider-" + release.substring(release.lastIndexOf('-') + 1);
    Path dir = TestCluster.tempDir("eider-chart");
    LocalS3 s3 = cluster.s3();
    Path values = dir.resolve("values.yaml");
    Files.writeString(values, """
        watchNamespaces: [%s]
        production:
          namespaces: [%s]
        worker:
          image: %s
        storage:
          endpoint: %s
          bucket: %s
          prefix: %s
        runs:
          backoffInitial: 1s
          backoffMax: 5s
        """.formatted(namespace, namespace, workerImage, s3.endpoint(), TestCluster.BUCKET, namespace) + extraValues);
    // Rendered for this API server's version, as `helm install` does (the PodDisruptionBudget is
    // policy/v1beta1 below 1.21), not for the version helm-java's Helm assumes offline.
    String manifests = new Helm(TestCluster.repo().resolve("helm/eider")).template()
        .withName(releaseName).withNamespace(release).withKubeVersion(client.getKubernetesVersion().getGitVersion())
        .withValuesFile(values).call();
    List<HasMetadata> objects = client.load(new ByteArrayInputStream(manifests.getBytes(StandardCharsets.UTF_8))).items();

    // The API server accepts every object as rendered (schema, names, references).
    for (HasMetadata object : objects) {
      client.resource(object).dryRun().create();
    }
    // Installed for real: all but the Deployment (its pod runs below as a process) and the Service.
    List<HasMetadata> installed = objects.stream()
        .filter(object -> !(object instanceof Deployment) && !object.getKind().equals("Service")).toList();
    installed.forEach(object -> client.resource(object).create());
    clusterScoped = installed.stream().filter(object -> object.getMetadata().getNamespace() == null).toList();
    boolean branches = !extraValues.contains("enabled: false");
    List<String> expected = new java.util.ArrayList<>(List.of("ClusterRole/" + releaseName + "-assets",
        "ClusterRoleBinding/" + releaseName + "-assets", "ClusterRole/" + releaseName + "-view", "ClusterRole/" + releaseName + "-edit"));
    if (branches) {
      expected.addAll(List.of("ClusterRole/" + releaseName + "-branches", "ClusterRoleBinding/" + releaseName + "-branches"));
    }
    assertThat(clusterScoped).extracting(object -> object.getKind() + "/" + object.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(expected);

    client.resource(new SecretBuilder().withNewMetadata().withName("eider-storage").withNamespace(namespace).endMetadata()
        .withStringData(Map.of("AWS_ACCESS_KEY_ID", LocalS3.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", LocalS3.SECRET_KEY,
            "AWS_REGION", LocalS3.REGION))
        .build()).create();

    Deployment deployment = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow();
    String serviceAccount = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
    String user = "system:serviceaccount:" + release + ":" + serviceAccount;
    String pod = releaseName + "-7d9f8b6c5-x2x4q";
    Installation installation = new Installation(release, releaseName, namespace, dir, objects, deployment, user, pod);
    operator = startPod(installation, pod, "operator");
    return installation;
  }

  /** The Deployment's pod {@code pod} as an operator process impersonating the chart's ServiceAccount. */
  private OperatorProcess startPod(Installation installation, String pod, String name) throws IOException {
    Map<String, String> environment = podEnvironment(installation.deployment(), installation.objects(), installation.release(), pod,
        installation.dir().resolve(name + "-mounts"));
    assertThat(environment).containsKey("QUARKUS_CONFIG_LOCATIONS");
    return OperatorProcess.start(OperatorProcess.defaultJar(), cluster.controlPlane().tokenKubeconfig(),
        // The pod's namespace, which a pod's client reads from its ServiceAccount mount: where clone and drop Jobs run.
        Map.of("kubernetes.impersonate.username", installation.user(), "quarkus.kubernetes-client.namespace", installation.release()),
        environment,
        installation.dir().resolve(name + ".log"), true);
  }

  @Test
  void operatorRunsAssetsWithTheChartsRbacAndConfiguration() throws IOException {
    String namespace = cluster.newNamespace("chart-assets");
    Installation chart = install(namespace);
    String release = chart.release();
    String releaseName = chart.releaseName();
    String pod = chart.pod();
    Path dir = chart.dir();

    // An upstream asset publishes partition keys; its downstream runs one Job per key, in the
    // chart's `ingestion` pool: Jobs, pods, state and published-key ConfigMaps, status, Events.
    AssetFixtures assets = new AssetFixtures(client, namespace);
    Path ledger = dir.resolve("ledger");
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: pack}
        spec:
          ingest: {bluesky: {starterPack: {uri: "at://did:plc:abc/app.bsky.graph.starterpack/3l7cddlz5ja24"}}}
          automation: {onMissing: true}
          worker:
            env: [{name: FAKE_LEDGER, value: "%s"}, {name: FAKE_PUBLISH, value: "did:plc:one,did:plc:two"}]
        """.formatted(ledger));
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: feeds}
        spec:
          ingest: {bluesky: {authorFeed: {}}}
          deps: [{asset: pack, partitionMapping: all}]
          partitions: {dynamic: {fromAsset: pack}}
          automation: {eager: true}
          pool: ingestion
          worker:
            env: [{name: FAKE_LEDGER, value: "%s"}]
        """.formatted(ledger));

    assets.awaitCondition("feeds", "Ready", "True", Duration.ofSeconds(90));
    Asset feeds = assets.get("feeds");
    assertThat(feeds.getStatus().getPartitions().getMaterialized()).isEqualTo(2);
    assertThat(AssetFixtures.runsEnded(ledger)).isEqualTo(3);
    // Each run kept in the Asset's run history with the tail of its log, read through pods/log.
    ConfigMap runs = client.configMaps().inNamespace(namespace).withName("feeds-runs").get();
    assertThat(RunHistory.fromData(runs.getData(), "feeds-runs").runs()).hasSize(2).allSatisfy(run -> {
      assertThat(run.outcome()).isEqualTo("SUCCEEDED");
      assertThat(run.message()).doesNotContain("log not");
      assertThat(run.partitions()).singleElement().isIn("did:plc:one", "did:plc:two");
      // The fake worker names its run by its pod: the Job's name and the five characters Kubernetes adds.
      assertThat(run.logTail()).matches(java.util.regex.Pattern.quote("fake worker: partition " + run.partitions().get(0) + ", run "
          + run.job() + "-") + "[a-z0-9]{5}\n");
    });

    // The chart's configuration is the one the operator used (production.namespaces: the production prefix).
    assertThat(client.batch().v1().jobs().inNamespace(namespace).list().getItems()).isNotEmpty().allSatisfy(job -> {
      Container worker = job.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(worker.getImage()).isEqualTo(TestCluster.FAKE_WORKER_IMAGE);
      assertThat(worker.getEnv()).anyMatch(env -> env.getName().equals("EIDER_PREFIX") && env.getValue().equals(namespace));
    });
    Lease lease = client.leases().inNamespace(release).withName(releaseName).get();
    assertThat(lease).as("the Lease the chart's Role grants, in the release namespace").isNotNull();
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(pod);
    List<Event> events = client.events().v1().events().inNamespace(namespace).list().getItems();
    assertThat(events).anyMatch(event -> "eider.dev/operator".equals(event.getReportingController()));
    assertThat(operator.log()).doesNotContain("Forbidden").doesNotContain("forbidden");

    // A second replica (the chart runs two) stands by, and is ready: readiness must not wait for the
    // Lease, or a rolling update of the Deployment would never finish.
    try (OperatorProcess standby = startPod(chart, releaseName + "-7d9f8b6c5-q8k2m", "standby")) {
      assertThat(standby.alive()).isTrue();
      assertThat(client.leases().inNamespace(release).withName(releaseName).get().getSpec().getHolderIdentity()).isEqualTo(pod);
      assertThat(standby.log()).doesNotContain("Forbidden").doesNotContain("forbidden");
    }

    assertCanI(chart, true);

    // The operator really was its ServiceAccount: what the chart does not grant is refused.
    try (KubernetesClient asOperator = asOperator(chart)) {
      assertThat(asOperator.configMaps().inNamespace(namespace).list().getItems()).isNotEmpty();
      assertThat(asOperator.resources(Asset.class).inAnyNamespace().list().getItems()).isNotEmpty();
      assertForbidden(() -> asOperator.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata()
              .withName("not-allowed").endMetadata().withNewSpec().addNewContainer().withName("c").withImage("x").endContainer()
              .endSpec().build()).create());
      assertForbidden(() -> asOperator.secrets().inNamespace("kube-system").withName("any").get());
      assertForbidden(() -> asOperator.resource(branchDeployment("refused-" + chart.releaseName(), namespace)).create());
    }
  }

  @Test
  void withBranchesOffTheOperatorRunsAssetsWithoutAnyBranchPermission() throws IOException {
    String namespace = cluster.newNamespace("chart-nobranch");
    Installation chart = install(namespace, """
        branch:
          enabled: false
        """);
    assertThat(chart.objects()).noneMatch(object -> object.getMetadata().getName().endsWith("-branches")
        || object.getMetadata().getName().endsWith("-branch-jobs"));
    assertCanI(chart, false);

    AssetFixtures assets = new AssetFixtures(client, namespace);
    Path ledger = chart.dir().resolve("ledger");
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: pack}
        spec:
          ingest: {bluesky: {starterPack: {uri: "at://did:plc:abc/app.bsky.graph.starterpack/3l7cddlz5ja24"}}}
          automation: {onMissing: true}
          worker:
            env: [{name: FAKE_LEDGER, value: "%s"}]
        """.formatted(ledger));
    assets.awaitCondition("pack", "Ready", "True", Duration.ofSeconds(90));
    assertThat(AssetFixtures.runsEnded(ledger)).isEqualTo(1);

    // A BranchDeployment is not the operator's business any more: no finalizer, no status, no namespace.
    String name = "off-" + chart.releaseName();
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: eider.dev/v1alpha1
        kind: BranchDeployment
        metadata: {name: %s}
        spec:
          branch: feature/%s
          baseNamespace: %s
          assets: {from: base}
          database: {mode: empty}
        """.formatted(name, chart.releaseName(), namespace), BranchDeployment.class)).create();
    try {
      await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        BranchDeployment current = client.resources(BranchDeployment.class).withName(name).get();
        assertThat(current.getMetadata().getFinalizers()).isNullOrEmpty();
        assertThat(current.getStatus()).isNull();
      });
    } finally {
      client.resources(BranchDeployment.class).withName(name).delete();
    }
    assertThat(operator.log()).contains("'asset'").doesNotContain("'branchdeployment'")
        .doesNotContain("Forbidden").doesNotContain("forbidden");
    // Positive controls: with branches off, the ServiceAccount's requests for branch work are refused
    // (403, "forbidden" in the message the log check above looks for), and its own work is allowed.
    try (KubernetesClient asOperator = asOperator(chart)) {
      String probe = "probe-" + chart.releaseName();
      asOperator.configMaps().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
          .withNewMetadata().withName(probe).endMetadata().build()).create();
      asOperator.configMaps().inNamespace(namespace).withName(probe).delete();
      asOperator.batch().v1().jobs().inAnyNamespace().list();
      assertForbidden(() -> asOperator.secrets().inNamespace("kube-system").resource(new SecretBuilder().withNewMetadata()
          .withName(probe).endMetadata().build()).create());
      assertForbidden(() -> asOperator.secrets().inAnyNamespace().list());
      assertForbidden(() -> asOperator.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(probe)
          .endMetadata().build()).create());
    }

    // Users: view reads Eider's resources, edit (and admin) also writes Assets, nobody gets BranchDeployments through them.
    String viewer = "viewer-" + chart.releaseName();
    String editor = "editor-" + chart.releaseName();
    for (var grant : Map.of(viewer, "view", editor, "edit").entrySet()) {
      client.rbac().roleBindings().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder()
          .withNewMetadata().withName(grant.getKey()).endMetadata()
          .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", grant.getValue())
          .addNewSubject().withKind("User").withApiGroup("rbac.authorization.k8s.io").withName(grant.getKey()).endSubject()
          .build()).create();
    }
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(allowed(editor, List.of(), "create", "eider.dev", "assets", "", namespace, "")).isTrue();
      assertThat(allowed(viewer, List.of(), "list", "eider.dev", "assets", "", namespace, "")).isTrue();
    });
    assertThat(allowed(viewer, List.of(), "create", "eider.dev", "assets", "", namespace, "")).isFalse();
    assertThat(allowed(editor, List.of(), "delete", "eider.dev", "assets", "", namespace, "")).isTrue();
    assertThat(allowed(editor, List.of(), "patch", "eider.dev", "assets", "status", namespace, "")).isFalse();
    assertThat(allowed(editor, List.of(), "create", "eider.dev", "branchdeployments", "", "", "")).isFalse();
    assertThat(allowed(editor, List.of(), "create", "eider.dev", "assets", "", "default", "")).isFalse();
  }

  /** One line of the can-i matrix: {@code verb} on {@code group/resource[/subresource]} in {@code namespace} ("": all, or cluster-scoped). */
  private record Access(String verb, String resource, String namespace, String name, boolean expected) {
    @Override
    public String toString() {
      return verb + " " + resource + (name.isEmpty() ? "" : "/" + name) + " in " + (namespace.isEmpty() ? "(cluster)" : namespace);
    }
  }

  /**
   * The exact can-i matrix of the chart's ServiceAccount, asked of the API server's authorizer
   * (SubjectAccessReview, with the groups a pod's token carries): what it must be able to do, and
   * what it must not, with branches on or off. Secrets: list (and watch) stays cluster-wide with
   * branches on, which reads every Secret; only get is refused.
   */
  private void assertCanI(Installation chart, boolean branches) {
    String ns = chart.namespace();
    String release = chart.release();
    String lease = chart.releaseName();
    List<Access> matrix = new java.util.ArrayList<>(List.of(
        // MUST, with or without branches: the Asset controller and leader election.
        new Access("create", "batch/jobs", ns, "", true),
        new Access("create", "batch/jobs", "kube-system", "", true),
        new Access("delete", "batch/jobs", ns, "", true),
        new Access("list", "batch/jobs", "", "", true),
        new Access("list", "/pods", "", "", true),
        new Access("watch", "/pods", "", "", true),
        // The run history's log tail, in every namespace (Assets may be anywhere); never exec or attach.
        new Access("get", "/pods/log", ns, "", true),
        new Access("get", "/pods/log", "", "", true),
        new Access("list", "eider.dev/assets", "", "", true),
        new Access("patch", "eider.dev/assets/status", ns, "", true),
        new Access("update", "eider.dev/assets/finalizers", ns, "", true),
        new Access("create", "/configmaps", ns, "", true),
        new Access("update", "/configmaps", ns, "", true),
        new Access("delete", "/configmaps", ns, "", true),
        new Access("create", "events.k8s.io/events", ns, "", true),
        new Access("list", "/events", "", "", true),
        new Access("list", "/namespaces", "", "", true),
        new Access("get", "apiextensions.k8s.io/customresourcedefinitions", "", "assets.eider.dev", true),
        new Access("get", "coordination.k8s.io/leases", release, lease, true),
        new Access("update", "coordination.k8s.io/leases", release, lease, true),
        new Access("create", "coordination.k8s.io/leases", release, "", true),
        // MUST NOT, with or without branches.
        new Access("create", "/pods", ns, "", false),
        new Access("delete", "/pods", ns, "", false),
        new Access("get", "/pods", ns, "", false),
        new Access("create", "/pods/exec", ns, "", false),
        new Access("create", "/pods/attach", ns, "", false),
        new Access("patch", "eider.dev/assets", ns, "", false),
        new Access("get", "/secrets", "kube-system", "", false),
        new Access("get", "/configmaps", "kube-system", "", false),
        new Access("create", "/serviceaccounts/token", "kube-system", "default", false),
        new Access("update", "coordination.k8s.io/leases", release, "another-lease", false),
        new Access("create", "coordination.k8s.io/leases", "kube-system", "", false),
        new Access("update", "coordination.k8s.io/leases", "kube-system", "kube-controller-manager", false),
        new Access("create", "apps/deployments", ns, "", false),
        new Access("bind", "rbac.authorization.k8s.io/clusterroles", "", "admin", false),
        new Access("bind", "rbac.authorization.k8s.io/clusterroles", "", "cluster-admin", false),
        new Access("escalate", "rbac.authorization.k8s.io/clusterroles", "", "", false),
        new Access("escalate", "rbac.authorization.k8s.io/roles", ns, "", false),
        new Access("create", "rbac.authorization.k8s.io/clusterrolebindings", "", "", false),
        new Access("update", "rbac.authorization.k8s.io/clusterroles", "", "", false),
        new Access("create", "rbac.authorization.k8s.io/roles", ns, "", false),
        new Access("impersonate", "/users", "", "", false),
        new Access("impersonate", "/serviceaccounts", ns, "", false),
        new Access("impersonate", "/groups", "", "system:masters", false),
        new Access("create", "admissionregistration.k8s.io/validatingwebhookconfigurations", "", "", false),
        new Access("patch", "admissionregistration.k8s.io/validatingwebhookconfigurations", "", "", false),
        new Access("create", "admissionregistration.k8s.io/mutatingwebhookconfigurations", "", "", false),
        new Access("delete", "apiextensions.k8s.io/customresourcedefinitions", "", "assets.eider.dev", false),
        new Access("update", "apiextensions.k8s.io/customresourcedefinitions", "", "assets.eider.dev", false),
        new Access("get", "apiextensions.k8s.io/customresourcedefinitions", "", "other.example.com", false),
        new Access("delete", "/nodes", "", "", false),
        new Access("create", "certificates.k8s.io/certificatesigningrequests", "", "", false)));
    // The BranchDeployment controller: granted with branches on, none of it with branches off.
    // Namespace delete is not limited by RBAC (any name): the operator's own check keeps it to
    // namespaces its BranchDeployments created.
    matrix.addAll(List.of(
        new Access("create", "/namespaces", "", "", branches),
        new Access("get", "/namespaces", "", "kube-system", branches),
        new Access("delete", "/namespaces", "", "kube-system", branches),
        new Access("list", "/secrets", "", "", branches),
        new Access("create", "/secrets", "kube-system", "", branches),
        new Access("create", "/serviceaccounts", ns, "", branches),
        new Access("create", "/resourcequotas", ns, "", branches),
        new Access("create", "/limitranges", ns, "", branches),
        new Access("create", "rbac.authorization.k8s.io/rolebindings", ns, "", branches),
        new Access("bind", "rbac.authorization.k8s.io/clusterroles", "", "view", branches),
        new Access("bind", "rbac.authorization.k8s.io/clusterroles", "", "edit", branches),
        new Access("create", "eider.dev/assets", ns, "", branches),
        new Access("delete", "eider.dev/assets", ns, "", branches),
        new Access("list", "eider.dev/branchdeployments", "", "", branches),
        new Access("patch", "eider.dev/branchdeployments/status", "", "", branches),
        new Access("delete", "eider.dev/branchdeployments", "", "", branches),
        new Access("get", "apiextensions.k8s.io/customresourcedefinitions", "", "branchdeployments.eider.dev", branches),
        // Never, even with branches on.
        new Access("create", "eider.dev/branchdeployments", "", "", false),
        new Access("update", "eider.dev/branchdeployments", "", "", false)));
    List<String> groups = List.of("system:serviceaccounts", "system:serviceaccounts:" + release, "system:authenticated");
    Map<String, Boolean> actual = new LinkedHashMap<>();
    Map<String, Boolean> wanted = new LinkedHashMap<>();
    for (Access access : matrix) {
      String[] parts = access.resource().split("/", 3);
      wanted.put(access.toString(), access.expected());
      actual.put(access.toString(), allowed(chart.user(), groups, access.verb(), parts[0], parts[1], parts.length > 2 ? parts[2] : "",
          access.namespace(), access.name()));
    }
    assertThat(actual).as("can-i matrix of %s (branches %s)", chart.user(), branches ? "on" : "off").isEqualTo(wanted);
  }

  private boolean allowed(String user, List<String> groups, String verb, String group, String resource, String subresource,
                          String namespace, String name) {
    SubjectAccessReview review = client.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
        .withNewSpec().withUser(user).withGroups(groups)
        .withNewResourceAttributes().withVerb(verb).withGroup(group).withResource(resource).withSubresource(subresource)
        .withNamespace(namespace).withName(name).endResourceAttributes()
        .endSpec().build());
    return Boolean.TRUE.equals(review.getStatus().getAllowed());
  }

  @Test
  void branchDeploymentLivesAndDiesWithTheChartsRbac() throws IOException {
    String base = cluster.newNamespace("chart-base");
    Installation chart = install(base);
    AssetFixtures assets = new AssetFixtures(client, base);
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: pack}
        spec:
          ingest: {bluesky: {starterPack: {uri: "at://did:plc:abc/app.bsky.graph.starterpack/3l7cddlz5ja24"}}}
        """);
    // The cluster admin's opt-ins: the base namespace and the one Secret branches may copy from it.
    client.namespaces().withName(base).edit(ns -> new NamespaceBuilder(ns)
        .editMetadata().addToLabels("eider.dev/branch-base", "true").endMetadata().build());
    client.resource(new SecretBuilder().withNewMetadata().withName("bluesky-credentials").withNamespace(base)
        .addToLabels("eider.dev/branch-copy", "true").endMetadata()
        .withStringData(Map.of("BLUESKY_IDENTIFIER", "someone.example")).build()).create();
    // And the storage key of branch runs (the chart's default branch.storageCredentialsSecret), which every branch copies.
    client.resource(new SecretBuilder().withNewMetadata().withName("eider-branch-storage").withNamespace(base)
        .addToLabels("eider.dev/branch-copy", "true").endMetadata()
        .withStringData(Map.of("AWS_ACCESS_KEY_ID", "branch-key", "AWS_SECRET_ACCESS_KEY", "branch-secret")).build()).create();
    String name = "br-" + chart.releaseName();
    // Everything the chart grants for branches: a namespace, a copied Secret, a worker ServiceAccount,
    // the quota and limits, a RoleBinding to `edit` (the bind verb), the base's Assets copied.
    BranchDeployment deployment = client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: eider.dev/v1alpha1
        kind: BranchDeployment
        metadata: {name: %s}
        spec:
          branch: feature/%s
          baseNamespace: %s
          assets: {from: base}
          database: {mode: empty}
          secrets: [bluesky-credentials]
          access: {groups: [data-team], role: edit}
        """.formatted(name, chart.releaseName(), base), BranchDeployment.class)).create();
    var deployments = client.resources(BranchDeployment.class);
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
      BranchDeployment current = deployments.withName(name).get();
      assertThat(current.getStatus() == null ? List.<Condition>of() : current.getStatus().getConditions())
          .as("conditions of %s (operator log: %s)", name, chart.dir().resolve("operator.log"))
          .anyMatch(condition -> condition.getType().equals("Ready") && condition.getStatus().equals("True"));
    });
    String namespace = deployments.withName(name).get().getStatus().getNamespace();
    for (String copied : List.of("bluesky-credentials", "eider-branch-storage")) {
      assertThat(client.secrets().inNamespace(namespace).withName(copied).get().getData()).as("the copy of %s", copied)
          .isNotEmpty().isEqualTo(client.secrets().inNamespace(base).withName(copied).get().getData());
    }
    assertThat(client.rbac().roleBindings().inNamespace(namespace).list().getItems())
        .anyMatch(binding -> binding.getRoleRef().getName().equals("edit"));
    assertThat(client.resourceQuotas().inNamespace(namespace).list().getItems()).isNotEmpty();
    assertThat(client.resources(Asset.class).inNamespace(namespace).withName("pack").get()).isNotNull();

    // Positive controls: even with branches on, the ServiceAccount cannot make a BranchDeployment or
    // get a Secret of kube-system, while it can list the Secrets of the branch namespace it made.
    try (KubernetesClient asOperator = asOperator(chart)) {
      assertThat(asOperator.secrets().inNamespace(namespace).list().getItems()).extracting(secret -> secret.getMetadata().getName())
          .contains("bluesky-credentials");
      assertForbidden(() -> asOperator.resource(branchDeployment("refused-" + chart.releaseName(), base)).create());
      assertForbidden(() -> asOperator.secrets().inNamespace("kube-system").withName("any").get());
    }

    client.resource(deployment).delete();
    await().atMost(Duration.ofSeconds(120)).until(() -> deployments.withName(name).get() == null);
    assertThat(client.namespaces().withName(namespace).get()).isNull();
    assertThat(operator.log()).doesNotContain("Forbidden").doesNotContain("forbidden");
  }

  /** A client that is the chart's ServiceAccount, as the operator process is. */
  private KubernetesClient asOperator(Installation chart) {
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(cluster.controlPlane().config()).withImpersonateUsername(chart.user()).build()).build();
  }

  /** Refused by RBAC: 403, with the word the operator-log checks look for. */
  private static void assertForbidden(org.assertj.core.api.ThrowableAssert.ThrowingCallable request) {
    assertThatThrownBy(request).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(403);
      assertThat(e.getMessage()).containsIgnoringCase("forbidden");
    });
  }

  private BranchDeployment branchDeployment(String name, String base) {
    return client.getKubernetesSerialization().unmarshal("""
        apiVersion: eider.dev/v1alpha1
        kind: BranchDeployment
        metadata: {name: %s}
        spec:
          branch: feature/%s
          baseNamespace: %s
          assets: {from: none}
          database: {mode: empty}
        """.formatted(name, name, base), BranchDeployment.class);
  }

  /**
   * docs/operations.md's uninstall, step by step, on a release with a ran Asset and a branch with a
   * cloned staging database: 1. BranchDeployments deleted while the operator runs (the finalizer
   * deletes the namespace and drops the database), 2. Assets, 3. the release (its objects, as
   * `helm uninstall` deletes them, and the Lease). Nothing the operator created is left: no branch
   * namespace, Job, pod, ConfigMap, copied Secret, staging database or object under the branch
   * prefix; production's warehouse stays, as the docs say. Step 4 (the CRDs) is not taken: the test
   * cluster is shared with the other tests.
   */
  @Test
  void theDocumentedUninstallOrderLeavesNothingBehind() throws Exception {
    String base = cluster.newNamespace("chart-uninstall");
    // A real worker: the clone and drop Jobs create and drop a real staging database. The Grafana
    // dashboard's ConfigMap is installed (and uninstalled) with the rest; the ServiceMonitor and
    // PrometheusRule cannot be: this cluster has no Prometheus Operator CRDs (HelmMonitoringTest).
    Installation chart = install(base, """
        metrics:
          grafanaDashboard: {enabled: true}
        """, "ghcr.io/eider/worker:test");
    assertThat(chart.objects()).filteredOn(object -> object.getMetadata().getName().equals(chart.releaseName() + "-dashboard"))
        .singleElement().satisfies(dashboard -> assertThat(client.resource(dashboard).get()).isNotNull());
    String production = LocalCluster.warehouse(base + "/warehouse/eider.duckdb");
    uploadEmptyDuckDb(production);
    client.resource(LocalCluster.storageSecret(chart.release())).serverSideApply();
    client.namespaces().withName(base).edit(ns -> new NamespaceBuilder(ns)
        .editMetadata().addToLabels("eider.dev/branch-base", "true").endMetadata().build());
    client.resource(LocalCluster.branchStorageSecret(cluster.s3(), TestCluster.BUCKET, base, base, "uninstall-branch", "uninstall-secret"))
        .create();
    AssetFixtures assets = new AssetFixtures(client, base);
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: pack}
        spec:
          ingest: {bluesky: {starterPack: {uri: "at://did:plc:abc/app.bsky.graph.starterpack/3l7cddlz5ja24"}}}
          automation: {onMissing: true}
          worker: {image: %s}
        """.formatted(TestCluster.FAKE_WORKER_IMAGE));
    assets.awaitCondition("pack", "Ready", "True", Duration.ofSeconds(90));
    String name = "un-" + chart.releaseName();
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: eider.dev/v1alpha1
        kind: BranchDeployment
        metadata: {name: %s}
        spec:
          branch: uninstall/%s
          baseNamespace: %s
          assets: {from: none}
          database: {mode: clone}
        """.formatted(name, chart.releaseName(), base), BranchDeployment.class)).create();
    var deployments = client.resources(BranchDeployment.class);
    await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> {
      BranchDeployment current = deployments.withName(name).get();
      assertThat(current.getStatus() == null ? List.<Condition>of() : current.getStatus().getConditions())
          .as("conditions of %s (operator log: %s)", name, chart.dir().resolve("operator.log"))
          .anyMatch(condition -> condition.getType().equals("DatabaseReady") && condition.getStatus().equals("True"));
    });
    BranchDeployment ready = deployments.withName(name).get();
    String branchNamespace = ready.getStatus().getNamespace();
    String staging = ready.getStatus().getDatabase().getName();
    String branchPrefix = client.namespaces().withName(branchNamespace).get().getMetadata().getAnnotations().get("eider.dev/object-prefix");
    // Positive controls: there is something to clean up.
    assertThat(WarehouseDownload.etag(cluster.s3(), staging)).as("the cloned staging database %s", staging).isPresent();
    assertThat(managed(base, "jobs")).isNotEmpty();
    assertThat(managed(base, "configmaps")).isNotEmpty();
    assertThat(managed(chart.release(), "jobs")).as("the clone Job").isNotEmpty();
    assertThat(client.secrets().inNamespace(branchNamespace).withName("eider-branch-storage").get()).isNotNull();
    assertThat(client.leases().inNamespace(chart.release()).withName(chart.releaseName()).get()).isNotNull();

    // 1. BranchDeployments, while the operator runs; wait until they are gone.
    deployments.withName(name).delete();
    await().atMost(Duration.ofMinutes(3)).until(() -> deployments.withName(name).get() == null);
    assertThat(client.namespaces().withName(branchNamespace).get()).isNull();
    assertThat(client.namespaces().withLabel("eider.dev/branch-deployment", name).list().getItems()).isEmpty();
    assertThat(WarehouseDownload.etag(cluster.s3(), staging)).as("the staging database").isEmpty();
    assertThat(objectsUnder(branchPrefix + "/")).as("objects under %s", branchPrefix).isEmpty();
    // The clone and drop Jobs belong to the BranchDeployment and go with it.
    await().atMost(Duration.ofSeconds(60)).until(() -> managed(chart.release(), "jobs").isEmpty() && managed(chart.release(), "pods").isEmpty());

    // 2. Assets: their Jobs, pods and partition-state ConfigMaps are garbage-collected with them.
    client.resources(Asset.class).inNamespace(base).delete();
    await().atMost(Duration.ofSeconds(60)).until(() -> managed(base, "jobs").isEmpty() && managed(base, "pods").isEmpty()
        && managed(base, "configmaps").isEmpty());

    // 3. The operator: what `helm uninstall` deletes (the rendered objects), and the Lease.
    operator.close();
    operator = null;
    for (HasMetadata object : chart.objects()) {
      client.resource(object).delete();
    }
    client.leases().inNamespace(chart.release()).withName(chart.releaseName()).delete();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      for (HasMetadata object : chart.objects()) {
        assertThat(client.resource(object).get()).as("%s/%s", object.getKind(), object.getMetadata().getName()).isNull();
      }
    });
    assertThat(client.leases().inNamespace(chart.release()).withName(chart.releaseName()).get()).isNull();
    for (String namespace : List.of(base, chart.release())) {
      for (String kind : List.of("jobs", "pods", "configmaps", "secrets", "serviceaccounts")) {
        assertThat(managed(namespace, kind)).as("%s made by the operator in %s", kind, namespace).isEmpty();
      }
    }
    // What stays on purpose: production's warehouse and the Secrets you created.
    assertThat(WarehouseDownload.etag(cluster.s3(), production)).isPresent();
    clusterScoped = List.of();
  }

  /** Names of objects of {@code plural} in {@code namespace} labelled as the operator's. */
  private List<String> managed(String namespace, String plural) {
    var list = switch (plural) {
      case "jobs" -> client.batch().v1().jobs().inNamespace(namespace).withLabel("app.kubernetes.io/managed-by", "eider-operator").list()
          .getItems().stream().map(o -> o.getMetadata().getName());
      case "pods" -> client.pods().inNamespace(namespace).withLabel("app.kubernetes.io/managed-by", "eider-operator").list()
          .getItems().stream().map(o -> o.getMetadata().getName());
      case "configmaps" -> client.configMaps().inNamespace(namespace).withLabel("app.kubernetes.io/managed-by", "eider-operator").list()
          .getItems().stream().map(o -> o.getMetadata().getName());
      case "secrets" -> client.secrets().inNamespace(namespace).withLabel("app.kubernetes.io/managed-by", "eider-operator").list()
          .getItems().stream().map(o -> o.getMetadata().getName());
      case "serviceaccounts" -> client.serviceAccounts().inNamespace(namespace).withLabel("app.kubernetes.io/managed-by", "eider-operator")
          .list().getItems().stream().map(o -> o.getMetadata().getName());
      default -> throw new IllegalArgumentException(plural);
    };
    return list.toList();
  }

  private List<String> objectsUnder(String prefix) {
    try (S3Client s3 = WarehouseDownload.client(cluster.s3())) {
      return s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(TestCluster.BUCKET).prefix(prefix).build()).contents()
          .stream().map(S3Object::key).toList();
    }
  }

  /** An empty DuckDB database at {@code uri} (s3://bucket/key): production's warehouse, for the clone. */
  private void uploadEmptyDuckDb(String uri) throws Exception {
    Path file = TestCluster.tempDir("eider-production").resolve("eider.duckdb");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      db.createStatement().execute("create table marker as select 1 as one");
    }
    String key = uri.substring(("s3://" + TestCluster.BUCKET + "/").length());
    try (S3Client s3 = WarehouseDownload.client(cluster.s3())) {
      s3.putObject(PutObjectRequest.builder().bucket(TestCluster.BUCKET).key(key).build(), RequestBody.fromFile(file));
    }
  }

  /**
   * The environment of the Deployment's container as the kubelet would give it: fieldRefs
   * resolved, $(VAR) expanded, HOSTNAME the pod name, and paths under a ConfigMap volume's mount
   * pointing at a local copy of the ConfigMap's files.
   */
  private static Map<String, String> podEnvironment(Deployment deployment, List<HasMetadata> objects, String namespace,
                                                    String pod, Path mounts) throws IOException {
    var spec = deployment.getSpec().getTemplate().getSpec();
    Container container = spec.getContainers().get(0);
    Map<String, String> mountPaths = new LinkedHashMap<>();
    for (VolumeMount mount : container.getVolumeMounts()) {
      Volume volume = spec.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
      if (volume.getConfigMap() == null) {
        continue;
      }
      ConfigMap configMap = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
          .filter(cm -> cm.getMetadata().getName().equals(volume.getConfigMap().getName())).findFirst().orElseThrow();
      Path local = Files.createDirectories(mounts.resolve(volume.getName()));
      for (var file : configMap.getData().entrySet()) {
        Files.writeString(local.resolve(file.getKey()), file.getValue());
      }
      mountPaths.put(mount.getMountPath(), local.toString());
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOSTNAME", pod);
    for (EnvVar variable : container.getEnv()) {
      String value;
      if (variable.getValueFrom() != null) {
        String field = variable.getValueFrom().getFieldRef().getFieldPath();
        value = switch (field) {
          case "metadata.namespace" -> namespace;
          case "metadata.name" -> pod;
          default -> throw new IllegalStateException("unexpected fieldRef " + field);
        };
      } else {
        Matcher matcher = VARIABLE.matcher(variable.getValue());
        value = matcher.replaceAll(match -> Matcher.quoteReplacement(env.getOrDefault(match.group(1), match.group())));
      }
      for (var mount : mountPaths.entrySet()) {
        if (value.startsWith(mount.getKey() + "/")) {
          value = mount.getValue() + value.substring(mount.getKey().length());
        }
      }
      env.put(variable.getName(), value);
    }
    return env;
  }
}
