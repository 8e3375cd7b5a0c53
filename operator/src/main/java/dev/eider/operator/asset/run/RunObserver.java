package dev.eider.operator.asset.run;

import dev.eider.contract.time.Durations;
import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.asset.state.PartitionStates;
import io.fabric8.kubernetes.api.model.Event;
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
 * (by the deterministic name) and, when it has finished, turns its own pod's termination message
 * into the partition's new state (pods that only claim the Job by label are ignored: {@link JobPods}). A run that cannot start fails as soon as Kubernetes says why (an
 * image that cannot exist, a container the kubelet refuses, a pod admission refuses), or after a
 * short grace for an image pull that may still succeed; a run whose pod waits for no known reason
 * is given up after the pending timeout. Runs whose Job is missing (the operator stopped between
 * recording and creating it) are handed back to be created again under the same name.
 */
public final class RunObserver {

  /** A finished run and the partition it belongs to. */
  public record Finished(String key, String job, RunOutcome outcome, PartitionState after) {}

  /** A run still in progress that cannot start yet; it fails at {@code failsAt} unless it starts. */
  public record Stalled(String key, String job, FailureReason reason, String message, Instant failsAt) {}

  /**
   * What changed: finished runs, Jobs to delete (they will never run, or run no longer), runs to
   * (re)create, runs that cannot start yet, the next deadline.
   */
  public record Observation(List<Finished> finished, List<Job> stuck, List<PartitionState> missingJobs,
                            List<Stalled> stalled, Optional<Instant> nextPendingDeadline) {}

  /** Where the observer reads a run's pod and the Events about its Job. */
  public interface Cluster {
    /** Pods labelled {@code job-name=<job>}: the Job's own, and any other pod claiming to be (see {@link JobPods}). */
    List<Pod> podsLabelled(String job);

    /** Events whose involved object is the Job {@code job} (any reason). */
    List<Event> eventsOf(Job job);
  }

  /** Longest time between recording a run and creating its Job (normally milliseconds). */
  static final Duration CREATE_GRACE = Duration.ofMinutes(2);

  private final Duration pendingTimeout;
  private final Duration imagePullGrace;

  public RunObserver(Duration pendingTimeout, Duration imagePullGrace) {
    this.pendingTimeout = pendingTimeout;
    this.imagePullGrace = imagePullGrace;
  }

  /**
   * @param blockingChecks names of the asset's blocking checks: a materialization that fails one
   *     records it in the partition's state
   */
  public Observation observe(String asset, PartitionStates states, Map<String, Job> jobsByName, Cluster cluster,
                             RetryPolicy retry, Set<String> blockingChecks, Instant now) {
    Round round = new Round(states, retry, blockingChecks, now);
    for (PartitionState state : List.copyOf(states.all())) {
      if (!state.running()) {
        continue;
      }
      String name = JobNames.of(asset, state.key(), state.seq());
      Job job = jobsByName.get(name);
      if (job == null) {
        if (state.startedAt() == null || state.startedAt().plus(CREATE_GRACE).isAfter(now)) {
          // Recorded but not created: the operator stopped in between. Same name, same run.
          round.missing.add(state);
        } else {
          // The Job existed and is gone (deleted, or collected while the operator was away): its
          // outcome is lost. Never re-create it; count it as a failed attempt instead.
          round.finish(state, name, new RunOutcome(RunOutcome.Kind.RETRYABLE, "Job " + name + " was deleted before its result was read",
              null, null, List.of(), now));
        }
        continue;
      }
      Optional<Pod> pod = JobPods.of(job, cluster.podsLabelled(name));
      Optional<RunOutcome> outcome = RunOutcomes.of(job, pod, now);
      if (outcome.isPresent()) {
        round.finish(state, name, outcome.get());
        continue;
      }
      if (RunSlots.finished(job)) {
        // Finished, waiting for the pod's final status; look again at the latest when the grace ends.
        round.wakeAt(now.plus(RunOutcomes.POD_GRACE));
        continue;
      }
      if (pod.isEmpty()) {
        Optional<String> refused = PodRefusals.of(job, cluster.eventsOf(job));
        if (refused.isPresent()) {
          round.giveUp(state, job, RunOutcome.failed(RunOutcome.Kind.RETRYABLE, FailureReason.PodRefused,
              "pod refused by admission: " + refused.get(), now));
          continue;
        }
      } else if (cannotStart(state, job, pod.get(), round)) {
        continue;
      }
      if (neverStarted(pod)) {
        Instant deadline = created(job, now).plus(pendingTimeout);
        if (!deadline.isAfter(now)) {
          round.giveUp(state, job, new RunOutcome(RunOutcome.Kind.RETRYABLE,
              "pod did not start within " + Durations.format(pendingTimeout) + " (" + waitingReason(pod) + ")", null, null, List.of(), now));
        } else {
          round.wakeAt(deadline);
        }
      }
    }
    return new Observation(round.finished, round.stuck, round.missing, round.stalled, Optional.ofNullable(round.nextDeadline));
  }

