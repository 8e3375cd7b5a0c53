package dev.eider.operator.asset.status;

import dev.eider.operator.api.asset.AssetConditions;
import dev.eider.operator.platform.Timestamps;
import static dev.eider.operator.api.asset.AssetConditions.*;

import dev.eider.contract.time.Durations;
import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.AssetStatus;
import dev.eider.operator.api.asset.CheckResult;
import dev.eider.operator.api.asset.CheckSpec;
import dev.eider.operator.api.asset.Materialization;
import dev.eider.operator.api.asset.PartitionCounts;
import dev.eider.operator.asset.partition.TrackedWindows;
import dev.eider.operator.asset.run.RunObserver;
import dev.eider.operator.sql.CodeVersion;
import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.asset.state.PartitionStates;
import dev.eider.operator.platform.SpecProblem;
import dev.eider.operator.platform.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one place an Asset's status is written: callers report what they observed, {@link #build()}
 * derives the counts and the conditions, keeping each condition's transition time while its
 * status holds.
 */
public final class AssetStatusBuilder {

  private final AssetSpec spec;
  private final AssetStatus previous;
  private final long generation;
  private final Instant now;
  private List<SpecProblem> problems = List.of();
  private List<String> keys = List.of();
  private PartitionStates states = PartitionStates.empty();
  private Materialization lastMaterialization;
  private List<CheckResult> checks;
  private List<String> blockedBy = List.of();
  private List<RunObserver.Stalled> stalled = List.of();
  private int queued;
  private Instant lastScheduleTime;
  private Instant nextRunAt;
  private List<String> stateConfigMaps = List.of();
  private TrackedWindows windows;
  private CodeVersion codeVersion;
  private String reusedFrom;

  public AssetStatusBuilder(AssetSpec spec, AssetStatus previous, long generation, Instant now) {
    this.spec = spec;
    this.previous = previous == null ? new AssetStatus() : previous;
    this.generation = generation;
    this.now = now;
    this.lastMaterialization = this.previous.getLastMaterialization();
    this.checks = this.previous.getChecks();
    this.lastScheduleTime = parse(this.previous.getLastScheduleTime());
    this.nextRunAt = parse(this.previous.getNextRunAt());
  }

  public AssetStatusBuilder invalid(List<SpecProblem> problems) {
    this.problems = problems;
    return this;
  }

  public AssetStatusBuilder partitions(List<String> keys, PartitionStates states, List<String> stateConfigMaps) {
    this.keys = keys;
    this.states = states;
    this.stateConfigMaps = stateConfigMaps;
    return this;
  }

  /** The time windows a time-windowed Asset tracks: the AllWindowsTracked condition says whether older ones were dropped. */
  public AssetStatusBuilder windows(TrackedWindows tracked) {
    this.windows = tracked;
    return this;
  }

  public AssetStatusBuilder materialized(Materialization materialization) {
    this.lastMaterialization = materialization;
    return this;
  }

  public AssetStatusBuilder checks(List<CheckResult> results) {
    this.checks = results;
    return this;
  }

  public AssetStatusBuilder blockedBy(List<String> upstream) {
    this.blockedBy = upstream;
    return this;
  }

  /** Runs that cannot start yet (an image pull failing): the Materializing condition names them. */
  public AssetStatusBuilder stalled(List<RunObserver.Stalled> runs) {
    this.stalled = runs;
    return this;
  }

  /** Due runs that wait for a free slot this round. */
  public AssetStatusBuilder queued(int runs) {
    this.queued = runs;
    return this;
  }

  public AssetStatusBuilder schedule(Instant lastScheduleTime, Optional<Instant> nextRunAt) {
    this.lastScheduleTime = lastScheduleTime;
    this.nextRunAt = nextRunAt.orElse(null);
    return this;
  }

  /** The transform's current code version (null for an ingestion): the CodeVersion condition compares the partitions with it. */
  public AssetStatusBuilder codeVersion(CodeVersion current) {
    this.codeVersion = current;
    return this;
  }

  /** The base a branch takes this asset from unchanged (its plan), or null. */
  public AssetStatusBuilder reusedFrom(String base) {
    this.reusedFrom = base;
    return this;
  }

  /** The blocking checks that failed in the latest evaluation. */
  public static List<String> failedBlockingChecks(AssetSpec spec, List<CheckResult> results) {
    if (results == null) {
      return List.of();
    }
    List<String> blocking = spec.getChecks().stream().filter(c -> Boolean.TRUE.equals(c.getBlocking()))
        .map(CheckSpec::getName).toList();
    return results.stream().filter(r -> !Boolean.TRUE.equals(r.getPassed()) && blocking.contains(r.getName()))
        .map(CheckResult::getName).toList();
  }

