package dev.eider.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.support.AssetFixtures;
import dev.eider.e2e.support.EiderOperator;
import dev.eider.e2e.support.RunningOperator;
import dev.eider.e2e.support.TestCluster;
import dev.eider.operator.api.asset.Asset;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator process turns due partitions into Jobs of the (fake) worker and records what they did. */
class AssetRunsTest {

  /** The operator for a new namespace, started before and stopped after each test. */
  @RegisterExtension
  final RunningOperator running = RunningOperator.perTest("runs");

  private final TestCluster cluster = TestCluster.get();
  private String namespace;
  private EiderOperator eider;
  private OperatorProcess operator;
  private AssetFixtures assets;
  private Path ledger;

  @BeforeEach
  void useOperator() {
    namespace = running.namespace();
    eider = running.operator();
    operator = running.process();
    assets = running.assets();
    ledger = running.dir().resolve("ledger");
  }

  @Test
  void missingUnpartitionedAssetRunsOnceAndBecomesReady() {
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: snapshot}
        spec:
          ingest: {bluesky: {starterPack: {uri: "at://did:plc:abc/app.bsky.graph.starterpack/3l7cddlz5ja24"}}}
          automation: {onMissing: true}
          worker:
            env: [{name: FAKE_LEDGER, value: "%s"}]
        """.formatted(ledger));

    assets.awaitCondition("snapshot", "Ready", "True", Duration.ofSeconds(60));
    Asset asset = assets.get("snapshot");
    assertThat(asset.getStatus().getPartitions().getMaterialized()).isEqualTo(1);
    assertThat(asset.getStatus().getLastMaterialization().getJob()).startsWith("snapshot-");
    assertThat(asset.getStatus().getLastMaterialization().getMetadata().path("items").asInt()).isEqualTo(1);
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> AssetFixtures.runsEnded(ledger) == 1);
    List<Job> jobs = cluster.client().batch().v1().jobs().inNamespace(namespace).list().getItems();
    assertThat(jobs).hasSize(1);
    Job job = jobs.get(0);
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
    assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> assertThat(owner.getName()).isEqualTo("snapshot"));
    assertThat(job.getMetadata().getLabels()).containsEntry("eider.dev/asset", "snapshot").containsKey("eider.dev/partition-hash");
    Map<String, String> recommended = Map.of("app.kubernetes.io/name", "eider-worker", "app.kubernetes.io/instance", "snapshot",
        "app.kubernetes.io/component", "run", "app.kubernetes.io/part-of", "eider", "app.kubernetes.io/managed-by", "eider-operator");
    assertThat(job.getMetadata().getLabels()).containsAllEntriesOf(recommended);
    assertThat(cluster.client().pods().inNamespace(namespace).withLabel("job-name", job.getMetadata().getName()).list().getItems())
        .isNotEmpty().allSatisfy(pod -> assertThat(pod.getMetadata().getLabels()).containsAllEntriesOf(recommended));
    // The asset's partition state and run history are the operator's too, labelled as the asset's.
    List<io.fabric8.kubernetes.api.model.ConfigMap> records = cluster.client().configMaps().inNamespace(namespace)
        .withLabel("eider.dev/state-of", "snapshot").list().getItems();
    assertThat(records).allSatisfy(configMap -> assertThat(configMap.getMetadata().getLabels()).containsAllEntriesOf(Map.of(
        "app.kubernetes.io/name", "eider-asset", "app.kubernetes.io/instance", "snapshot",
        "app.kubernetes.io/part-of", "eider", "app.kubernetes.io/managed-by", "eider-operator")));
    assertThat(records).extracting(configMap -> configMap.getMetadata().getName() + "/"
        + configMap.getMetadata().getLabels().get("app.kubernetes.io/component"))
        .containsExactlyInAnyOrder("snapshot-partitions/partition-state", "snapshot-runs/run-history");
    assertThat(job.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom())
        .allSatisfy(source -> assertThat(source.getSecretRef()).isNotNull());

    String metrics = operator.metrics();
    assertThat(metrics).containsPattern("eider_runs_launched_total\\{[^}]*namespace=\"" + namespace + "\"[^}]*} 1.0")
        .containsPattern("eider_runs_finished_total\\{[^}]*outcome=\"succeeded\"[^}]*} 1.0")
        .contains("eider_asset_reconcile_seconds_count")
        .contains("eider_runs_waiting");
  }

  /** How much later than its backoff a retry may start: a Job, a pod and a JVM on a loaded 2-core machine. */
  private static final long RETRY_SLACK_MILLIS = 20_000;

  @Test
  void failedRunIsRetriedWithGrowingBackoffUntilItSucceeds() {
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: flaky}
        spec:
          ingest: {bluesky: {authorFeed: {actor: "did:plc:flaky"}}}
          automation: {onMissing: true}
          retry: {maxAttempts: 3, backoff: {initial: 2s, multiplier: 2, max: 1m, jitter: 0}}
          worker:
            env: [{name: FAKE_LEDGER, value: "%s"}, {name: FAKE_FAIL_TIMES, value: "2"}]
        """.formatted(ledger));

    assets.awaitCondition("flaky", "Ready", "True", Duration.ofSeconds(90));
    List<AssetFixtures.LedgerLine> starts = AssetFixtures.ledger(ledger).stream().filter(line -> line.event().equals("start")).toList();
    List<AssetFixtures.LedgerLine> ends = AssetFixtures.ledger(ledger).stream().filter(line -> line.event().equals("end")).toList();
    assertThat(starts).hasSize(3);
    // The second attempt starts 2 s after the first ended, the third 4 s after the second: never
    // sooner, and later only by the time a loaded machine takes to start a pod (SLACK); the max
    // of 1m, or a retry that waited for the resync, would be far beyond it.
    assertThat(starts.get(1).millis() - ends.get(0).millis()).isBetween(2000L, 2000L + RETRY_SLACK_MILLIS);
    assertThat(starts.get(2).millis() - ends.get(1).millis()).isBetween(4000L, 4000L + RETRY_SLACK_MILLIS);
    assertThat(starts).extracting(AssetFixtures.LedgerLine::run).doesNotHaveDuplicates();
    assertThat(cluster.client().batch().v1().jobs().inNamespace(namespace).list().getItems()).hasSize(3);
  }

  @Test
  void runsThatKeepFailingEndFailedWithTheWorkersReason() {
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: broken}
        spec:
          ingest: {bluesky: {authorFeed: {actor: "did:plc:broken"}}}
          automation: {onMissing: true}
          retry: {maxAttempts: 2, backoff: {initial: 1s}}
          worker:
            env: [{name: FAKE_LEDGER, value: "%s"}, {name: FAKE_EXIT, value: "3"}]
        """.formatted(ledger));

    assets.awaitCondition("broken", "Failed", "True", Duration.ofSeconds(60));
    assertThat(assets.condition("broken", "Failed").orElseThrow().getMessage()).contains("fake worker told to exit 3").contains("attempt 2 of 2");
    assertThat(assets.condition("broken", "Ready").orElseThrow().getReason()).isEqualTo("PartitionsFailed");
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> AssetFixtures.runsEnded(ledger) == 2);
  }

  @Test
  void badInputIsNotRetried() {
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: bad-input}
        spec:
          ingest: {bluesky: {authorFeed: {actor: "did:plc:bad"}}}
          automation: {onMissing: true}
          retry: {maxAttempts: 5, backoff: {initial: 1s}}
          worker:
            env: [{name: FAKE_LEDGER, value: "%s"}, {name: FAKE_EXIT, value: "2"}]
        """.formatted(ledger));

    assets.awaitCondition("bad-input", "Failed", "True", Duration.ofSeconds(60));
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> AssetFixtures.runsEnded(ledger) == 1);
  }

  @Test
  void dynamicPartitionsFollowTheKeysTheUpstreamPublishes() {
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: members}
        spec:
          ingest: {bluesky: {starterPack: {uri: "at://did:plc:abc/app.bsky.graph.starterpack/3l7cddlz5ja24"}}}
          automation: {onMissing: true}
          worker:
            env: [{name: FAKE_PUBLISH, value: "did:plc:a,did:plc:b,did:plc:c"}]
        """);
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: feeds}
        spec:
          ingest: {bluesky: {authorFeed: {}}}
          deps: [{asset: members, partitionMapping: all}]
          partitions: {dynamic: {fromAsset: members}}
          automation: {eager: true}
          worker:
            env: [{name: FAKE_LEDGER, value: "%s"}]
        """.formatted(ledger));

    assets.awaitCondition("feeds", "Ready", "True", Duration.ofSeconds(60));
    assertThat(assets.get("feeds").getStatus().getPartitions().getTotal()).isEqualTo(3);
    assertThat(AssetFixtures.ledger(ledger)).filteredOn(line -> line.event().equals("end"))
        .extracting(AssetFixtures.LedgerLine::partition).containsExactlyInAnyOrder("did:plc:a", "did:plc:b", "did:plc:c");
    Job feedJob = cluster.client().batch().v1().jobs().inNamespace(namespace).withLabel("eider.dev/asset", "feeds").list().getItems().get(0);
    assertThat(feedJob.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).contains("--actor")
        .contains(feedJob.getMetadata().getAnnotations().get("eider.dev/partition"));

    // The pack loses a member: the next snapshot publishes two keys, the feeds asset follows.
    cluster.client().resources(Asset.class).inNamespace(namespace).withName("members").edit(asset -> {
      asset.getSpec().getWorker().getEnv().get(0).setValue("did:plc:a,did:plc:b");
      asset.getMetadata().getAnnotations().put("eider.dev/materialize", "again");
      return asset;
    });
    await().atMost(Duration.ofSeconds(60)).until(() -> assets.get("feeds").getStatus().getPartitions().getTotal() == 2);
    // Both remaining members are re-fetched because their upstream changed; the removed one is not.
    await().atMost(Duration.ofSeconds(60)).until(() -> AssetFixtures.runsEnded(ledger) == 5);
    assertThat(AssetFixtures.ledger(ledger)).filteredOn(line -> line.event().equals("end"))
        .extracting(AssetFixtures.LedgerLine::partition).filteredOn("did:plc:c"::equals).hasSize(1);
  }

  @Test
  void poolNeverRunsTwoJobsAtOnceAcrossAssets() {
    for (String name : List.of("pool-a", "pool-b")) {
      assets.create("""
          apiVersion: eider.dev/v1alpha1
          kind: Asset
          metadata: {name: %s}
          spec:
            ingest: {bluesky: {authorFeed: {}}}
            partitions: {static: ["did:plc:one", "did:plc:two", "did:plc:three"]}
            automation: {onMissing: true}
            pool: ingestion
            worker:
              env: [{name: FAKE_LEDGER, value: "%s"}, {name: FAKE_SLEEP, value: "0.5"}]
          """.formatted(name, ledger));
    }
    assets.awaitCondition("pool-a", "Ready", "True", Duration.ofSeconds(90));
    assets.awaitCondition("pool-b", "Ready", "True", Duration.ofSeconds(90));
    List<AssetFixtures.LedgerLine> lines = AssetFixtures.ledger(ledger);
    assertThat(lines).hasSize(12);
    int running = 0;
    int peak = 0;
    for (AssetFixtures.LedgerLine line : lines.stream().sorted(java.util.Comparator.comparingLong(AssetFixtures.LedgerLine::millis)).toList()) {
      running += line.event().equals("start") ? 1 : -1;
      peak = Math.max(peak, running);
    }
    assertThat(peak).as("runs of pool ingestion at the same time").isEqualTo(1);
  }

  @Test
  void timeWindowPartitionsRunPerDayAndFeedTheWindowsThatReadThem() {
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: daily}
        spec:
          ingest: {bluesky: {authorFeed: {actor: "did:plc:daily"}}}
          partitions: {timeWindow: {cron: "0 0 * * *", start: "2025-01-01", end: "2025-01-06", timezone: UTC}}
          automation: {onMissing: true}
          worker:
            env: [{name: FAKE_LEDGER, value: "%s/daily"}]
        """.formatted(ledger));
    // Each day reads its own window and the one before (a two-day rolling view).
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: rolling}
        spec:
          ingest: {bluesky: {authorFeed: {actor: "did:plc:rolling"}}}
          partitions: {timeWindow: {cron: "0 0 * * *", start: "2025-01-02", end: "2025-01-06", timezone: UTC}}
          deps: [{asset: daily, partitionMapping: timeWindow, window: {startOffset: -1, endOffset: 0}}]
          automation: {eager: true}
          worker:
            env: [{name: FAKE_LEDGER, value: "%s/rolling"}]
        """.formatted(ledger));

    assets.awaitCondition("daily", "Ready", "True", Duration.ofSeconds(60));
    assets.awaitCondition("rolling", "Ready", "True", Duration.ofSeconds(60));
    assertThat(AssetFixtures.ledger(ledger.resolve("daily"))).filteredOn(line -> line.event().equals("end"))
        .extracting(AssetFixtures.LedgerLine::partition)
        .containsExactlyInAnyOrder("2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04", "2025-01-05");
    assertThat(AssetFixtures.ledger(ledger.resolve("rolling"))).filteredOn(line -> line.event().equals("end"))
        .extracting(AssetFixtures.LedgerLine::partition)
        .containsExactlyInAnyOrder("2025-01-02", "2025-01-03", "2025-01-04", "2025-01-05");
    // A rolling day starts only after both days it reads were materialized.
    long lastDailyEnd = AssetFixtures.ledger(ledger.resolve("daily")).stream().filter(line -> line.event().equals("end"))
        .mapToLong(AssetFixtures.LedgerLine::millis).max().orElseThrow();
    long firstRollingStart = AssetFixtures.ledger(ledger.resolve("rolling")).stream().filter(line -> line.event().equals("start"))
        .mapToLong(AssetFixtures.LedgerLine::millis).min().orElseThrow();
    assertThat(firstRollingStart).isGreaterThanOrEqualTo(lastDailyEnd);
  }
}
