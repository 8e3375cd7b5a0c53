package dev.eider.e2e.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.support.AssetFixtures;
import dev.eider.e2e.support.EiderOperator;
import dev.eider.e2e.support.KubectlPlugin;
import dev.eider.e2e.support.KubectlPlugin.Result;
import dev.eider.e2e.support.TestCluster;
import dev.eider.testkit.bluesky.FakeBluesky;
import dev.eider.testkit.kube.ContainerImages;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl eider}, found by kubectl on the PATH as users install it, against the real API
 * server and a running operator: status and graph read what the operator wrote, materialize and
 * backfill are annotations the operator acts on, logs picks the newest run's Job and reads what
 * the worker printed (served by the test kubelet through the API server), and once that Job is
 * gone prints the tail the operator kept; runs prints the run history.
 */
class KubectlPluginTest {

  private final TestCluster cluster = TestCluster.get();
  private String namespace;
  private FakeBluesky bluesky;
  private OperatorProcess operator;
  private AssetFixtures assets;
  private KubectlPlugin plugin;

  @BeforeEach
  void start() {
    namespace = cluster.newNamespace("plugin");
    bluesky = FakeBluesky.builder().members(3).feedLength(3).start();
    operator = EiderOperator.forNamespace(cluster, namespace)
        .with("eider.worker.image", ContainerImages.WORKER_REPOSITORY + ":test")
        .with("eider.worker.env.BLUESKY_APPVIEW_URL", bluesky.url())
        .start();
    assets = new AssetFixtures(cluster.client(), namespace);
    plugin = new KubectlPlugin(cluster.controlPlane().kubeconfig(), namespace);
  }

  @AfterEach
  void stop() {
    operator.close();
    bluesky.close();
  }

