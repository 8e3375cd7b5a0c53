package dev.eider.operator.asset;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.AssetStatus;
import dev.eider.operator.asset.automation.DueRun;
import dev.eider.operator.asset.automation.RunPlanner;
import dev.eider.operator.workerjob.FailureReason;
import dev.eider.operator.asset.run.RunLauncher;
import dev.eider.operator.asset.run.RunObserver;
import dev.eider.operator.workerjob.RunOutcome;
import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.api.asset.AssetConditions;
import dev.eider.operator.platform.EventReason;
import dev.eider.operator.platform.EventRecorder;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns what a reconcile observed and did into Events; many alike runs make one Event, not hundreds. */
final class AssetEvents {

  private static final int LISTED = 5;

  private final EventRecorder recorder;

  AssetEvents(EventRecorder recorder) {
    this.recorder = recorder;
  }

  void finished(Asset asset, List<RunObserver.Finished> finished, Instant now) {
    finished(asset, finished, Set.of(), now);
  }

  /**
   * @param deleted the Jobs the observer deleted because their pod would not start: without a cause
   *     Kubernetes named, such a run is reported as {@link EventReason#RunStuckPending}
   */
  void finished(Asset asset, List<RunObserver.Finished> finished, Set<String> deleted, Instant now) {
    Map<EventReason, List<RunObserver.Finished>> byReason = finished.stream()
        .collect(Collectors.groupingBy(run -> reason(run, deleted), () -> new EnumMap<>(EventReason.class), Collectors.toList()));
    byReason.forEach((reason, alike) -> {
      if (alike.size() > LISTED) {
        recorder.record(asset, reason, alike.size() + " runs " + summary(alike.get(0), reason)
            + ": " + alike.stream().limit(LISTED).map(RunObserver.Finished::job).collect(Collectors.joining(", ")) + ", ...");
        return;
      }
      alike.forEach(run -> recorder.record(asset, reason, describe(run, reason, now)));
    });
  }

  /** A Warning for each run that cannot start yet, once: its attempt fails at a fixed time unless it starts. */
  void stalled(Asset asset, List<RunObserver.Stalled> stalled) {
    for (RunObserver.Stalled run : stalled) {
      recorder.record(asset, reason(run.reason()), run.job() + label(run.key()) + ": " + run.message()
          + "; the attempt fails at " + run.failsAt() + " unless the pod starts");
    }
  }

  void launched(Asset asset, RunLauncher.Launched launched) {
    List<DueRun> started = launched.started();
    if (started.isEmpty()) {
      return;
    }
    String runs = started.stream().limit(LISTED)
        .map(run -> (run.key().isEmpty() ? "" : run.key() + " ") + "(" + run.trigger().name().toLowerCase() + ")")
        .collect(Collectors.joining(", "));
    String more = started.size() > LISTED ? " and " + (started.size() - LISTED) + " more" : "";
    String waiting = launched.waiting() > 0 ? "; " + launched.waiting() + " more wait for a free slot" : "";
    recorder.record(asset, EventReason.RunStarted, "started " + started.size() + " run(s): " + runs + more + waiting);
    for (String job : launched.replaced()) {
      recorder.record(asset, EventReason.RunReplaced, "run " + job + " deleted: a cron tick started a new run of its partition"
          + " (concurrencyPolicy: Replace)");
    }
  }

  void planned(Asset asset, RunPlanner.Plan plan, RunLauncher.Launched launched) {
    if (plan.ticked()) {
      recorder.record(asset, EventReason.ScheduleTick, "cron tick " + plan.lastScheduleTime() + " made partitions due");
    }
    boolean allStarted = plan.due().stream().allMatch(run -> launched.started().contains(run));
    if (plan.requested() > 0 && !allStarted) {
      // Requests that start at once show in RunStarted (trigger "manual"); this one says they wait.
      recorder.record(asset, EventReason.MaterializeRequested, plan.requested() + " partition(s) requested by annotation, "
          + launched.waiting() + " waiting for a free slot");
    }
    if (!plan.unknownPartitions().isEmpty()) {
      recorder.record(asset, EventReason.InvalidSpec, "eider.dev/partitions names no partition of this asset: "
          + String.join(", ", plan.unknownPartitions()));
    }
    if (!plan.blockedBy().isEmpty()) {
      recorder.record(asset, EventReason.UpstreamCheckFailed, "held: a blocking check failed on " + String.join(", ", plan.blockedBy()));
    }
  }