  /** When the asset goes stale if nothing materializes it, for a freshness policy. */
  public static Optional<Duration> maxAge(AssetSpec spec) {
    return spec.getChecks().stream().filter(c -> c.getType() == CheckSpec.Type.FRESHNESS && c.getMaxAge() != null)
        .map(c -> Durations.parse(c.getMaxAge())).flatMap(Optional::stream).min(Duration::compareTo);
  }

  public AssetStatus build() {
    AssetStatus status = new AssetStatus();
    status.setObservedGeneration(generation);
    status.setLastMaterialization(lastMaterialization);
    status.setChecks(checks);
    status.setLastScheduleTime(lastScheduleTime == null ? null : lastScheduleTime.toString());
    status.setNextRunAt(nextRunAt == null ? null : nextRunAt.toString());
    status.setPartitionStates(stateConfigMaps);
    Conditions conditions = new Conditions(previous.getConditions(), generation, now);
    if (!problems.isEmpty()) {
      String message = problems.stream().map(SpecProblem::toString).collect(Collectors.joining("; "));
      conditions.set(READY, false, INVALID_SPEC, message);
      status.setPartitions(previous.getPartitions());
      status.setCodeVersion(previous.getCodeVersion());
      status.setConditions(conditions.build());
      return status;
    }
    PartitionCounts counts = counts();
    status.setPartitions(counts);
    ready(conditions, counts);
    materializing(conditions, counts);
    conditions.set(FAILED, counts.getFailed() > 0, counts.getFailed() > 0 ? failedReason() : NO_FAILURES,
        counts.getFailed() > 0 ? failures() : "no partition failed for good");
    checksCondition(conditions);
    freshness(conditions);
    if (codeVersion != null) {
      status.setCodeVersion(CodeVersions.status(codeVersion, keys, states, previous.getCodeVersion(), eager(), conditions));
    }
    conditions.set(BLOCKED, !blockedBy.isEmpty(), blockedBy.isEmpty() ? NOT_BLOCKED : UPSTREAM_CHECK_FAILED,
        blockedBy.isEmpty() ? "no upstream blocking check failed"
            : "waiting: a blocking check failed on " + String.join(", ", blockedBy));
    windowsCondition(conditions);
    status.setConditions(conditions.build());
    return status;
  }

  private boolean eager() {
    return spec.getAutomation() != null && Boolean.TRUE.equals(spec.getAutomation().getEager());
  }

  private PartitionCounts counts() {
    int materialized = 0;
    int running = 0;
    int failed = 0;
    for (String key : keys) {
      PartitionState state = states.get(key);
      materialized += state.materializedAt() != null ? 1 : 0;
      running += state.running() ? 1 : 0;
      failed += state.phase() == PartitionState.Phase.FAILED ? 1 : 0;
    }
    PartitionCounts counts = new PartitionCounts();
    counts.setTotal(keys.size());
    counts.setMaterialized(materialized);
    counts.setRunning(running);
    counts.setFailed(failed);
    counts.setMissing(keys.size() - materialized);
    counts.setQueued(queued);
    return counts;
  }

  private void ready(Conditions conditions, PartitionCounts counts) {
    if (counts.getTotal() == 0) {
      conditions.set(READY, false, NO_PARTITIONS, "no partitions yet (dynamic partitions appear when the upstream publishes keys)");
    } else if (counts.getFailed() > 0) {
      conditions.set(READY, false, PARTITIONS_FAILED, counts.getFailed() + " of " + counts.getTotal() + " partitions failed");
    } else if (counts.getMissing() > 0) {
      conditions.set(READY, false, PARTITIONS_MISSING, counts.getMissing() + " of " + counts.getTotal() + " partitions not materialized yet");
    } else if (!failedBlockingChecks(spec, checks).isEmpty()) {
      conditions.set(READY, false, BLOCKING_CHECK_FAILED, "blocking checks failed: " + String.join(", ", failedBlockingChecks(spec, checks)));
    } else if (reusedFrom != null) {
      conditions.set(READY, true, REUSED_FROM_BASE, "all " + counts.getTotal() + " partitions taken from " + reusedFrom
          + " unchanged: the branch's plan builds neither this asset nor anything upstream of it");
    } else {
      conditions.set(READY, true, MATERIALIZED, "all " + counts.getTotal() + " partitions materialized");
    }
  }

