package dev.eider.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.support.AssetFixtures;
import dev.eider.e2e.support.EiderOperator;
import dev.eider.e2e.support.TestCluster;
import dev.eider.operator.api.asset.Asset;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The operator dies, restarts, or runs twice: every partition still runs exactly once. */
class OperatorFailoverTest {

  private final TestCluster cluster = TestCluster.get();

  @Test
  void backfillKilledHalfwayFinishesAfterRestartWithEveryPartitionRunOnce() {
    String namespace = cluster.newNamespace("backfill");
    EiderOperator eider = EiderOperator.forNamespace(cluster, namespace).with("eider.pools.backfill", "4");
    AssetFixtures assets = new AssetFixtures(cluster.client(), namespace);
    Path ledger = eider.dir().resolve("ledger");
    String partitions = IntStream.rangeClosed(1, 50).mapToObj(i -> "\"did:plc:part-%02d\"".formatted(i)).collect(Collectors.joining(", "));
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata:
          name: history
          annotations: {eider.dev/materialize: "backfill-1"}
        spec:
          ingest: {bluesky: {authorFeed: {}}}
          partitions: {static: [%s]}
          pool: backfill
          worker:
            env: [{name: FAKE_LEDGER, value: "%s"}, {name: FAKE_SLEEP, value: "0.3"}]
        """.formatted(partitions, ledger));

    OperatorProcess first = eider.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> AssetFixtures.runsEnded(ledger) >= 12);
    first.kill();
    long endedBeforeRestart = AssetFixtures.runsEnded(ledger);
    assertThat(endedBeforeRestart).as("the backfill was still going when the operator died").isLessThan(50);

    try (OperatorProcess second = eider.start()) {
      assets.awaitCondition("history", "Ready", "True", Duration.ofSeconds(120));
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> AssetFixtures.runsEnded(ledger) == 50);
    }
    Map<String, Long> runsPerPartition = AssetFixtures.ledger(ledger).stream().filter(line -> line.event().equals("start"))
        .collect(Collectors.groupingBy(AssetFixtures.LedgerLine::partition, Collectors.counting()));
    assertThat(runsPerPartition).hasSize(50).allSatisfy((partition, runs) -> assertThat(runs).as(partition).isEqualTo(1));
    List<Job> jobs = cluster.client().batch().v1().jobs().inNamespace(namespace).list().getItems();
    assertThat(jobs).hasSize(50);
    assertThat(jobs.stream().map(job -> job.getMetadata().getLabels().get("eider.dev/partition-hash")).distinct()).hasSize(50);
  }

  /** The Lease of these tests: a takeover waits out at most this, and a leader gets 15 s to renew. */
  private static final String LEASE = "20s";
  private static final String RENEW_DEADLINE = "15s";
  private static final String RETRY_PERIOD = "2s";

  @Test
  void ofTwoReplicasOnlyTheLeaderActsAndTheOtherTakesOver() {
    String namespace = cluster.newNamespace("leader");
    EiderOperator eider = EiderOperator.forNamespace(cluster, namespace)
        // Long enough that a loaded machine's leader still renews in time (a 6 s Lease with a 4 s
        // deadline lost it under load, and the test saw a failover it had not caused).
        .with("eider.leader-election.lease-duration", LEASE)
        .with("eider.leader-election.renew-deadline", RENEW_DEADLINE)
        .with("eider.leader-election.retry-period", RETRY_PERIOD);
    AssetFixtures assets = new AssetFixtures(cluster.client(), namespace);
    Path ledger = eider.dir().resolve("ledger");
    OperatorProcess leader = eider.start();
    try (OperatorProcess standby = eider.start(false)) {
      assertThat(lease(namespace)).isEqualTo("replica-1");
      assets.create("""
          apiVersion: eider.dev/v1alpha1
          kind: Asset
          metadata: {name: once}
          spec:
            ingest: {bluesky: {authorFeed: {}}}
            partitions: {static: ["did:plc:a", "did:plc:b", "did:plc:c", "did:plc:d", "did:plc:e", "did:plc:f"]}
            automation: {onMissing: true}
            worker:
              env: [{name: FAKE_LEDGER, value: "%s"}]
          """.formatted(ledger));
      assets.awaitCondition("once", "Ready", "True", Duration.ofSeconds(60));
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> AssetFixtures.runsEnded(ledger) == 6);
      assertThat(standby.log()).doesNotContain("asset " + namespace + "/once");

      assertThat(leader.alive()).as("the leader is still there to be killed").isTrue();
      leader.kill();
      await().atMost(Duration.ofSeconds(90)).until(() -> "replica-2".equals(lease(namespace)));
      assets.annotate("once", "eider.dev/materialize", "after-failover");
      await().atMost(Duration.ofSeconds(60)).until(() -> AssetFixtures.runsEnded(ledger) == 12);
      assertThat(standby.log()).contains("asset " + namespace + "/once");
    } finally {
      leader.close();
    }
  }

  @Test
  void aLeaderFrozenPastItsLeaseExitsOnResumeWithoutActing() throws Exception {
    // No status written after the resume and no Job created: the Asset's resourceVersion and the Jobs stay as they were.
    String namespace = cluster.newNamespace("frozen");
    EiderOperator eider = EiderOperator.forNamespace(cluster, namespace)
        .with("eider.leader-election.lease-duration", LEASE)
        .with("eider.leader-election.renew-deadline", RENEW_DEADLINE)
        .with("eider.leader-election.retry-period", RETRY_PERIOD);
    AssetFixtures assets = new AssetFixtures(cluster.client(), namespace);
    Path ledger = eider.dir().resolve("ledger");
    OperatorProcess frozen = eider.start();
    try (OperatorProcess successor = eider.start(false)) {
      assertThat(lease(namespace)).isEqualTo("replica-1");
      assets.create("""
          apiVersion: eider.dev/v1alpha1
          kind: Asset
          metadata: {name: twice}
          spec:
            ingest: {bluesky: {authorFeed: {}}}
            partitions: {static: ["did:plc:a", "did:plc:b", "did:plc:c"]}
            automation: {onMissing: true}
            worker:
              env: [{name: FAKE_LEDGER, value: "%s"}]
          """.formatted(ledger));
      assets.awaitCondition("twice", "Ready", "True", Duration.ofSeconds(60));
      await().atMost(Duration.ofSeconds(10)).until(() -> AssetFixtures.runsEnded(ledger) == 3);

      // Frozen (as by a stuck node or a debugger) past the Lease: the standby takes over and runs
      // a new materialization, which the frozen leader's caches know nothing about.
      assertThat(frozen.alive()).as("the leader ran the first materialization").isTrue();
      signal(frozen, "STOP");
      AtomicReference<String> resourceVersion = new AtomicReference<>("");
      try {
        await().atMost(Duration.ofSeconds(90)).until(() -> "replica-2".equals(lease(namespace)));
        assets.annotate("twice", "eider.dev/materialize", "while-frozen");
        await().atMost(Duration.ofSeconds(60)).until(() -> AssetFixtures.runsEnded(ledger) == 6);
        assets.awaitCondition("twice", "Ready", "True", Duration.ofSeconds(60));
        // Settled: the successor writes nothing more while nothing happens.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).until(() ->
            resourceVersion.getAndSet(resourceVersion(namespace)).equals(resourceVersion.get()));
      } finally {
        signal(frozen, "CONT");
      }
      int jobs = cluster.client().batch().v1().jobs().inNamespace(namespace).list().getItems().size();
      assertThat(jobs).isEqualTo(6);

      // On resuming it exits before acting: no Job, no status, no run.
      await().atMost(Duration.ofSeconds(30)).until(() -> !frozen.alive());
      assertThat(frozen.log()).containsPattern("(stalled for \\d+ ms|lost the Lease).*exiting so that only the leader acts");
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
          cluster.client().batch().v1().jobs().inNamespace(namespace).list().getItems().size() == jobs
          && resourceVersion.get().equals(resourceVersion(namespace)));
      assertThat(AssetFixtures.runsEnded(ledger)).isEqualTo(6);
      assertThat(successor.alive()).isTrue();
      assertThat(lease(namespace)).isEqualTo("replica-2");
    } finally {
      frozen.close();
    }
  }

  private String resourceVersion(String namespace) {
    return cluster.client().resources(Asset.class).inNamespace(namespace).withName("twice").get().getMetadata().getResourceVersion();
  }

  private static void signal(OperatorProcess process, String signal) throws Exception {
    assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor()).isZero();
  }

  private String lease(String namespace) {
    var lease = cluster.client().leases().inNamespace(namespace).withName("eider-operator").get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

}
