package dev.eider.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.support.AssetFixtures;
import dev.eider.e2e.support.EiderOperator;
import dev.eider.e2e.support.RunningOperator;
import dev.eider.e2e.support.TestCluster;
import dev.eider.operator.asset.state.PublishedKeys;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Someone who may create pods in the namespace, but is not the Job controller, cannot forge a run's
 * result: a pod carrying the run Job's labels (its job-name, the asset's) without being owned by
 * the Job terminates with a forged termination message before the real run ends, and the Asset
 * records the real run's keys.
 */
class ForgedRunResultTest {

  /** The operator for a new namespace, started before and stopped after each test. */
  @RegisterExtension
  final RunningOperator running = RunningOperator.perTest("forged");

  private final TestCluster cluster = TestCluster.get();
  private String namespace;
  private OperatorProcess operator;
  private AssetFixtures assets;

  @BeforeEach
  void useOperator() {
    namespace = running.namespace();
    operator = running.process();
    assets = running.assets();
  }

  @Test
  void aPodThatOnlyClaimsTheJobDoesNotChangeTheOutcome() {
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: members}
        spec:
          ingest: {bluesky: {starterPack: {uri: "at://did:plc:abc/app.bsky.graph.starterpack/3l7cddlz5ja24"}}}
          automation: {onMissing: true}
          worker:
            env: [{name: FAKE_PUBLISH, value: "did:plc:real"}, {name: FAKE_SLEEP, value: "8"}]
        """);
    Job job = await().atMost(Duration.ofSeconds(60)).until(() -> cluster.client().batch().v1().jobs().inNamespace(namespace)
        .withLabel("eider.dev/asset", "members").list().getItems().stream().findFirst(), Optional::isPresent).orElseThrow();
    String jobName = job.getMetadata().getName();

    // The attacker copies the Job's pod template, keeps its job-name label, and publishes its own key.
    Map<String, String> labels = new HashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
    labels.remove("controller-uid"); // with it, the Job controller would adopt the pod
    assertThat(labels).containsEntry("job-name", jobName).containsEntry("eider.dev/asset", "members");
    Pod forged = new PodBuilder().withNewMetadata().withName("forged").withNamespace(namespace).withLabels(labels).endMetadata()
        .withSpec(job.getSpec().getTemplate().getSpec()).build();
    forged.getSpec().getContainers().get(0).setEnv(List.of(new EnvVar("FAKE_PUBLISH", "did:plc:forged", null)));
    cluster.client().resource(forged).create();

    // Control: the forged result is there, terminated, while the real run is still going.
    await().atMost(Duration.ofSeconds(30)).until(() -> terminationMessage("forged").contains("did:plc:forged"));
    assertThat(cluster.client().batch().v1().jobs().inNamespace(namespace).withName(jobName).get().getStatus().getSucceeded())
        .as("real run still going when the forged pod ended").isNull();

    assets.awaitCondition("members", "Ready", "True", Duration.ofSeconds(60));
    assertThat(assets.get("members").getStatus().getLastMaterialization().getJob()).isEqualTo(jobName);
    ConfigMap published = cluster.client().configMaps().inNamespace(namespace).withName(PublishedKeys.configMapName("members")).get();
    assertThat(published.getData().values()).containsExactly("did:plc:real");
  }

  private String terminationMessage(String pod) {
    Pod current = cluster.client().pods().inNamespace(namespace).withName(pod).get();
    if (current == null || current.getStatus() == null || current.getStatus().getContainerStatuses() == null) {
      return "";
    }
    return current.getStatus().getContainerStatuses().stream()
        .filter(status -> status.getState() != null && status.getState().getTerminated() != null)
        .map(status -> String.valueOf(status.getState().getTerminated().getMessage()))
        .findFirst().orElse("");
  }
}
