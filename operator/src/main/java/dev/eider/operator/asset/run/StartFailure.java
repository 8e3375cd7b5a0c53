package dev.eider.operator.asset.run;

import dev.eider.operator.workerjob.FailureReason;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Why a run's pod cannot start, read from the waiting reasons a kubelet writes for its containers,
 * and what that means for the attempt. A lenient node never shows these; a real one (restricted
 * Pod Security, images from a registry, Secrets applied by someone else) does, and without them a
 * run would only wait for the pending timeout.
 *
 * @param handling whether the attempt fails now (and if it may be retried) or after a grace
 * @param message one line naming the image or container and quoting the kubelet
 */
public record StartFailure(FailureReason reason, Handling handling, String message) {

  /** What the observer does with the attempt. */
  public enum Handling {
    /** Fail it and never retry: the same image name fails the same way. */
    FAIL_FOR_GOOD,
    /** Fail it now; the retry policy decides about another attempt. */
    FAIL_ATTEMPT,
    /**
     * Report it now and fail it once a grace has passed: a pull can fail for a moment (a registry
     * hiccup, a rate limit, an image pushed seconds later) and then succeed on the kubelet's own retry.
     */
    FAIL_AFTER_GRACE
  }

  /** Never fixed by waiting: the name cannot be parsed, or the node may not pull and lacks it. */
  private static final Set<String> IMAGE_NEVER = Set.of("InvalidImageName", "ErrImageNeverPull");
  private static final Set<String> IMAGE_PULL = Set.of("ErrImagePull", "ImagePullBackOff");
  /**
   * The kubelet refused the container: a missing Secret or ConfigMap (key), runAsNonRoot with a root
   * image, a command the runtime cannot start. The kubelet would repeat it forever.
   */
  private static final Set<String> CONFIG_REFUSED = Set.of("CreateContainerConfigError", "CreateContainerError", "RunContainerError");

  /** The first container of {@code pod} that waits for one of the reasons above, if any. */
  public static Optional<StartFailure> of(Pod pod) {
    List<ContainerStatus> statuses = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
    if (statuses == null) {
      return Optional.empty();
    }
    for (ContainerStatus status : statuses) {
      ContainerStateWaiting waiting = status.getState() == null ? null : status.getState().getWaiting();
      if (waiting == null || waiting.getReason() == null) {
        continue;
      }
      String reason = waiting.getReason();
      String kubelet = oneLine(waiting.getMessage());
      if (IMAGE_NEVER.contains(reason)) {
        return Optional.of(new StartFailure(FailureReason.ImageUnavailable, Handling.FAIL_FOR_GOOD,
            "image " + image(pod, status) + " is unavailable (" + reason + "): " + kubelet));
      }
      if (IMAGE_PULL.contains(reason)) {
        return Optional.of(new StartFailure(FailureReason.ImageUnavailable, Handling.FAIL_AFTER_GRACE,
            "image " + image(pod, status) + " cannot be pulled: " + kubelet));
      }
      if (CONFIG_REFUSED.contains(reason)) {
        return Optional.of(new StartFailure(FailureReason.ContainerConfigRefused, Handling.FAIL_ATTEMPT,
            "container " + status.getName() + " refused by the kubelet (" + reason + "): " + kubelet));
      }
    }
    return Optional.empty();
  }

  /** The image as the pod spec names it (the status may hold a resolved form, or nothing yet). */
  private static String image(Pod pod, ContainerStatus status) {
    List<Container> containers = pod.getSpec() == null ? List.of() : pod.getSpec().getContainers();
    return containers.stream().filter(c -> status.getName().equals(c.getName())).map(Container::getImage)
        .findFirst().orElse(status.getImage());
  }

  static String oneLine(String text) {
    if (text == null || text.isBlank()) {
      return "no message from the kubelet";
    }
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > 500 ? line.substring(0, 497) + "..." : line;
  }
}