  @Test
  void statusGraphMaterializeBackfillAndLogsWorkAgainstTheApiServer() {
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: starter-pack-snapshot}
        spec:
          group: raw
          ingest: {bluesky: {starterPack: {uri: "%s"}}}
          automation: {onMissing: true}
        """.formatted(bluesky.dataset().starterPack().uri()));
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: pack-handles}
        spec:
          group: marts
          transform:
            sql: SELECT item->'subject'->>'handle' AS handle FROM raw_list_items
          deps: [{asset: starter-pack-snapshot}]
          automation: {eager: true}
        """);
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: handle-count}
        spec:
          transform:
            sql: SELECT count(*) AS n FROM pack_handles
          deps: [{asset: pack-handles}, {asset: elsewhere}]
        """);
    assets.awaitCondition("pack-handles", "Ready", "True", Duration.ofMinutes(3));

    Result status = plugin.run("status");
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(lines(status.out())).contains(
        "NAME GROUP READY REASON MATERIALIZED FAILED TOTAL LAST RUN",
        "starter-pack-snapshot raw True Materialized 1 0 1 " + finishedAt("starter-pack-snapshot"),
        "pack-handles marts True Materialized 1 0 1 " + finishedAt("pack-handles"));
    Result one = plugin.run("status", "pack-handles");
    assertThat(lines(one.out())).hasSize(2).last().asString().startsWith("pack-handles marts True");

    Result graph = plugin.run("graph");
    assertThat(graph.exit()).as(graph.err()).isZero();
    assertThat(lines(graph.out())).containsExactly(
        "LEVEL ASSET READY UPSTREAM",
        "0 starter-pack-snapshot True -",
        "1 pack-handles True starter-pack-snapshot",
        "2 handle-count " + ready("handle-count") + " pack-handles, elsewhere (not in this namespace)");

    String firstRun = assets.get("pack-handles").getStatus().getLastMaterialization().getJob();
    Result materialize = plugin.run("materialize", "pack-handles");
    assertThat(materialize.exit()).as(materialize.err()).isZero();
    assertThat(materialize.out()).startsWith("asset pack-handles: materialize requested (eider.dev/materialize=");
    assertThat(annotation("pack-handles", "eider.dev/materialize")).matches("[0-9]{10}");
    await().atMost(Duration.ofMinutes(2)).until(() -> !firstRun.equals(
        assets.get("pack-handles").getStatus().getLastMaterialization().getJob()));
    assertThat(jobs("pack-handles")).hasSize(2);

    // logs chose the newest Job and prints what its worker printed (a line of the transform command).
    Result logs = plugin.run("logs", "pack-handles");
    String newest = jobs("pack-handles").stream()
        .max(Comparator.comparing(job -> job.getMetadata().getCreationTimestamp())).orElseThrow().getMetadata().getName();
    assertThat(logs.err()).contains("# job/" + newest);
    assertThat(logs.exit()).as(logs.err()).isZero();
    assertThat(logs.out()).contains("pack_handles: 3 rows in ");
    Result neverRan = plugin.run("logs", "handle-count");
    assertThat(neverRan.exit()).isEqualTo(1);
    assertThat(neverRan.err()).contains("kubectl eider: no Job of asset handle-count exists and no run of it was recorded (it never ran)");

    // runs: the history the operator kept, newest first.
    Result runs = plugin.run("runs", "pack-handles");
    assertThat(runs.exit()).as(runs.err()).isZero();
    assertThat(lines(runs.out())).containsExactly(
        "JOB PARTITIONS ATTEMPT OUTCOME REASON EXIT STARTED FINISHED",
        newest + " (unpartitioned) 1 SUCCEEDED - 0 " + jobStart(newest) + " " + recordedFinish("pack-handles", 0),
        firstRun + " (unpartitioned) 1 SUCCEEDED - 0 " + jobStart(firstRun) + " " + recordedFinish("pack-handles", 1));
    Result noRuns = plugin.run("runs", "handle-count");
    assertThat(noRuns.exit()).isEqualTo(1);
    assertThat(noRuns.err()).contains("no run of asset handle-count was recorded yet");

    // The newest Job goes (as its TTL takes it) while the first is still there: logs prints the kept tail.
    cluster.client().batch().v1().jobs().inNamespace(namespace).withName(newest)
        .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.FOREGROUND).delete();
    await().atMost(Duration.ofSeconds(60)).until(() -> cluster.client().batch().v1().jobs().inNamespace(namespace).withName(newest).get() == null);
    Result kept = plugin.run("logs", "pack-handles");
    assertThat(kept.exit()).as(kept.err()).isZero();
    assertThat(kept.err()).contains("# job/" + newest + " is gone: the tail of its log the operator kept (ConfigMap pack-handles-runs)");
    assertThat(kept.out()).contains("pack_handles: 3 rows in ");
    assertThat(plugin.run("logs", "pack-handles", "--tail", "1").out().strip().lines()).hasSize(1);

    Result backfill = plugin.run("backfill", "starter-pack-snapshot", "2026-01-01..2026-01-03");
    assertThat(backfill.exit()).as(backfill.err()).isZero();
    assertThat(annotation("starter-pack-snapshot", "eider.dev/partitions")).isEqualTo("2026-01-01..2026-01-03");
    // Materialize without partitions clears a backfill's range, so it means "all due" again.
    assertThat(plugin.run("materialize", "starter-pack-snapshot").exit()).isZero();
    assertThat(annotation("starter-pack-snapshot", "eider.dev/partitions")).isNull();
  }

  @Test
  void mistakesAreNamedAndChangeNothing() {
    Result unknown = plugin.run("materialize", "no-such-asset");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("kubectl eider: no asset no-such-asset in namespace " + namespace);
    Result badName = plugin.run("materialize", "Bad_Name");
    assertThat(badName.err()).contains("'Bad_Name' is not an asset name");
    Result badRange = plugin.run("backfill", "x", "2026-01-01");
    assertThat(badRange.exit()).isEqualTo(1);
    assertThat(badRange.err()).contains("backfill needs an asset and a range: kubectl eider backfill <asset> <from>..<to>");
    Result comma = plugin.run("materialize", "x", "a,b");
    assertThat(comma.exit()).isEqualTo(1);
    Result command = plugin.run("frobnicate");
    assertThat(command.exit()).isEqualTo(1);
    assertThat(command.err()).contains("unknown command 'frobnicate'").contains("Usage: kubectl eider");
    Result noJob = plugin.run("logs", "x");
    assertThat(noJob.err()).contains("no asset x in namespace");
    // open looks for the chart's Service in the operator's namespace (none here) and says where it looked.
    Result noUi = plugin.run("open", "--operator-namespace", namespace);
    assertThat(noUi.exit()).isEqualTo(1);
    assertThat(noUi.err()).contains("kubectl eider: no Eider Service (label app.kubernetes.io/name=eider) in namespace " + namespace);
    assertThat(plugin.run("open", "--port", "eighty").err()).contains("--port needs a port number");
    assertThat(plugin.run("runs", "x").err()).contains("no asset x in namespace");
    assertThat(plugin.run("runs").err()).contains("runs needs an asset: kubectl eider runs <asset>");
    Result empty = plugin.run("graph");
    assertThat(empty.out().strip()).isEqualTo("no assets");
  }

  private String jobStart(String job) {
    return cluster.client().batch().v1().jobs().inNamespace(namespace).withName(job).get().getStatus().getStartTime();
  }

  /** The finish time of the {@code index}th run (newest first) as the operator recorded it. */
  private String recordedFinish(String asset, int index) {
    var stored = cluster.client().configMaps().inNamespace(namespace).withName(asset + "-runs").get();
    return dev.eider.operator.asset.history.RunHistory.fromData(stored.getData(), asset + "-runs").runs().get(index).finishedAt().toString();
  }

  private String finishedAt(String asset) {
    return assets.get(asset).getStatus().getLastMaterialization().getFinishedAt();
  }

  private String ready(String asset) {
    return assets.condition(asset, "Ready").map(c -> c.getStatus()).orElse("-");
  }

  private String annotation(String asset, String key) {
    return assets.get(asset).getMetadata().getAnnotations() == null ? null
        : assets.get(asset).getMetadata().getAnnotations().get(key);
  }

  private List<Job> jobs(String asset) {
    return cluster.client().batch().v1().jobs().inNamespace(namespace).withLabel("eider.dev/asset", asset).list().getItems();
  }

  /** Output lines with runs of spaces folded, so column widths do not matter. */
  private static List<String> lines(String out) {
    return Arrays.stream(out.split("\n")).map(line -> line.strip().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList();
  }
}
