package dev.eider.e2e.realnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eider.e2e.cluster.ClusterPipeline;
import dev.eider.e2e.cluster.ClusterPipeline.Installation;
import dev.eider.e2e.cluster.ClusterTarget;
import dev.eider.e2e.local.LocalCluster;
import dev.eider.e2e.local.SampleAssets;
import dev.eider.e2e.support.BranchEscapeAttempt;
import dev.eider.e2e.support.AssetFixtures;
import dev.eider.operator.api.asset.Asset;
import dev.eider.e2e.support.KubectlPlugin;
import dev.eider.e2e.support.TestCluster;
import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.testkit.bluesky.FakeBluesky;
import dev.eider.testkit.s3.LocalS3;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Eider on a real cluster, installed the way users install it (the images built from the
 * repository's Dockerfiles, {@code helm install} of the chart), every run a real container under a
 * real kubelet, in a cluster that enforces the {@code restricted} Pod Security rules on every pod.
 * The cluster comes from the environment ({@link ClusterTarget}): {@code ./bin/test} starts the
 * project's real node (e2e/bin/real-node.sh); elsewhere k3s or kind with their own kubeconfig.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNodeTest {

  private static final int MEMBERS = 5;
  private static final String BRANCH_KEY = "eider-branch-real-node";
  private static final String BRANCH_SECRET = "branch-secret-" + Long.toString(System.nanoTime(), 36);
  private static FakeBluesky bluesky;
  private static Installation eider;
  private static KubernetesClient client;
  private static final Path DIR = TestCluster.tempDir("real-node");

  @BeforeAll
  static void install() throws Exception {
    ClusterTarget.Lookup lookup = ClusterTarget.fromEnvironment(System.getenv());
    Assumptions.assumeTrue(lookup.target().isPresent(), lookup.reason());
    ClusterTarget target = lookup.target().get();
    bluesky = FakeBluesky.builder().host(target.hostAddress()).members(MEMBERS).feedLength(60).start();
    eider = ClusterPipeline.install(target, TestCluster.repo(), DIR, Map.of("BLUESKY_APPVIEW_URL", bluesky.url()));
    client = eider.client();
  }

  @AfterAll
  static void uninstall() {
    if (eider != null) {
      eider.close();
    }
    if (bluesky != null) {
      bluesky.close();
    }
  }

  @Test
  @Order(1)
  void operatorRunsAsTheChartsDeploymentWithItsProbesPassing() {
    Deployment deployment = client.apps().deployments().inNamespace(ClusterPipeline.RELEASE_NAMESPACE)
        .withName(ClusterPipeline.RELEASE).get();
    assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(1);
    Pod pod = operatorPod();
    ContainerStatus status = pod.getStatus().getContainerStatuses().get(0);
    assertThat(status.getContainerID()).as("a real container").startsWith("docker://");
    assertThat(status.getReady()).isTrue();
    assertThat(status.getRestartCount()).isZero();
    assertThat(status.getImage()).isEqualTo(eider.images().operator());
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo(deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
    assertThat(pod.getSpec().getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    // Admitted under the restricted policy (the only one the cluster has).
    assertThat(pod.getMetadata().getAnnotations()).containsEntry("kubernetes.io/psp", "eider-restricted");
  }

  @Test
  @Order(2)
  void samplePipelineRunsFromStarterPackToMartsInRealContainers() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    ClusterPipeline pipeline = new ClusterPipeline(new ClusterPipeline.Options(TestCluster.repo(), DIR, bluesky.url(),
        bluesky.dataset().starterPack().uri(), Duration.ofMinutes(15)), new PrintStream(output, true, StandardCharsets.UTF_8));
    ClusterPipeline.Result result;
    try {
      result = pipeline.run(eider);
    } finally {
      System.out.println(output.toString(StandardCharsets.UTF_8));
    }

    assertThat(result.rowCounts()).containsEntry("all_profiles", (long) MEMBERS)
        .allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("== Top posts", "== Top links", "== Activity", "== Profiles");
    assertThat(bluesky.stats().count("app.bsky.graph.getStarterPack")).isEqualTo(1);
    assertThat(bluesky.stats().count("app.bsky.feed.getAuthorFeed")).isGreaterThanOrEqualTo(MEMBERS);

    // Every run was a pod of the worker image in a container of its own, on the pod network.
    List<Pod> pods = client.pods().inNamespace(ClusterPipeline.NAMESPACE).list().getItems();
    assertThat(pods).hasSizeGreaterThanOrEqualTo(8).allSatisfy(pod -> {
      PodSpec spec = pod.getSpec();
      assertThat(spec.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
      assertThat(pod.getStatus().getPodIP()).startsWith(eider.target().hostAddress().substring(0,
          eider.target().hostAddress().lastIndexOf('.') + 1));
      ContainerStatus status = pod.getStatus().getContainerStatuses().get(0);
      assertThat(status.getContainerID()).startsWith("docker://");
      assertThat(status.getImage()).isEqualTo(eider.images().worker());
      assertThat(status.getState().getTerminated().getExitCode()).as(pod.getMetadata().getName()).isZero();
      // The worker wrote its result to /dev/termination-log, as in any container.
      assertThat(status.getState().getTerminated().getMessage()).startsWith("{\"command\":");
      Container worker = spec.getContainers().get(0);
      assertThat(worker.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(worker.getResources().getLimits()).containsKey("memory");
    });
    assertThat(eider.objects(ClusterPipeline.WAREHOUSE_KEY)).hasSize(1);

    // kubectl eider logs reads the newest run's log from the real kubelet: what the worker printed.
    KubectlPlugin.Result logs = new KubectlPlugin(eider.target().kubeconfig(), ClusterPipeline.NAMESPACE)
        .run("logs", "latest-feed");
    assertThat(logs.exit()).as(logs.err()).isZero();
    assertThat(logs.out()).contains("latest_feed: ").contains(" rows in ");

    // The operator owns only the status: a changed spec re-applied server-side (as kubectl apply
    // --server-side or a GitOps tool does) meets no conflict with the operator's field manager.
    GenericKubernetesResource asset = client.genericKubernetesResources(SampleAssets.ASSETS).inNamespace(ClusterPipeline.NAMESPACE)
        .withName("latest-feed").get();
    asset.getMetadata().setManagedFields(null);
    asset.getMetadata().setResourceVersion(null);
    asset.getAdditionalProperties().remove("status");
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) asset.getAdditionalProperties().get("spec");
    spec.put("description", "re-applied with a new description");
    client.genericKubernetesResources(SampleAssets.ASSETS).inNamespace(ClusterPipeline.NAMESPACE).resource(asset).serverSideApply();
    assertThat(client.resources(Asset.class).inNamespace(ClusterPipeline.NAMESPACE).withName("latest-feed").get().getMetadata()
        .getManagedFields()).filteredOn(fields -> !"fabric8".equals(fields.getManager()))
        .allSatisfy(fields -> assertThat(fields.getFieldsV1().getAdditionalProperties()).doesNotContainKey("f:spec"));
  }

  @Test
  @Order(3)
  void branchDeploymentClonesRunsAndTearsDownUnderRestrictedPodSecurity() {
    Map<String, String> production = eider.objects("");
    // The admin's opt-ins: this namespace may be a branch's base, this Secret may be copied into branches.
    client.namespaces().withName(ClusterPipeline.NAMESPACE).edit(ns -> {
      ns.getMetadata().getLabels().put("eider.dev/branch-base", "true");
      return ns;
    });
    // Branch runs get a storage key of their own: read on production, write only where branches write.
    String bucket = ClusterPipeline.BUCKET;
    client.resource(LocalCluster.branchStorageSecret(eider.s3(), bucket, ClusterPipeline.PREFIX, ClusterPipeline.NAMESPACE,
        BRANCH_KEY, BRANCH_SECRET)).create();
    client.resource(Serialization.unmarshal("""
        apiVersion: eider.dev/v1alpha1
        kind: BranchDeployment
        metadata: {name: real-node-branch}
        spec:
          branch: feature/real-node
          commit: 3f9c2ab
          baseNamespace: %s
          assets: {from: base, selector: {}, rebuild: all}
          overrides:
            automation: {cron: suspend}
            partitions: {limit: 2}
          database: {mode: clone}
          ttl: 2h
        """.formatted(ClusterPipeline.NAMESPACE), BranchDeployment.class)).create();
    await().atMost(Duration.ofMinutes(5)).until(() -> condition("real-node-branch", "Ready"));
    BranchDeployment deployment = client.resources(BranchDeployment.class).withName("real-node-branch").get();
    String namespace = deployment.getStatus().getNamespace();
    String staging = deployment.getStatus().getDatabase().getName();
    assertThat(staging).startsWith("s3://" + ClusterPipeline.BUCKET + "/").isNotEqualTo("s3://" + ClusterPipeline.BUCKET + "/"
        + ClusterPipeline.WAREHOUSE_KEY);
    String stagingKey = staging.substring(("s3://" + ClusterPipeline.BUCKET + "/").length());
    assertThat(eider.objects(stagingKey)).as("the staging database, cloned").containsOnlyKeys(stagingKey);
    Namespace ns = client.namespaces().withName(namespace).get();
    assertThat(ns.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted");

    // The branch's copies run in real containers under the restricted policy, into the staging database.
    AssetFixtures branchAssets = new AssetFixtures(client, namespace);
    branchAssets.awaitCondition("latest-feed", "Ready", "True", Duration.ofMinutes(8));
    List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
    assertThat(pods).isNotEmpty().allSatisfy(pod ->
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("kubernetes.io/psp", "eider-restricted"));
    Map<String, String> productionNow = eider.objects("");
    production.forEach((key, etag) -> assertThat(productionNow).as("production's object " + key).containsEntry(key, etag));

    // The branch's own image and key, aimed at production's database without the worker's guard: a real pod, refused by the storage.
    int refusedBefore = eider.s3().refusals().size();
    BranchEscapeAttempt.Outcome escape = BranchEscapeAttempt.run(client, namespace, "latest-feed", "escape-warehouse",
        Map.of("EIDER_WAREHOUSE", "s3://" + bucket + "/" + ClusterPipeline.WAREHOUSE_KEY), Set.of("EIDER_PROTECTED_DATABASES"),
        Duration.ofMinutes(5));
    assertThat(escape.succeeded()).as("a transform into production's database: " + escape.message()).isFalse();
    assertThat(escape.message()).contains("access denied (403 AccessDenied)");
    assertThat(eider.s3().refusals().subList(refusedBefore, eider.s3().refusals().size())).extracting(LocalS3.Refusal::key)
        .contains(ClusterPipeline.WAREHOUSE_KEY);
    assertThat(eider.objects(ClusterPipeline.WAREHOUSE_KEY)).as("production's database")
        .containsEntry(ClusterPipeline.WAREHOUSE_KEY, production.get(ClusterPipeline.WAREHOUSE_KEY));

    client.resources(BranchDeployment.class).withName("real-node-branch").delete();
    await().atMost(Duration.ofMinutes(5)).until(() -> client.resources(BranchDeployment.class).withName("real-node-branch").get() == null);
    assertThat(client.namespaces().withName(namespace).get()).isNull();
    assertThat(eider.objects(stagingKey)).as("the staging database, dropped").isEmpty();
    assertThat(eider.objects("")).as("production's objects after teardown").isEqualTo(production);
  }

  @Test
  @Order(4)
  void withoutTheRightToCreateJobsTheOperatorLogsTheRefusalAndNothingRuns() {
    // The Asset controller's ClusterRole (release "eider": the chart's fullname is the release name).
    String roleName = eider.release().name() + "-assets";
    ClusterRole original = client.rbac().clusterRoles().withName(roleName).get();
    assertThat(original).as("the chart's Asset ClusterRole").isNotNull();
    String namespace = "rbac-control";
    ClusterPipeline.prepareNamespace(client, namespace);
    try {
      client.rbac().clusterRoles().withName(roleName).edit(role -> {
        List<PolicyRule> rules = new ArrayList<>();
        for (PolicyRule rule : role.getRules()) {
          if (rule.getResources().contains("jobs") && rule.getApiGroups().contains("batch")) {
            rule.setVerbs(rule.getVerbs().stream().filter(verb -> !verb.equals("create")).toList());
          }
          rules.add(rule);
        }
        role.setRules(rules);
        return role;
      });
      new AssetFixtures(client, namespace).create("""
          apiVersion: eider.dev/v1alpha1
          kind: Asset
          metadata: {name: profiles}
          spec:
            ingest: {bluesky: {starterPack: {}}}
            partitions: {static: ["%s"]}
            automation: {onMissing: true}
          """.formatted(bluesky.dataset().starterPack().uri()));
      await().atMost(Duration.ofMinutes(2)).until(() -> operatorLog().contains("cannot create resource \\\"jobs\\\"")
          || operatorLog().contains("cannot create resource \"jobs\""));
      assertThat(operatorLog()).contains("system:serviceaccount:" + ClusterPipeline.RELEASE_NAMESPACE + ":");
      assertThat(client.batch().v1().jobs().inNamespace(namespace).list().getItems()).isEmpty();
      assertThat(new AssetFixtures(client, namespace).conditionIs("profiles", "Ready", "True")).isFalse();
    } finally {
      client.rbac().clusterRoles().withName(roleName).edit(role -> {
        role.setRules(original.getRules());
        return role;
      });
      client.namespaces().withName(namespace).delete();
    }
  }

  @Test
  @Order(5)
  void runsTheClusterCannotStartOrKillsAreNamedOnTheAsset() {
    String namespace = "real-failures";
    ClusterPipeline.prepareNamespace(client, namespace);
    try {
      // Admission refuses pods above the namespace's per-container maximum.
      client.resource(Serialization.unmarshal("""
          apiVersion: v1
          kind: LimitRange
          metadata: {name: small-containers, namespace: %s}
          spec:
            limits: [{type: Container, max: {memory: 3Gi}}]
          """.formatted(namespace), io.fabric8.kubernetes.api.model.LimitRange.class)).create();
      AssetFixtures assets = new AssetFixtures(client, namespace);
      String pack = bluesky.dataset().starterPack().uri();
      assets.create(failingAsset("too-big", pack, "resources: {limits: {memory: 4Gi}}"));
      assets.create(failingAsset("no-image", pack, "image: eider.invalid/no-such-worker:1"));
      // The JVM touches a 256 MiB heap at start: the kernel kills it at the 128 MiB limit.
      assets.create(failingAsset("oom", pack, """
          resources: {limits: {memory: 128Mi}}
              env: [{name: JAVA_TOOL_OPTIONS, value: "-Xms256m -Xmx256m -XX:+AlwaysPreTouch"}]"""));

      assets.awaitCondition("too-big", "Failed", "True", Duration.ofMinutes(3));
      assertThat(assets.condition("too-big", "Failed").orElseThrow().getReason()).isEqualTo("PodRefused");
      assertThat(assets.condition("too-big", "Failed").orElseThrow().getMessage()).contains("maximum memory usage per Container is 3Gi");

      assets.awaitCondition("oom", "Failed", "True", Duration.ofMinutes(3));
      assertThat(assets.condition("oom", "Failed").orElseThrow().getReason()).isEqualTo("OOMKilled");
      assertThat(assets.condition("oom", "Failed").orElseThrow().getMessage()).contains("worker killed by its memory limit (128Mi)");
      assertThat(client.pods().inNamespace(namespace).withLabel("eider.dev/asset", "oom").list().getItems())
          .as("retried per the policy: two attempts, both killed").hasSize(2)
          .allSatisfy(pod -> assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getReason())
              .isEqualTo("OOMKilled"));

      assets.awaitCondition("no-image", "Failed", "True", Duration.ofMinutes(4));
      assertThat(assets.condition("no-image", "Failed").orElseThrow().getReason()).isEqualTo("ImageUnavailable");
      assertThat(assets.condition("no-image", "Failed").orElseThrow().getMessage()).contains("eider.invalid/no-such-worker:1");
    } finally {
      client.namespaces().withName(namespace).delete();
    }
  }

  /** An ingestion asset of two attempts at most, its worker spec given as YAML lines. */
  private static String failingAsset(String name, String starterPack, String worker) {
    return """
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: %s}
        spec:
          ingest: {bluesky: {starterPack: {}}}
          partitions: {static: ["%s"]}
          automation: {onMissing: true}
          retry: {maxAttempts: 2, backoff: {initial: 1s, max: 2s}}
          worker:
            %s
        """.formatted(name, starterPack, worker);
  }

  private static Pod operatorPod() {
    return client.pods().inNamespace(ClusterPipeline.RELEASE_NAMESPACE).withLabel("app.kubernetes.io/component", "operator").list()
        .getItems().stream()
        .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).findFirst().orElseThrow();
  }

  private static String operatorLog() {
    Pod pod = operatorPod();
    return client.pods().inNamespace(ClusterPipeline.RELEASE_NAMESPACE).withName(pod.getMetadata().getName()).getLog();
  }

  private static boolean condition(String deployment, String type) {
    BranchDeployment bd = client.resources(BranchDeployment.class).withName(deployment).get();
    return bd != null && bd.getStatus() != null && bd.getStatus().getConditions() != null
        && bd.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals(type) && "True".equals(c.getStatus()));
  }
}
