package dev.eider.e2e.support;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a branch's own code could do with what a branch holds: a Job in the branch namespace made
 * from one of the branch's run Jobs (same image, ServiceAccount and Secrets, so the same storage
 * credentials), but pointed at production (its prefix, its database) and without the worker's own
 * guard ({@code EIDER_PROTECTED_DATABASES}). Whoever the branch grants {@code edit}, or a branch
 * image, can make exactly this; only the credentials stand between it and production.
 */
public final class BranchEscapeAttempt {

  /** How the attempt ended: whether its pod succeeded, and what it said (termination message, else log tail). */
  public record Outcome(boolean succeeded, String message) {}

  private static final String ASSET_LABEL = "eider.dev/asset";
  private static final String ROLE_LABEL = "eider.dev/e2e-role";

  private BranchEscapeAttempt() {}

  /**
   * Runs a copy of {@code asset}'s latest run Job in {@code namespace} as {@code name}, with the
   * worker's variables {@code set} and {@code removed}, and waits until it has ended.
   */
  public static Outcome run(KubernetesClient client, String namespace, String asset, String name, Map<String, String> set,
                            Set<String> removed, Duration timeout) {
    return run(client, namespace, asset, name, set, removed, UnaryOperator.identity(), timeout);
  }

  /** As {@link #run(KubernetesClient, String, String, String, Map, Set, Duration)}, with the worker's arguments changed by {@code args}. */
  public static Outcome run(KubernetesClient client, String namespace, String asset, String name, Map<String, String> set,
                            Set<String> removed, UnaryOperator<List<String>> args, Duration timeout) {
    Job template = client.batch().v1().jobs().inNamespace(namespace).withLabel(ASSET_LABEL, asset).list().getItems().stream()
        .max(Comparator.comparing(job -> job.getMetadata().getCreationTimestamp()))
        .orElseThrow(() -> new IllegalStateException("no run Job of " + asset + " in " + namespace + " to copy"));
    PodTemplateSpec pod = Serialization.clone(template.getSpec().getTemplate());
    // Not the operator's: no managed-by label, no owner, nothing the Asset controller would count as a run.
    pod.setMetadata(new ObjectMeta());
    pod.getMetadata().setLabels(Map.of(ROLE_LABEL, "escape-attempt"));
    pod.getSpec().getContainers().forEach(container -> {
      List<EnvVar> env = new ArrayList<>();
      for (EnvVar var : container.getEnv()) {
        if (!removed.contains(var.getName()) && !set.containsKey(var.getName())) {
          env.add(var);
        }
      }
      set.forEach((key, value) -> env.add(new EnvVar(key, value, null)));
      container.setEnv(env);
      container.setArgs(args.apply(new ArrayList<>(container.getArgs())));
    });
    Job job = client.resource(new JobBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).addToLabels(ROLE_LABEL, "escape-attempt").endMetadata()
        .withNewSpec().withBackoffLimit(0).withTemplate(pod).endSpec()
        .build()).create();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      JobStatus status = client.batch().v1().jobs().inNamespace(namespace).withName(name).get().getStatus();
      if (status != null && (positive(status.getSucceeded()) || positive(status.getFailed()))) {
        return new Outcome(positive(status.getSucceeded()), message(client, namespace, job));
      }
      sleep();
    }
    throw new IllegalStateException("the escape attempt " + name + " in " + namespace + " did not end within " + timeout);
  }

  private static String message(KubernetesClient client, String namespace, Job job) {
    Optional<Pod> pod = client.pods().inNamespace(namespace).list().getItems().stream()
        .filter(candidate -> ownedBy(candidate, job.getMetadata().getUid())).findFirst();
    if (pod.isEmpty()) {
      return "";
    }
    List<ContainerStatus> statuses = pod.get().getStatus() == null ? List.of() : pod.get().getStatus().getContainerStatuses();
    for (ContainerStatus status : statuses == null ? List.<ContainerStatus>of() : statuses) {
      if (status.getState() != null && status.getState().getTerminated() != null
          && status.getState().getTerminated().getMessage() != null) {
        return status.getState().getTerminated().getMessage();
      }
    }
    return "";
  }

  private static boolean ownedBy(Pod pod, String uid) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    return owners != null && owners.stream().anyMatch(owner -> uid.equals(owner.getUid()));
  }

  private static boolean positive(Integer count) {
    return count != null && count > 0;
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the escape attempt", e);
    }
  }
}
