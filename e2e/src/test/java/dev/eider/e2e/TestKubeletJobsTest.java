package dev.eider.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.e2e.support.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jobs on the real control plane: the real Job controller creates pods, the test kubelet runs
 * them as processes and reports back, and the Job completes or fails for real.
 */
class TestKubeletJobsTest {

  static final String WORKER_IMAGE = "ghcr.io/eider/worker:0.1.0";
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  static final ObjectMapper JSON = new ObjectMapper();

  final TestCluster cluster = TestCluster.get();
  final KubernetesClient client = cluster.client();
  String namespace;

  @BeforeEach
  void namespace() {
    namespace = cluster.newNamespace("kubelet");
  }

  @Test
  void workerJobCompletesAndItsTerminationMessageIsReadable() throws Exception {
    client.batch().v1().jobs().inNamespace(namespace).resource(workerJob("version-run", List.of("version"))).create();

    Job job = awaitJobCondition("version-run", "Complete");
    assertThat(job.getStatus().getSucceeded()).isEqualTo(1);
    ContainerStateTerminated terminated = terminatedState(onlyPod("version-run"));
    assertThat(terminated.getExitCode()).isZero();
    assertThat(terminated.getReason()).isEqualTo("Completed");
    JsonNode result = JSON.readTree(terminated.getMessage());
    assertThat(result.path("command").asText()).isEqualTo("version");
    assertThat(result.path("version").asText()).isNotBlank();
  }

  @Test
  void failingWorkerCommandFailsTheJobWithItsReason() throws Exception {
    client.batch().v1().jobs().inNamespace(namespace).resource(workerJob("bad-run", List.of("no-such-command"))).create();

    Job job = awaitJobCondition("bad-run", "Failed");
    assertThat(job.getStatus().getFailed()).isEqualTo(1);
    assertThat(condition(job, "Failed")).map(JobCondition::getReason).contains("BackoffLimitExceeded");
    ContainerStateTerminated terminated = terminatedState(onlyPod("bad-run"));
    assertThat(terminated.getExitCode()).isEqualTo(2);
    assertThat(terminated.getReason()).isEqualTo("Error");
    assertThat(JSON.readTree(terminated.getMessage()).path("error").asText()).contains("no-such-command");
  }

  @Test
  void finishedJobIsDeletedAfterItsTtl() {
    Job job = workerJob("short-lived", List.of("version"));
    job.getSpec().setTtlSecondsAfterFinished(0);
    client.batch().v1().jobs().inNamespace(namespace).resource(job).create();

    await().atMost(TIMEOUT).until(() -> client.batch().v1().jobs().inNamespace(namespace).withName("short-lived").get() == null);
  }