  /** Whether the pod's containers cannot start for a known reason; the attempt fails now, later, or is reported stalled. */
  private boolean cannotStart(PartitionState state, Job job, Pod pod, Round round) {
    Optional<StartFailure> failure = StartFailure.of(pod);
    if (failure.isEmpty()) {
      return false;
    }
    StartFailure why = failure.get();
    switch (why.handling()) {
      case FAIL_FOR_GOOD -> round.giveUp(state, job, RunOutcome.failed(RunOutcome.Kind.PERMANENT, why.reason(), why.message(), round.now));
      case FAIL_ATTEMPT -> round.giveUp(state, job, RunOutcome.failed(RunOutcome.Kind.RETRYABLE, why.reason(), why.message(), round.now));
      case FAIL_AFTER_GRACE -> {
        // Counted from the pod's creation: the kubelet starts pulling within seconds of it.
        Instant failsAt = created(pod.getMetadata() == null ? null : pod.getMetadata().getCreationTimestamp(),
            created(job, round.now)).plus(imagePullGrace);
        if (!failsAt.isAfter(round.now)) {
          round.giveUp(state, job, RunOutcome.failed(RunOutcome.Kind.RETRYABLE, why.reason(),
              why.message() + " (still failing after " + Durations.format(imagePullGrace) + ")",
              round.now));
        } else {
          round.stalled.add(new Stalled(state.key(), job.getMetadata().getName(), why.reason(), why.message(), failsAt));
          round.wakeAt(failsAt);
        }
      }
    }
    return true;
  }

  /** What one observation collects, and how a run's end is recorded. */
  private static final class Round {
    final PartitionStates states;
    final RetryPolicy retry;
    final Set<String> blockingChecks;
    final Instant now;
    final List<Finished> finished = new ArrayList<>();
    final List<Job> stuck = new ArrayList<>();
    final List<PartitionState> missing = new ArrayList<>();
    final List<Stalled> stalled = new ArrayList<>();
    Instant nextDeadline;

    Round(PartitionStates states, RetryPolicy retry, Set<String> blockingChecks, Instant now) {
      this.states = states;
      this.retry = retry;
      this.blockingChecks = blockingChecks;
      this.now = now;
    }

    void finish(PartitionState state, String job, RunOutcome outcome) {
      PartitionState after = apply(state, outcome, retry, blockingChecks, job, now);
      states.put(after);
      finished.add(new Finished(state.key(), job, outcome, after));
    }

    /** Ends a run whose Job will never run its pod: the Job is deleted so the Job controller stops trying. */
    void giveUp(PartitionState state, Job job, RunOutcome outcome) {
      stuck.add(job);
      finish(state, job.getMetadata().getName(), outcome);
    }

    void wakeAt(Instant at) {
      nextDeadline = nextDeadline == null || at.isBefore(nextDeadline) ? at : nextDeadline;
    }
  }

  static PartitionState apply(PartitionState state, RunOutcome outcome, RetryPolicy retry, Set<String> blockingChecks,
                              String run, Instant now) {
    String reason = outcome.reason() == null ? null : outcome.reason().name();
    return switch (outcome.kind()) {
      // Recorded at the operator's clock, in milliseconds: Kubernetes keeps finish times in whole
      // seconds, and two materializations within one second must still compare as newer (eager).
      case SUCCEEDED, CHECKS_FAILED -> state.succeeded(now, outcome.checks().stream()
          .filter(check -> !Boolean.TRUE.equals(check.getPassed()) && blockingChecks.contains(check.getName()))
          .map(check -> check.getName()).toList());
      case PERMANENT -> state.failed(outcome.message(), reason);
      case RETRYABLE -> retry.allowsAnotherAfter(state.attempt())
          ? state.retrying(now.plus(retry.delayAfter(state.attempt(), run)), outcome.message(), reason)
          : state.failed(outcome.message() + " (attempt " + state.attempt() + " of " + retry.maxAttempts() + ")", reason);
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
    return created(job.getMetadata().getCreationTimestamp(), fallback);
  }

  private static Instant created(String timestamp, Instant fallback) {
    try {
      return timestamp == null ? fallback : Instant.parse(timestamp);
    } catch (RuntimeException e) {
      return fallback;
    }
  }
}