  /** A Warning when the asset has just gone stale (its freshness check's maxAge passed without a run). */
  void freshness(Asset asset, AssetStatus previous, AssetStatus current) {
    turnedTo(previous, current, AssetConditions.FRESH, AssetConditions.STALE)
        .ifPresent(now -> recorder.record(asset, EventReason.StaleFreshness, now.getMessage()));
  }

  /**
   * When the checks pass where they did not (first run, or after a failure): a blocking check that
   * failed held downstream assets, which now run again.
   */
  void checks(Asset asset, AssetStatus previous, AssetStatus current) {
    turnedTo(previous, current, AssetConditions.CHECKS_PASSED, AssetConditions.ALL_CHECKS_PASSED).ifPresent(now -> {
      Condition before = condition(previous, AssetConditions.CHECKS_PASSED);
      boolean wasBlocking = before != null && AssetConditions.BLOCKING_CHECK_FAILED.equals(before.getReason());
      recorder.record(asset, EventReason.ChecksPassed, now.getMessage()
          + (wasBlocking ? "; downstream assets held by the failed blocking check run again" : ""));
    });
  }

  /** A Warning when a time-windowed asset starts dropping its oldest windows. */
  void windows(Asset asset, AssetStatus previous, AssetStatus current) {
    turnedTo(previous, current, AssetConditions.ALL_WINDOWS_TRACKED, AssetConditions.OLDEST_WINDOWS_DROPPED)
        .ifPresent(now -> recorder.record(asset, EventReason.OldestWindowsDropped, now.getMessage()));
  }

  /** The condition {@code type} of {@code current}, when its reason has just become {@code reason}. */
  private static Optional<Condition> turnedTo(AssetStatus previous, AssetStatus current, String type, String reason) {
    Condition before = condition(previous, type);
    Condition now = condition(current, type);
    boolean is = now != null && reason.equals(now.getReason());
    boolean was = before != null && reason.equals(before.getReason());
    return is && !was ? Optional.of(now) : Optional.empty();
  }

  private static Condition condition(AssetStatus status, String type) {
    return status == null || status.getConditions() == null ? null
        : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  private static EventReason reason(RunObserver.Finished run, Set<String> deleted) {
    if (run.outcome().reason() != null) {
      return reason(run.outcome().reason());
    }
    if (deleted.contains(run.job())) {
      // Its pod never started within eider.runs.pending-timeout: the Job was deleted (and the run retried, if it may be).
      return EventReason.RunStuckPending;
    }
    return switch (run.outcome().kind()) {
      case SUCCEEDED -> EventReason.RunSucceeded;
      case CHECKS_FAILED -> EventReason.ChecksFailed;
      case PERMANENT -> EventReason.RunFailed;
      case RETRYABLE -> run.after().phase() == PartitionState.Phase.RETRYING ? EventReason.RetryScheduled : EventReason.RetriesExhausted;
    };
  }

  static EventReason reason(FailureReason reason) {
    return switch (reason) {
      case ImageUnavailable -> EventReason.ImageUnavailable;
      case ContainerConfigRefused -> EventReason.ContainerConfigRefused;
      case PodRefused -> EventReason.PodRefused;
      case OOMKilled -> EventReason.OOMKilled;
      case Evicted -> EventReason.Evicted;
      case DeadlineExceeded -> EventReason.DeadlineExceeded;
      case InvalidResult -> EventReason.InvalidResult;
    };
  }

  private static String summary(RunObserver.Finished run, EventReason reason) {
    return run.outcome().reason() != null ? "failed (" + run.outcome().reason() + ")"
        : reason == EventReason.RunStuckPending ? "stuck pending"
        : run.outcome().kind().name().toLowerCase().replace('_', ' ');
  }

  private static String describe(RunObserver.Finished run, EventReason reason, Instant now) {
    String head = run.job() + label(run.key()) + ": " + run.outcome().message();
    if (run.after().phase() == PartitionState.Phase.RETRYING) {
      Duration wait = Duration.between(now, run.after().nextAttemptAt());
      return head + "; attempt " + (run.after().attempt() + 1) + " in " + Math.max(0, wait.toSeconds()) + "s";
    }
    if (run.outcome().reason() != null || reason == EventReason.RunStuckPending) {
      // The cause's Event replaces RunFailed or RetriesExhausted: say that nothing follows.
      return run.outcome().kind() == RunOutcome.Kind.PERMANENT ? head + "; not retried"
          : run.job() + label(run.key()) + ": " + run.after().error() + "; no attempts left";
    }
    return head;
  }

  private static String label(String key) {
    return key.isEmpty() ? "" : " [" + key + "]";
  }
}
