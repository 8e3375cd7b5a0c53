package dev.eider.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eider.e2e.support.AssetFixtures;
import dev.eider.e2e.support.BlueskyServer;
import dev.eider.e2e.support.RunningOperator;
import dev.eider.e2e.support.TestCluster;
import dev.eider.operator.asset.history.RunHistory;
import dev.eider.operator.asset.history.RunRecord;
import dev.eider.testkit.kube.ContainerImages;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Run history with the real worker on the test kubelet: each finished run is kept in the Asset's
 * {@code <asset>-runs} ConfigMap with its outcome, exit code, message and the tail of the log the
 * worker really wrote (read by the operator through the API server's pods/log, which reaches the
 * test kubelet), and all of it is still there once the Job and its pod are deleted. A run that fails
 * on bad input is kept with exit code 2, PERMANENT and the worker's message.
 */
class RunHistoryTest {

  static final String WORKER_IMAGE = ContainerImages.WORKER_REPOSITORY + ":test";
  static final int MEMBERS = 3;

  private final TestCluster cluster = TestCluster.get();
  @RegisterExtension
  @Order(1)
  final BlueskyServer bluesky = BlueskyServer.perTest(MEMBERS, 3);
  @RegisterExtension
  @Order(2)
  final RunningOperator eider = RunningOperator.perTest("runlog").configured(operator -> operator
      .with("eider.worker.image", WORKER_IMAGE)
      .with("eider.worker.env.BLUESKY_APPVIEW_URL", bluesky.url()));
  private String namespace;
  private AssetFixtures assets;

  @BeforeEach
  void namespace() {
    namespace = eider.namespace();
    assets = eider.assets();
  }

  @Test
  void aRunsRecordAndLogTailOutliveItsJob() {
    String uri = bluesky.dataset().starterPack().uri();
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: starter-pack-snapshot}
        spec:
          ingest: {bluesky: {starterPack: {uri: "%s"}}}
          automation: {onMissing: true}
        """.formatted(uri));
    assets.awaitCondition("starter-pack-snapshot", "Ready", "True", Duration.ofMinutes(3));

    List<Job> jobs = cluster.client().batch().v1().jobs().inNamespace(namespace).withLabel("eider.dev/asset", "starter-pack-snapshot")
        .list().getItems();
    assertThat(jobs).hasSize(1);
    String job = jobs.get(0).getMetadata().getName();
    // The line the worker prints when it is done, as the API server serves it from the test kubelet.
    String printed = MEMBERS + " members of " + uri + " -> ";
    Pod pod = cluster.client().pods().inNamespace(namespace).withLabel("job-name", job).list().getItems().get(0);
    assertThat(cluster.client().pods().inNamespace(namespace).withName(pod.getMetadata().getName()).inContainer("worker").getLog())
        .contains(printed);

    ConfigMap stored = cluster.client().configMaps().inNamespace(namespace).withName("starter-pack-snapshot-runs").get();
    assertThat(stored.getMetadata().getLabels()).containsAllEntriesOf(Map.of("eider.dev/state-of", "starter-pack-snapshot",
        "app.kubernetes.io/component", "run-history", "app.kubernetes.io/managed-by", "eider-operator"));
    assertThat(stored.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(owner -> assertThat(owner.getName()).isEqualTo("starter-pack-snapshot"));
    RunRecord run = history("starter-pack-snapshot").runs().get(0);
    assertThat(history("starter-pack-snapshot").runs()).hasSize(1);
    assertThat(run.job()).isEqualTo(job);
    assertThat(run.outcome()).isEqualTo("SUCCEEDED");
    assertThat(run.exitCode()).isZero();
    assertThat(run.reason()).isNull();
    assertThat(run.attempt()).isEqualTo(1);
    assertThat(run.trigger()).isEqualTo("MISSING");
    assertThat(run.partitions()).containsExactly("");
    assertThat(run.message()).isEqualTo(MEMBERS + " items");
    assertThat(run.startedAt()).isNotNull();
    assertThat(run.finishedAt()).isAfterOrEqualTo(run.startedAt());
    assertThat(run.logTail()).contains(printed);

    // The Job goes (as its TTL would take it), and its pod with it: the record and its tail stay.
    cluster.client().batch().v1().jobs().inNamespace(namespace).withName(job).withPropagationPolicy(DeletionPropagation.FOREGROUND)
        .delete();
    await().atMost(Duration.ofSeconds(60)).until(() -> cluster.client().batch().v1().jobs().inNamespace(namespace).withName(job).get() == null
        && cluster.client().pods().inNamespace(namespace).withLabel("job-name", job).list().getItems().isEmpty());
    assertThat(history("starter-pack-snapshot").runs()).containsExactly(run);
  }

  @Test
  void aRunFailingOnBadInputIsKeptWithExitCodeTwoAndItsMessage() {
    // Passes the operator's check (no parser there); DuckDB's parser in the worker refuses it: exit 2.
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: misspelt}
        spec:
          transform: {sql: "SELECT 1 AS n FORM raw_list_items"}
          automation: {onMissing: true}
        """);
    await().atMost(Duration.ofMinutes(3)).until(() -> !history("misspelt").runs().isEmpty());

    RunRecord run = history("misspelt").runs().get(0);
    assertThat(run.outcome()).isEqualTo("PERMANENT");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.reason()).isNull();
    String error = "model misspelt, line 1: sql refused, it is not valid SQL (syntax error at or near \"FORM\"); a model is one "
        + "read-only SELECT (or WITH ... SELECT, or VALUES), nothing was run";
    assertThat(run.message()).isEqualTo("exit 2: " + error);
    // What the worker printed on stderr, in the tail.
    assertThat(run.logTail()).isEqualTo("error: " + error + "\n");
    // The record is written during the reconcile, the status at its end: under load the two can be seconds apart.
    assets.awaitCondition("misspelt", "Failed", "True", Duration.ofSeconds(60));
  }

  private RunHistory history(String asset) {
    ConfigMap stored = cluster.client().configMaps().inNamespace(namespace).withName(asset + "-runs").get();
    return stored == null ? RunHistory.empty() : RunHistory.fromData(stored.getData(), asset + "-runs");
  }
}
