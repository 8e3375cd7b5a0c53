package dev.eider.operator.asset.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.contract.result.InvalidResultException;
import dev.eider.contract.result.PartitionKeys;
import dev.eider.contract.result.ResultReader;
import dev.eider.contract.time.Durations;
import dev.eider.operator.api.asset.CheckResult;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a run's outcome from its finished Job and pod, following the worker's contract: exit 0
 * done, 1 failed (retry), 2 bad input (never retry), 3 transient fault (retry); the termination
 * message holds the JSON result, or {@code {"error": ..., "exitCode": ...}}.
 */
public final class RunOutcomes {

  static final String WORKER = "worker";
  /** How long after a Job finished its pod's final status may still be missing from the cache. */
  public static final Duration POD_GRACE = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEADLINE_EXCEEDED = "DeadlineExceeded";
  private static final String EVICTED = "Evicted";
  private static final String OOM_KILLED = "OOMKilled";
  /** Terminated reasons of a container whose process never ran: dockershim's, then containerd's. */
  private static final List<String> CANNOT_RUN = List.of("ContainerCannotRun", "StartError");

  private RunOutcomes() {}

  /** The outcome, or empty while the Job has not finished (or its pod's final status is not known yet). */
  public static Optional<RunOutcome> of(Job job, Optional<Pod> pod, Instant now) {
    Optional<JobCondition> finished = finishedCondition(job);
    if (finished.isEmpty()) {
      return Optional.empty();
    }
    Instant finishedAt = parseTime(finished.get().getLastTransitionTime(), now);
    if ("Failed".equals(finished.get().getType()) && DEADLINE_EXCEEDED.equals(finished.get().getReason())) {
      // The Job controller killed the pod: whatever it reports now (exit 137 or 143, or nothing once
      // it is deleted) says less than the Job does.
      return Optional.of(RunOutcome.failed(RunOutcome.Kind.RETRYABLE, FailureReason.DeadlineExceeded,
          "run took longer than its timeout" + deadline(job) + ": " + nullToEmpty(finished.get().getMessage()).strip(), finishedAt));
    }
    Optional<Pod> evicted = pod.filter(p -> p.getStatus() != null && EVICTED.equals(p.getStatus().getReason()));
    if (evicted.isPresent()) {
      return Optional.of(RunOutcome.failed(RunOutcome.Kind.RETRYABLE, FailureReason.Evicted,
          "pod evicted by the kubelet: " + nullToEmpty(evicted.get().getStatus().getMessage()).strip(), finishedAt));
    }
    Optional<ContainerStateTerminated> terminated = pod.flatMap(RunOutcomes::terminated);
    if (terminated.isEmpty() && finishedAt.plus(POD_GRACE).isAfter(now)) {
      // The Job controller saw the pod end, but the pod's final status has not reached this
      // operator's cache yet: its update is on the way and wakes the asset.
      return Optional.empty();
    }
    if (terminated.isEmpty()) {
      // The one success without a result: the Job controller, not a pod, says the run completed
      // (its pod exited 0), and the pod went before its message was read (deleted, or its node
      // lost). Nothing is published and no metadata shown; an empty message, by contrast, is read
      // from a pod that is there, and is an InvalidResult.
      boolean complete = "Complete".equals(finished.get().getType());
      String reason = finished.get().getReason() == null ? "" : finished.get().getReason();
      return Optional.of(complete
          ? new RunOutcome(RunOutcome.Kind.SUCCEEDED, "completed (pod already gone, no result)", null, null, List.of(), finishedAt)
          : new RunOutcome(RunOutcome.Kind.RETRYABLE, "Job failed: " + reason + " " + nullToEmpty(finished.get().getMessage()).strip(),
              null, null, List.of(), finishedAt));
    }
    return Optional.of(fromContainer(terminated.get(), pod.get(), finishedAt));
  }

  /**
   * The outcome of a terminated worker container. The kubelet's reason comes first when the worker
   * had no chance to write its result: killed for memory, or never started at all.
   */
  static RunOutcome fromContainer(ContainerStateTerminated terminated, Pod pod, Instant finishedAt) {
    boolean workerResult = parse(terminated.getMessage()) != null;
    if (OOM_KILLED.equals(terminated.getReason()) && !workerResult) {
      return RunOutcome.failed(RunOutcome.Kind.RETRYABLE, FailureReason.OOMKilled,
          "worker killed by its memory limit (" + memoryLimit(pod).orElse("none set: the node ran out of memory") + ")", finishedAt);
    }
    if (terminated.getReason() != null && CANNOT_RUN.contains(terminated.getReason()) && !workerResult) {
      return RunOutcome.failed(RunOutcome.Kind.RETRYABLE, FailureReason.ContainerConfigRefused,
          "container could not start (" + terminated.getReason() + "): " + oneLine(nullToEmpty(terminated.getMessage())), finishedAt);
    }
    return fromTermination(terminated.getExitCode(), terminated.getMessage(), finishedAt);
  }