  @Test
  void environmentComesFromSecretsConfigMapsAndFieldsAsKubernetesBuildsIt() throws Exception {
    client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("creds").endMetadata()
        .addToStringData("password", "s3cr3t").build()).create();
    client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
        .addToData("bucket", "raw").build()).create();
    List<EnvVar> env = List.of(
        new EnvVarBuilder().withName("PASSWORD").withNewValueFrom().withNewSecretKeyRef("password", "creds", false).endValueFrom().build(),
        new EnvVarBuilder().withName("POD").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom().build(),
        new EnvVarBuilder().withName("GREETING").withValue("hello $(POD) $$(POD) $(UNDEFINED)").build());
    Pod pod = shellPod("env-check", "printf '%s|%s|%s|%s' \"$PASSWORD\" \"$CFG_bucket\" \"$GREETING\" \"$HOSTNAME\" > \"$EIDER_TERMINATION_MESSAGE_PATH\"");
    pod.getSpec().getContainers().get(0).setEnv(env);
    pod.getSpec().getContainers().get(0).setEnvFrom(List.of(
        new EnvFromSourceBuilder().withPrefix("CFG_").withNewConfigMapRef("settings", false).build()));
    client.pods().inNamespace(namespace).resource(pod).create();

    Pod done = awaitPodPhase("env-check", "Succeeded");
    assertThat(terminatedState(done).getMessage())
        .isEqualTo("s3cr3t|raw|hello env-check $(POD) $(UNDEFINED)|env-check");
  }

  @Test
  void podWaitsForAMissingSecretThenRuns() {
    Pod pod = shellPod("needs-secret", "test \"$TOKEN\" = later");
    pod.getSpec().getContainers().get(0).setEnv(List.of(new EnvVarBuilder().withName("TOKEN")
        .withNewValueFrom().withNewSecretKeyRef("token", "arrives-later", false).endValueFrom().build()));
    client.pods().inNamespace(namespace).resource(pod).create();

    await().atMost(TIMEOUT).untilAsserted(() -> {
      ContainerStateWaiting waiting = client.pods().inNamespace(namespace).withName("needs-secret").get()
          .getStatus().getContainerStatuses().get(0).getState().getWaiting();
      assertThat(waiting.getReason()).isEqualTo("CreateContainerConfigError");
      assertThat(waiting.getMessage()).isEqualTo("secret \"arrives-later\" not found");
    });
    client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("arrives-later").endMetadata()
        .addToStringData("token", "later").build()).create();
    assertThat(terminatedState(awaitPodPhase("needs-secret", "Succeeded")).getExitCode()).isZero();
  }

  @Test
  void unknownImageFailsToPullAndBacksOffLikeAKubelet() {
    Pod pod = shellPod("no-image", "true");
    pod.getSpec().getContainers().get(0).setImage("registry.invalid/nothing:1");
    client.pods().inNamespace(namespace).resource(pod).create();

    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(waiting("no-image").getReason()).isEqualTo("ErrImagePull"));
    await().atMost(TIMEOUT).untilAsserted(() -> {
      ContainerStateWaiting waiting = waiting("no-image");
      assertThat(waiting.getReason()).isEqualTo("ImagePullBackOff");
      assertThat(waiting.getMessage()).isEqualTo("Back-off pulling image \"registry.invalid/nothing:1\"");
    });
    assertThat(client.pods().inNamespace(namespace).withName("no-image").get().getStatus().getPhase()).isEqualTo("Pending");
  }

  @Test
  void unknownImageWithPullPolicyNeverIsNotPresentAsTheKubeletSays() {
    Pod pod = shellPod("never-pull", "true");
    pod.getSpec().getContainers().get(0).setImage("registry.invalid/nothing:1");
    pod.getSpec().getContainers().get(0).setImagePullPolicy("Never");
    client.pods().inNamespace(namespace).resource(pod).create();

    await().atMost(TIMEOUT).untilAsserted(() -> {
      ContainerStateWaiting waiting = waiting("never-pull");
      assertThat(waiting.getReason()).isEqualTo("ErrImageNeverPull");
      assertThat(waiting.getMessage()).isEqualTo("Container image \"registry.invalid/nothing:1\" is not present with pull policy of Never");
    });
  }

  @Test
  void imageNameTheKubeletCannotParseIsInvalidEvenForAKnownImage() {
    Pod pod = shellPod("bad-name", "true");
    pod.getSpec().getContainers().get(0).setImage("BusyBox:1.36");
    client.pods().inNamespace(namespace).resource(pod).create();

    await().atMost(TIMEOUT).untilAsserted(() -> {
      ContainerStateWaiting waiting = waiting("bad-name");
      assertThat(waiting.getReason()).isEqualTo("InvalidImageName");
      assertThat(waiting.getMessage()).isEqualTo("Failed to apply default image tag \"BusyBox:1.36\": couldn't parse image reference "
          + "\"BusyBox:1.36\": invalid reference format: repository name must be lowercase");
    });
  }

  private ContainerStateWaiting waiting(String pod) {
    Pod current = client.pods().inNamespace(namespace).withName(pod).get();
    assertThat(current.getStatus().getContainerStatuses()).isNotEmpty();
    ContainerStateWaiting waiting = current.getStatus().getContainerStatuses().get(0).getState().getWaiting();
    assertThat(waiting).isNotNull();
    return waiting;
  }

  @Test
  void deletingAPodKillsItsProcess() {
    String marker = "300." + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000);
    client.pods().inNamespace(namespace).resource(shellPod("sleeper", "exec sleep " + marker)).create();
    awaitPodPhase("sleeper", "Running");
    await().atMost(TIMEOUT).until(() -> sleepProcessWith(marker).isPresent());

    client.pods().inNamespace(namespace).withName("sleeper").delete();

    await().atMost(TIMEOUT).until(() -> sleepProcessWith(marker).isEmpty());
  }

  private Optional<ProcessHandle> sleepProcessWith(String marker) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().arguments().map(args -> List.of(args).contains(marker)).orElse(false))
        .findFirst();
  }

  private Job workerJob(String name, List<String> args) {
    return new JobBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withBackoffLimit(0)
          .withNewTemplate().withNewSpec().withRestartPolicy("Never")
            .addNewContainer().withName("worker").withImage(WORKER_IMAGE).withArgs(args).endContainer()
          .endSpec().endTemplate()
        .endSpec().build();
  }

  private Pod shellPod(String name, String script) {
    return new PodBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withRestartPolicy("Never").withTerminationGracePeriodSeconds(1L)
          .addNewContainer().withName("main").withImage("busybox:1.36").withCommand("sh", "-c", script).endContainer()
        .endSpec().build();
  }

  private Job awaitJobCondition(String name, String type) {
    return await().atMost(TIMEOUT).until(
        () -> client.batch().v1().jobs().inNamespace(namespace).withName(name).get(),
        job -> condition(job, type).map(c -> "True".equals(c.getStatus())).orElse(false));
  }

  private Pod awaitPodPhase(String name, String phase) {
    return await().atMost(TIMEOUT).until(
        () -> client.pods().inNamespace(namespace).withName(name).get(),
        pod -> pod.getStatus() != null && phase.equals(pod.getStatus().getPhase()));
  }

  private Pod onlyPod(String jobName) {
    List<Pod> pods = client.pods().inNamespace(namespace).withLabel("job-name", jobName).list().getItems();
    assertThat(pods).hasSize(1);
    return pods.get(0);
  }

  private static ContainerStateTerminated terminatedState(Pod pod) {
    return pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
  }

  private static Optional<JobCondition> condition(Job job, String type) {
    return job.getStatus() == null ? Optional.empty()
        : job.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