  /**
   * Materializing carries the cause when runs cannot start (the reason of the first stalled run) or
   * wait to retry after Kubernetes failed them (e.g. PodRefused), so the asset shows why without
   * reading Events.
   */
  private void materializing(Conditions conditions, PartitionCounts counts) {
    String running = counts.getRunning() + " of " + counts.getTotal() + " partitions running"
        + (queued > 0 ? ", " + queued + " queued for a free slot" : "");
    if (counts.getRunning() > 0 && !stalled.isEmpty()) {
      String detail = stalled.stream().limit(3)
          .map(run -> run.job() + (run.key().isEmpty() ? "" : " [" + run.key() + "]") + ": " + run.message())
          .collect(Collectors.joining("; "));
      conditions.set(MATERIALIZING, true, stalled.get(0).reason().name(), running + "; cannot start: " + detail);
      return;
    }
    if (counts.getRunning() > 0) {
      conditions.set(MATERIALIZING, true, RUNS_IN_PROGRESS, running);
      return;
    }
    Optional<PartitionState> retrying = keys.stream().map(states::get)
        .filter(state -> state.phase() == PartitionState.Phase.RETRYING && state.reason() != null).findFirst();
    if (retrying.isPresent()) {
      PartitionState state = retrying.get();
      conditions.set(MATERIALIZING, false, state.reason(), (state.key().isEmpty() ? "" : state.key() + ": ") + state.error()
          + "; next attempt at " + state.nextAttemptAt());
      return;
    }
    conditions.set(MATERIALIZING, false, IDLE, running);
  }

  /** The cause all failed partitions share (e.g. PodRefused), else PartitionsFailed. */
  private String failedReason() {
    List<String> reasons = keys.stream().map(states::get).filter(state -> state.phase() == PartitionState.Phase.FAILED)
        .map(state -> state.reason() == null ? PARTITIONS_FAILED : state.reason()).distinct().limit(2).toList();
    return reasons.size() == 1 ? reasons.get(0) : PARTITIONS_FAILED;
  }

  private String failures() {
    List<String> lines = new ArrayList<>();
    for (String key : keys) {
      PartitionState state = states.get(key);
      if (state.phase() == PartitionState.Phase.FAILED && lines.size() < 3) {
        lines.add((key.isEmpty() ? "" : key + ": ") + state.error());
      }
    }
    return String.join("; ", lines);
  }

  private void windowsCondition(Conditions conditions) {
    if (windows == null) {
      return;
    }
    if (windows.olderDropped()) {
      conditions.set(ALL_WINDOWS_TRACKED, false, OLDEST_WINDOWS_DROPPED, "only the newest " + windows.keys().size()
          + " windows are partitions, from " + windows.firstTracked().orElse("?") + "; the older ones since start '"
          + spec.getPartitions().getTimeWindow().getStart() + "' are not tracked and never run (at most "
          + ApiLimits.MAX_TIME_WINDOW_PARTITIONS + " per Asset): move start forward, or use a coarser schedule");
    } else {
      conditions.set(ALL_WINDOWS_TRACKED, true, WITHIN_WINDOW_LIMIT, "every window since start is a partition ("
          + windows.keys().size() + ", at most " + ApiLimits.MAX_TIME_WINDOW_PARTITIONS + ")");
    }
  }

  private void checksCondition(Conditions conditions) {
    if (spec.getChecks().isEmpty()) {
      conditions.set(CHECKS_PASSED, true, NO_CHECKS, "the asset has no checks");
      return;
    }
    if (checks == null || checks.isEmpty()) {
      conditions.set(CHECKS_PASSED, false, NOT_EVALUATED, "checks have not run yet");
      return;
    }
    List<String> failed = checks.stream().filter(c -> !Boolean.TRUE.equals(c.getPassed()))
        .map(c -> c.getName() + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")")).toList();
    boolean blocking = !failedBlockingChecks(spec, checks).isEmpty();
    conditions.set(CHECKS_PASSED, failed.isEmpty(), failed.isEmpty() ? ALL_CHECKS_PASSED : blocking ? BLOCKING_CHECK_FAILED : CHECKS_FAILED,
        failed.isEmpty() ? checks.size() + " checks passed" : "failed: " + String.join("; ", failed));
  }

  private void freshness(Conditions conditions) {
    Optional<Duration> maxAge = maxAge(spec);
    if (maxAge.isEmpty()) {
      conditions.set(FRESH, true, NO_FRESHNESS_POLICY, "the asset has no freshness check");
      return;
    }
    Instant last = lastMaterialization == null ? null : parse(lastMaterialization.getFinishedAt());
    if (last == null) {
      conditions.set(FRESH, false, NEVER_MATERIALIZED, "never materialized");
    } else if (last.plus(maxAge.get()).isBefore(now)) {
      conditions.set(FRESH, false, STALE, "last materialized " + last + ", more than " + Durations.format(maxAge.get()) + " ago");
    } else {
      conditions.set(FRESH, true, WITHIN_MAX_AGE, "last materialized " + last + ", within " + Durations.format(maxAge.get()));
    }
  }

  /** When the asset goes stale without a new materialization, for a freshness policy. */
  public static Optional<Instant> staleAt(AssetSpec spec, AssetStatus status) {
    Optional<Duration> maxAge = maxAge(spec);
    if (maxAge.isEmpty() || status.getLastMaterialization() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(parse(status.getLastMaterialization().getFinishedAt())).map(at -> at.plus(maxAge.get()));
  }

  /** {@code text} as an instant, null when absent or unreadable. */
  public static Instant parse(String text) {
    return Timestamps.parseOr(text, null);
  }
}