  static RunOutcome fromTermination(Integer exitCode, String message, Instant finishedAt) {
    int code = exitCode == null ? -1 : exitCode;
    if (code == 0) {
      return succeeded(message, finishedAt);
    }
    Optional<ObjectNode> checksFailed = ResultReader.checksFailed(message);
    if (checksFailed.isPresent()) {
      List<CheckResult> checks = checks(checksFailed.get());
      return new RunOutcome(RunOutcome.Kind.CHECKS_FAILED, summary(checksFailed.get(), checks), metadata(checksFailed.get()), null, checks,
          finishedAt);
    }
    JsonNode result = parse(message);
    String error = result != null && result.hasNonNull("error") ? result.get("error").asText()
        : message == null || message.isBlank() ? "no termination message" : oneLine(message);
    RunOutcome.Kind kind = ExitCodes.retried(code) ? RunOutcome.Kind.RETRYABLE : RunOutcome.Kind.PERMANENT;
    return new RunOutcome(kind, "exit " + code + ": " + error, null, null, List.of(), finishedAt);
  }

  /**
   * Exit 0: the worker's result, or a failed run when the message is not one ({@link ResultReader})
   * or publishes keys beyond the limits ({@link PartitionKeys}). Not retried: the same worker and input
   * would write the same result again.
   */
  private static RunOutcome succeeded(String message, Instant finishedAt) {
    try {
      JsonNode result = ResultReader.success(message);
      List<CheckResult> checks = checks(result);
      return new RunOutcome(RunOutcome.Kind.SUCCEEDED, summary(result, checks), metadata(result), PartitionKeys.read(result), checks, finishedAt);
    } catch (InvalidResultException e) {
      return RunOutcome.failed(RunOutcome.Kind.PERMANENT, FailureReason.InvalidResult, "invalid result: " + e.getMessage(), finishedAt);
    }
  }

  /** The Job's Complete or Failed condition, once it has one. */
  static Optional<JobCondition> finishedCondition(Job job) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()))
        .findFirst();
  }

  private static Optional<ContainerStateTerminated> terminated(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(status -> WORKER.equals(status.getName()))
        .map(ContainerStatus::getState)
        .filter(state -> state != null && state.getTerminated() != null)
        .map(state -> state.getTerminated())
        .findFirst();
  }

  /** The worker container's memory limit as written in the pod spec (e.g. 512Mi). */
  static Optional<String> memoryLimit(Pod pod) {
    if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
      return Optional.empty();
    }
    return pod.getSpec().getContainers().stream()
        .filter(container -> WORKER.equals(container.getName()))
        .map(container -> container.getResources() == null || container.getResources().getLimits() == null ? null
            : container.getResources().getLimits().get("memory"))
        .filter(java.util.Objects::nonNull)
        .map(Quantity::toString)
        .findFirst();
  }

  private static String deadline(Job job) {
    Long seconds = job.getSpec() == null ? null : job.getSpec().getActiveDeadlineSeconds();
    return seconds == null ? "" : " (" + Durations.format(Duration.ofSeconds(seconds)) + ")";
  }

  private static JsonNode parse(String message) {
    if (message == null || message.isBlank()) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(message);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static List<CheckResult> checks(JsonNode result) {
    List<CheckResult> checks = new ArrayList<>();
    if (result == null || !result.path("checks").isArray()) {
      return checks;
    }
    for (JsonNode node : result.get("checks")) {
      CheckResult check = new CheckResult();
      check.setName(node.path("name").asText());
      check.setPassed(node.path("passed").asBoolean(false));
      check.setSeverity(node.path("severity").asText("error"));
      check.setFailingRows(node.hasNonNull("failingRows") ? node.get("failingRows").asLong() : null);
      check.setMessage(node.path("message").asText(null));
      checks.add(check);
    }
    return checks;
  }

  private static JsonNode metadata(JsonNode result) {
    ObjectNode copy = ((ObjectNode) result).deepCopy();
    copy.remove(List.of("partitions", "partitionsGzip", "checks"));
    return copy;
  }

  private static String summary(JsonNode result, List<CheckResult> checks) {
    StringBuilder text = new StringBuilder();
    if (result.has("items")) {
      text.append(result.get("items").asLong()).append(" items");
    } else if (result.path("models").isArray()) {
      List<String> models = new ArrayList<>();
      result.get("models").forEach(model -> models.add(model.path("name").asText() + " (" + model.path("rows").asLong() + " rows)"));
      text.append("built ").append(String.join(", ", models));
    } else {
      text.append("done");
    }
    long failed = checks.stream().filter(check -> !Boolean.TRUE.equals(check.getPassed())).count();
    if (!checks.isEmpty()) {
      text.append("; checks: ").append(checks.size() - failed).append(" passed, ").append(failed).append(" failed");
    }
    return text.toString();
  }

  private static Instant parseTime(String text, Instant fallback) {
    try {
      return text == null ? fallback : Instant.parse(text);
    } catch (RuntimeException e) {
      return fallback;
    }
  }

  private static String oneLine(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > 300 ? line.substring(0, 297) + "..." : line;
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
