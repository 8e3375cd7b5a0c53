package dev.eider.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.support.AssetFixtures;
import dev.eider.e2e.support.EiderOperator;
import dev.eider.e2e.support.RunningOperator;
import dev.eider.e2e.support.TestCluster;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs that Kubernetes will not start become a reason on the Asset (condition and Event) instead of
 * a wait for the pending timeout: the control plane is real (admission, the Job controller and its
 * Events), the test kubelet reports waiting reasons as a v1.20 kubelet does.
 */
class RunStartFailuresTest {

  /** Far beyond every wait below: a run that fell back to it would fail these tests. */
  private static final String PENDING_TIMEOUT = "30m";

  /** The operator for a new namespace, started before and stopped after each test. */
  @RegisterExtension
  final RunningOperator running = RunningOperator.perTest("start")
      .configured(eider -> eider.with("eider.runs.pending-timeout", PENDING_TIMEOUT)
          .with("eider.runs.image-pull-grace", "20s"));

  private final TestCluster cluster = TestCluster.get();
  private String namespace;
  private EiderOperator eider;
  private OperatorProcess operator;
  private AssetFixtures assets;

  @BeforeEach
  void useOperator() {
    namespace = running.namespace();
    eider = running.operator();
    operator = running.process();
    assets = running.assets();
  }

  @Test
  void podRefusedByAQuotaFailsWithTheQuotaMessageAndIsRetriedPerThePolicy() {
    ResourceQuota quota = cluster.client().resource(new ResourceQuotaBuilder().withNewMetadata().withName("no-pods")
        .withNamespace(namespace).endMetadata().withNewSpec().addToHard("pods", new Quantity("0")).endSpec().build()).create();
    // Admission counts against the quota's status, which the quota controller fills in.
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      ResourceQuota current = cluster.client().resource(quota).get();
      return current.getStatus() != null && current.getStatus().getHard() != null && current.getStatus().getHard().containsKey("pods");
    });
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: refused}
        spec:
          ingest: {bluesky: {authorFeed: {actor: "did:plc:refused"}}}
          automation: {onMissing: true}
          retry: {maxAttempts: 2, backoff: {initial: 1s}}
        """);

    assets.awaitCondition("refused", "Failed", "True", Duration.ofSeconds(60));
    Condition failed = assets.condition("refused", "Failed").orElseThrow();
    assertThat(failed.getReason()).isEqualTo("PodRefused");
    assertThat(failed.getMessage()).startsWith("pod refused by admission: pods ").contains("is forbidden: exceeded quota: no-pods")
        .endsWith("(attempt 2 of 2)");
    // Two attempts, each its own Job (run 1, then run 2 after the backoff), each refused.
    assertThat(warnings("refused", "PodRefused")).hasSize(2)
        .allSatisfy(event -> assertThat(event.getNote()).contains("exceeded quota: no-pods"))
        .extracting(event -> event.getNote().substring(0, event.getNote().indexOf(':')))
        .containsExactlyInAnyOrder("refused-e3b0c44298fc1c14-1", "refused-e3b0c44298fc1c14-2");
    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.client().batch().v1().jobs().inNamespace(namespace).list().getItems().isEmpty());
  }

  @Test
  void unpullableImageIsReportedAtOnceAndFailsTheAttemptAfterTheGrace() {
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: unpullable}
        spec:
          ingest: {bluesky: {authorFeed: {actor: "did:plc:x"}}}
          automation: {onMissing: true}
          retry: {maxAttempts: 1}
          worker: {image: "registry.invalid/no-such-image:1"}
        """);

    // Reported while the run still waits: within the 20s grace, not after it.
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> assets.condition("unpullable", "Materializing")
        .filter(c -> "ImageUnavailable".equals(c.getReason())).isPresent());
    assertThat(assets.condition("unpullable", "Materializing").orElseThrow().getMessage())
        .contains("cannot start").contains("image registry.invalid/no-such-image:1 cannot be pulled: ");
    assertThat(assets.condition("unpullable", "Failed").orElseThrow().getStatus()).isEqualTo("False");

    assets.awaitCondition("unpullable", "Failed", "True", Duration.ofSeconds(60));
    Condition failed = assets.condition("unpullable", "Failed").orElseThrow();
    assertThat(failed.getReason()).isEqualTo("ImageUnavailable");
    assertThat(failed.getMessage()).contains("image registry.invalid/no-such-image:1 cannot be pulled: ")
        .contains("still failing after 20s").endsWith("(attempt 1 of 1)");
    assertThat(warnings("unpullable", "ImageUnavailable")).anySatisfy(event -> assertThat(event.getNote()).contains("unless the pod starts"))
        .anySatisfy(event -> assertThat(event.getNote()).endsWith("(attempt 1 of 1); no attempts left"));
    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.client().batch().v1().jobs().inNamespace(namespace).list().getItems().isEmpty());
  }

  @Test
  void imageNameTheKubeletCannotParseIsRefusedBeforeAnyRun() {
    // The kubelet would leave the pod waiting with InvalidImageName; the operator parses the
    // reference the same way and refuses the spec instead (RunOutcomes still names the kubelet's
    // InvalidImageName, for images set outside the spec).
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: bad-image}
        spec:
          ingest: {bluesky: {authorFeed: {actor: "did:plc:x"}}}
          automation: {onMissing: true}
          retry: {maxAttempts: 3, backoff: {initial: 1s}}
          worker: {image: "eider.test/Fake-Worker:1"}
        """);

    assets.awaitCondition("bad-image", "Ready", "False", Duration.ofSeconds(60));
    await().atMost(Duration.ofSeconds(60)).until(() -> "InvalidSpec".equals(assets.condition("bad-image", "Ready").orElseThrow().getReason()));
    assertThat(assets.condition("bad-image", "Ready").orElseThrow().getMessage())
        .contains("spec.worker.image").contains("repository name must be lowercase");
    assertThat(cluster.client().batch().v1().jobs().inNamespace(namespace).withLabel("eider.dev/asset", "bad-image").list().getItems())
        .as("no run of a spec that names an unusable image").isEmpty();
  }

  @Test
  void missingSecretIsAContainerConfigRefusal() {
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: no-secret}
        spec:
          ingest: {bluesky: {authorFeed: {actor: "did:plc:x"}}}
          automation: {onMissing: true}
          retry: {maxAttempts: 1}
          worker:
            envFrom: [{secretRef: {name: bluesky-login}}]
        """);

    assets.awaitCondition("no-secret", "Failed", "True", Duration.ofSeconds(60));
    Condition failed = assets.condition("no-secret", "Failed").orElseThrow();
    assertThat(failed.getReason()).isEqualTo("ContainerConfigRefused");
    assertThat(failed.getMessage()).isEqualTo("container worker refused by the kubelet (CreateContainerConfigError): "
        + "secret \"bluesky-login\" not found (attempt 1 of 1)");
    assertThat(warnings("no-secret", "ContainerConfigRefused")).hasSize(1);
  }

  /** The operator's Warning Events with {@code reason} about the Asset {@code asset}. */
  private List<Event> warnings(String asset, String reason) {
    return cluster.client().events().v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(event -> event.getRegarding() != null && asset.equals(event.getRegarding().getName()))
        .filter(event -> reason.equals(event.getReason()) && "Warning".equals(event.getType()))
        .toList();
  }
}
