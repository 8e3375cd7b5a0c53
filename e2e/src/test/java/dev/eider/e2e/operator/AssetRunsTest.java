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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator process turns due partitions into Jobs of the (fake) worker and records what they did. */
class AssetRunsTest {

  private final TestCluster cluster = TestCluster.get();
  private String namespace;
  private EiderOperator eider;
  private OperatorProcess operator;
  private AssetFixtures assets;
  private Path ledger;

  @BeforeEach
  void startOperator() {
    namespace = cluster.newNamespace("runs");
    eider = EiderOperator.forNamespace(cluster, namespace);
    operator = eider.start();
    assets = new AssetFixtures(cluster.client(), namespace);
    ledger = eider.dir().resolve("ledger");
  }

  @AfterEach
  void stopOperator() {
    operator.close();
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
  }
}
