package dev.eider.testkit.kube;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes pod status the way a kubelet does: phase, conditions and one state per container. */
final class PodStatusWriter {

  private static final Logger LOG = LoggerFactory.getLogger(PodStatusWriter.class);

  private final KubernetesClient client;

  PodStatusWriter(KubernetesClient client) {
    this.client = client;
  }

  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  void waiting(Pod pod, String container, String reason, String message) {
    patch(pod, status -> {
      status.setPhase("Pending");
      status.setContainerStatuses(List.of(new ContainerStatusBuilder()
          .withName(container).withImage(image(pod, container)).withImageID("").withReady(false).withStarted(false)
          .withRestartCount(0)
          .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState()
          .build()));
      return status;
    });
  }

  void running(Pod pod, String startTime, List<ContainerStatus> containers) {
    patch(pod, status -> {
      status.setPhase("Running");
      status.setHostIP("127.0.0.1");
      status.setPodIP("127.0.0.1");
      status.setStartTime(startTime);
      status.setConditions(conditions("True", null));
      status.setContainerStatuses(containers);
      return status;
    });
  }

  void terminated(Pod pod, String startTime, List<ContainerStatus> containers) {
    boolean succeeded = containers.stream().allMatch(c -> c.getState().getTerminated().getExitCode() == 0);
    patch(pod, status -> {
      status.setPhase(succeeded ? "Succeeded" : "Failed");
      status.setHostIP("127.0.0.1");
      status.setPodIP("127.0.0.1");
      status.setStartTime(startTime);
      status.setConditions(conditions("False", "PodCompleted"));
      status.setContainerStatuses(containers);
      return status;
    });
  }

  void failed(Pod pod, String reason, String message) {
    patch(pod, status -> {
      status.setPhase("Failed");
      status.setReason(reason);
      status.setMessage(message);
      return status;
    });
  }

  static ContainerStatus runningState(String name, String image, int restarts, String startedAt) {
    return new ContainerStatusBuilder()
        .withName(name).withImage(image).withImageID(image).withContainerID("local://" + name)
        .withReady(true).withStarted(true).withRestartCount(restarts)
        .withNewState().withNewRunning(startedAt).endState()
        .build();
  }

  static ContainerStatus terminatedState(String name, String image, int restarts, int exitCode, String message,
      String startedAt) {
    return new ContainerStatusBuilder()
        .withName(name).withImage(image).withImageID(image).withContainerID("local://" + name)
        .withReady(false).withStarted(false).withRestartCount(restarts)
        .withNewState().withNewTerminated()
            .withExitCode(exitCode).withReason(exitCode == 0 ? "Completed" : "Error")
            .withMessage(message == null || message.isEmpty() ? null : message)
            .withStartedAt(startedAt).withFinishedAt(now()).withContainerID("local://" + name)
        .endTerminated().endState()
        .build();
  }

  private static List<PodCondition> conditions(String ready, String reason) {
    String now = now();
    return List.of(
        new PodConditionBuilder().withType("PodScheduled").withStatus("True").withLastTransitionTime(now).build(),
        new PodConditionBuilder().withType("Initialized").withStatus("True").withLastTransitionTime(now).build(),
        new PodConditionBuilder().withType("ContainersReady").withStatus(ready).withReason(reason).withLastTransitionTime(now).build(),
        new PodConditionBuilder().withType("Ready").withStatus(ready).withReason(reason).withLastTransitionTime(now).build());
  }

  private static String image(Pod pod, String container) {
    return pod.getSpec().getContainers().stream().filter(c -> c.getName().equals(container))
        .map(c -> c.getImage()).findFirst().orElse("");
  }

  private void patch(Pod pod, UnaryOperator<PodStatus> change) {
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    try {
      client.pods().inNamespace(namespace).withName(name).editStatus(current -> {
        PodStatus status = current.getStatus() == null ? new PodStatus() : current.getStatus();
        current.setStatus(change.apply(status));
        return current;
      });
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      LOG.debug("pod {}/{} is gone, status not written", namespace, name);
    }
  }
}
