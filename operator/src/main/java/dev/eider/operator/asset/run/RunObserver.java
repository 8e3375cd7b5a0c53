package dev.eider.operator.asset.run;

import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.asset.state.PartitionStates;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Records what the runs of an asset did: for each partition with a run in progress, finds its Job
 * (by the deterministic name) and, when it has finished, turns its pod's termination message into
 * the partition's new state. Runs whose pod never started within the pending timeout are given up
 * as retryable failures; runs whose Job is missing (the operator stopped between recording and
 * creating it) are handed back to be created again under the same name.
 */
public final class RunObserver {

  /** A finished run and the partition it belongs to. */
  public record Finished(String key, String job, RunOutcome outcome, PartitionState after) {}

  /** What changed: finished runs, Jobs to delete (stuck Pending), runs to (re)create, the next deadline. */
  public record Observation(List<Finished> finished, List<Job> stuck, List<PartitionState> missingJobs,
                            Optional<Instant> nextPendingDeadline) {}

  /** Longest time between recording a run and creating its Job (normally milliseconds). */
  static final Duration CREATE_GRACE = Duration.ofMinutes(2);

  private final Duration pendingTimeout;

  public RunObserver(Duration pendingTimeout) {
    this.pendingTimeout = pendingTimeout;
  }

  /**
   * @param blockingChecks names of the asset's blocking checks: a materialization that fails one
   *     records it in the partition's state
   */
  public Observation observe(String asset, PartitionStates states, Map<String, Job> jobsByName,
                             Function<String, Optional<Pod>> podOfJob, RetryPolicy retry, Set<String> blockingChecks,
                             Instant now) {
    List<Finished> finished = new ArrayList<>();
    List<Job> stuck = new ArrayList<>();
    List<PartitionState> missing = new ArrayList<>();
    Instant nextDeadline = null;
    for (PartitionState state : List.copyOf(states.all())) {
      if (!state.running()) {
        continue;
      }
      String name = JobNames.of(asset, state.key(), state.seq());
      Job job = jobsByName.get(name);
      if (job == null) {
        if (state.startedAt() == null || state.startedAt().plus(CREATE_GRACE).isAfter(now)) {
          // Recorded but not created: the operator stopped in between. Same name, same run.
          missing.add(state);
        } else {
          // The Job existed and is gone (deleted, or collected while the operator was away): its
          // outcome is lost. Never re-create it; count it as a failed attempt instead.
          RunOutcome lost = new RunOutcome(RunOutcome.Kind.RETRYABLE, "Job " + name + " was deleted before its result was read",
              null, null, List.of(), now);
          PartitionState after = apply(state, lost, retry, blockingChecks, name, now);
          states.put(after);
          finished.add(new Finished(state.key(), name, lost, after));
        }
        continue;
      }
      Optional<Pod> pod = podOfJob.apply(name);
      Optional<RunOutcome> outcome = RunOutcomes.of(job, pod, now);
      if (outcome.isPresent()) {
        PartitionState after = apply(state, outcome.get(), retry, blockingChecks, name, now);
        states.put(after);
        finished.add(new Finished(state.key(), name, outcome.get(), after));
        continue;
      }
      if (RunSlots.finished(job)) {
        // Finished, waiting for the pod's final status; look again at the latest when the grace ends.
        Instant deadline = now.plus(RunOutcomes.POD_GRACE);
        nextDeadline = nextDeadline == null || deadline.isBefore(nextDeadline) ? deadline : nextDeadline;
        continue;
      }
      if (neverStarted(pod)) {
        Instant deadline = created(job, now).plus(pendingTimeout);
        if (!deadline.isAfter(now)) {
          RunOutcome timedOut = new RunOutcome(RunOutcome.Kind.RETRYABLE,
              "pod did not start within " + pendingTimeout.toMinutes() + "m (" + waitingReason(pod) + ")", null, null, List.of(), now);
          PartitionState after = apply(state, timedOut, retry, blockingChecks, name, now);
          states.put(after);
          stuck.add(job);
          finished.add(new Finished(state.key(), name, timedOut, after));
        } else if (nextDeadline == null || deadline.isBefore(nextDeadline)) {
          nextDeadline = deadline;
        }
      }
    }
    return new Observation(finished, stuck, missing, Optional.ofNullable(nextDeadline));
  }

  static PartitionState apply(PartitionState state, RunOutcome outcome, RetryPolicy retry, Set<String> blockingChecks,
                              String run, Instant now) {
    return switch (outcome.kind()) {
      // Recorded at the operator's clock, in milliseconds: Kubernetes keeps finish times in whole
      // seconds, and two materializations within one second must still compare as newer (eager).
      case SUCCEEDED, CHECKS_FAILED -> state.succeeded(now, outcome.checks().stream()
          .filter(check -> !Boolean.TRUE.equals(check.getPassed()) && blockingChecks.contains(check.getName()))
          .map(check -> check.getName()).toList());
      case PERMANENT -> state.failed(outcome.message());
      case RETRYABLE -> retry.allowsAnotherAfter(state.attempt())
          ? state.retrying(now.plus(retry.delayAfter(state.attempt(), run)), outcome.message())
          : state.failed(outcome.message() + " (attempt " + state.attempt() + " of " + retry.maxAttempts() + ")");
    };
  }

  private static boolean neverStarted(Optional<Pod> pod) {
    if (pod.isEmpty()) {
      return true;
    }
    return pod.get().getStatus() == null || pod.get().getStatus().getPhase() == null
        || "Pending".equals(pod.get().getStatus().getPhase());
  }

  private static String waitingReason(Optional<Pod> pod) {
    if (pod.isEmpty()) {
      return "no pod was created";
    }
    var statuses = pod.get().getStatus() == null ? null : pod.get().getStatus().getContainerStatuses();
    if (statuses != null) {
      for (var status : statuses) {
        if (status.getState() != null && status.getState().getWaiting() != null) {
          var waiting = status.getState().getWaiting();
          return waiting.getReason() + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage());
        }
      }
    }
    return "pod Pending";
  }

  private static Instant created(Job job, Instant fallback) {
    try {
      return Instant.parse(job.getMetadata().getCreationTimestamp());
    } catch (RuntimeException e) {
      return fallback;
    }
  }
}
