package dev.eider.operator.asset.automation;

import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.AutomationSpec;
import dev.eider.operator.api.asset.CronSchedule;
import dev.eider.operator.api.asset.DependencySpec;
import dev.eider.operator.api.asset.DependencySpec.PartitionMapping;
import dev.eider.operator.asset.state.Trigger;
import dev.eider.operator.asset.partition.PartitionKeys;
import dev.eider.operator.asset.partition.PartitionMapper;
import dev.eider.operator.asset.partition.PartitionSelection;
import dev.eider.operator.asset.partition.TimeWindows;
import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.asset.state.PartitionStates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which partitions of an asset should run now. A pure function of the spec, the recorded
 * state, the upstream assets and the clock: it changes nothing it is given. What it decided that
 * must be remembered comes back as {@link Plan#marks()}: the "due" marks of triggers that happen
 * once (a cron tick, a manual request), so a run that must wait for a pool slot is not forgotten,
 * and code versions adopted; the reconciler records them with the rest of the state.
 */
public final class RunPlanner {

  /** A manual request: the annotation's value (any new value is a new request) and its selection. */
  public record ManualRequest(String token, String selection) {}

  /** An upstream asset as one dependency sees it. */
  public record Upstream(DependencySpec dep, UpstreamView view) {}

  /**
   * @param codeVersion the current code version of the transform's models ({@code CodeVersion}
   *     fingerprint), null for an ingestion: with {@code eager}, a partition last launched with
   *     another one runs again, once
   */
  public record Input(AssetSpec spec, List<String> keys, PartitionStates states, List<Upstream> upstream, Instant now,
                      Instant lastScheduleTime, ManualRequest manual, String codeVersion) {

    public Input(AssetSpec spec, List<String> keys, PartitionStates states, List<Upstream> upstream, Instant now,
                 Instant lastScheduleTime, ManualRequest manual) {
      this(spec, keys, states, upstream, now, lastScheduleTime, manual, null);
    }
  }

  /**
   * @param due partitions to run, queued triggers first
   * @param lastScheduleTime the latest cron tick handled
   * @param nextTick the next cron tick, if any
   * @param nextRetry the earliest pending retry, if any
   * @param blockedBy upstream assets whose blocking checks failed (automation waits for them)
   * @param ticked whether a cron tick was handled now
   * @param requested partitions a manual request marked now
   * @param unknownPartitions names in a manual request that are no partition of the asset
   * @param marks the partitions' states as the plan left them (due marks, manual requests honoured,
   *     code versions adopted), for the caller to record before it launches {@code due}
   */
  public record Plan(List<DueRun> due, Instant lastScheduleTime, Optional<Instant> nextTick, Optional<Instant> nextRetry,
                     List<String> blockedBy, boolean ticked, int requested, List<String> unknownPartitions,
                     List<PartitionState> marks) {}

  private RunPlanner() {}

  public static Plan plan(Input in) {
    Marks marks = new Marks(in.states());
    List<String> unknown = new ArrayList<>();
    int requested = markManual(in, marks, unknown);
    CronOutcome cron = markCron(in, marks);
    List<String> blockedBy = new ArrayList<>();
    for (Upstream upstream : in.upstream()) {
      if (!upstream.view().failedBlockingChecks().isEmpty()) {
        blockedBy.add(upstream.view().name());
      }
    }
    boolean blocked = !blockedBy.isEmpty();
    AutomationSpec automation = in.spec().getAutomation();
    boolean eager = automation != null && Boolean.TRUE.equals(automation.getEager());
    boolean onMissing = automation != null && Boolean.TRUE.equals(automation.getOnMissing());
    Readiness readiness = new Readiness(in);
    List<DueRun> due = new ArrayList<>();
    Instant nextRetry = null;
    for (String key : in.keys()) {
      PartitionState state = adoptCodeVersion(in, marks, marks.get(key));
      if (state.running()) {
        if (state.due() == Trigger.REPLACE && !blocked) {
          due.add(new DueRun(key, Trigger.REPLACE, readiness.watermark(key).orElse(null)));
        }
        continue;
      }
      if (state.due() != null) {
        // Only MANUAL and CRON are queued on a partition that is not running (a REPLACE whose run ended runs as the tick it was).
        Trigger trigger = state.due() == Trigger.MANUAL ? Trigger.MANUAL : Trigger.CRON;
        if (trigger == Trigger.MANUAL || !blocked) {
          due.add(new DueRun(key, trigger, readiness.watermark(key).orElse(null)));
        }
        continue;
      }
      if (state.phase() == PartitionState.Phase.RETRYING) {
        if (!state.nextAttemptAt().isAfter(in.now())) {
          if (!blocked) {
            due.add(new DueRun(key, Trigger.RETRY, readiness.watermark(key).orElse(null)));
          }
        } else if (nextRetry == null || state.nextAttemptAt().isBefore(nextRetry)) {
          nextRetry = state.nextAttemptAt();
        }
        continue;
      }
      if (blocked || !(eager || onMissing) || !readiness.ready(key)) {
        continue;
      }
      Instant watermark = readiness.watermark(key).orElse(null);
      boolean missing = !state.everLaunched();
      boolean upstreamNewer = watermark != null && (state.watermark() == null || watermark.isAfter(state.watermark()));
      if (missing) {
        due.add(new DueRun(key, Trigger.MISSING, watermark));
      } else if (eager && upstreamNewer) {
        due.add(new DueRun(key, Trigger.EAGER, watermark));
      } else if (eager && codeChanged(in.codeVersion(), state)) {
        due.add(new DueRun(key, Trigger.CODE_CHANGED, watermark));
      }
    }
    due.sort(Comparator.comparingInt(run -> run.trigger().ordinal()));
    return new Plan(due, cron.lastScheduleTime(), cron.nextTick(), Optional.ofNullable(nextRetry), blockedBy, cron.ticked(),
        requested, unknown, marks.changed());
  }

  /**
   * Whether the partition's latest run was launched with another code version than the current
   * one. Recorded at launch, like the watermark: a run of the new code that fails is retried, not
   * relaunched; a run of the old code still in flight makes one more run when it ends.
   */
  public static boolean codeChanged(String current, PartitionState state) {
    return current != null && state.codeVersion() != null && !current.equals(state.codeVersion());
  }

  /**
   * A partition launched before code versions were recorded (an upgrade from an operator without
   * them) takes the current one: what it built is presumed current, so an upgrade re-runs nothing.
   */
  private static PartitionState adoptCodeVersion(Input in, Marks marks, PartitionState state) {
    if (in.codeVersion() == null || !state.everLaunched() || state.codeVersion() != null) {
      return state;
    }
    PartitionState adopted = state.adoptingCodeVersion(in.codeVersion());
    marks.put(adopted);
    return adopted;
  }

  /** The states as the plan sees them: the recorded ones with the plan's own marks over them. */
  private static final class Marks {
    private final PartitionStates recorded;
    private final Map<String, PartitionState> marked = new LinkedHashMap<>();

    Marks(PartitionStates recorded) {
      this.recorded = recorded;
    }

    PartitionState get(String key) {
      PartitionState state = marked.get(key);
      return state != null ? state : recorded.get(key);
    }

    void put(PartitionState state) {
      marked.put(state.key(), state);
    }

    List<PartitionState> changed() {
      return marked.values().stream().filter(state -> !state.equals(recorded.get(state.key()))).toList();
    }
  }

  private static int markManual(Input in, Marks marks, List<String> unknown) {
    if (in.manual() == null || in.manual().token() == null || in.manual().token().isBlank()) {
      return 0;
    }
    int marked = 0;
    for (String key : PartitionSelection.select(in.manual().selection(), in.keys(), unknown)) {
      PartitionState state = marks.get(key);
      if (!in.manual().token().equals(state.request())) {
        marks.put(state.withRequest(in.manual().token()).withDue(Trigger.MANUAL));
        marked++;
      }
    }
    return marked;
  }

  private record CronOutcome(Instant lastScheduleTime, Optional<Instant> nextTick, boolean ticked) {}

  private static CronOutcome markCron(Input in, Marks marks) {
    CronSchedule cron = in.spec().getAutomation() == null ? null : in.spec().getAutomation().getCron();
    if (cron == null || Boolean.TRUE.equals(cron.getSuspend())) {
      return new CronOutcome(in.lastScheduleTime(), Optional.empty(), false);
    }
    CronClock clock = CronClock.of(cron.getSchedule(), cron.getTimezone());
    Optional<Instant> nextTick = clock.nextTickAfter(in.now());
    Optional<Instant> tick = clock.lastTickAtOrBefore(in.now());
    if (in.lastScheduleTime() == null) {
      // A new schedule starts now: ticks from before the asset existed are not missed ticks.
      return new CronOutcome(in.now(), nextTick, false);
    }
    if (tick.isEmpty() || !tick.get().isAfter(in.lastScheduleTime())) {
      return new CronOutcome(in.lastScheduleTime(), nextTick, false);
    }
    // Only the latest tick runs, once, however many were missed while the operator was away.
    List<String> keys = in.keys();
    if (PartitionKeys.isTimeWindowed(in.spec())) {
      TimeWindows windows = TimeWindows.of(in.spec().getPartitions().getTimeWindow());
      keys = windows.newestWindowEndedBy(tick.get()).filter(in.keys()::contains).map(List::of).orElse(List.of());
    }
    // Forbid is the CRD's default (the API server fills it in; a spec read otherwise may lack it).
    CronSchedule.ConcurrencyPolicy policy = cron.getConcurrencyPolicy() == null ? CronSchedule.ConcurrencyPolicy.Forbid
        : cron.getConcurrencyPolicy();
    for (String key : keys) {
      PartitionState state = marks.get(key);
      if (state.due() == Trigger.MANUAL) {
        // A queued manual run covers the tick; overwriting it would hold it while blocked.
        continue;
      }
      if (!state.running()) {
        marks.put(state.withDue(Trigger.CRON));
      } else if (policy == CronSchedule.ConcurrencyPolicy.Replace) {
        marks.put(state.withDue(Trigger.REPLACE));
      } else if (policy == CronSchedule.ConcurrencyPolicy.Allow) {
        marks.put(state.withDue(Trigger.CRON));
      }
    }
    return new CronOutcome(tick.get(), nextTick, true);
  }

  /** Whether a partition's upstream partitions are all materialized and settled, and how new they are. */
  private static final class Readiness {
    private final Input in;
    private final Map<Upstream, Optional<Optional<Instant>>> allMappingCache = new IdentityHashMap<>();

    Readiness(Input in) {
      this.in = in;
    }

    boolean ready(String key) {
      for (Upstream upstream : in.upstream()) {
        // An upstream whose code changed re-runs first: a run now would read its table of the old code, then run again.
        if (upstream.view().busy() || upstream.view().codeRerunPending() || upstreamWatermark(upstream, key).isEmpty()) {
          return false;
        }
      }
      return true;
    }

    /** The newest materialization among the upstream partitions {@code key} reads. */
    Optional<Instant> watermark(String key) {
      Instant newest = null;
      for (Upstream upstream : in.upstream()) {
        Optional<Optional<Instant>> watermark = upstreamWatermark(upstream, key);
        if (watermark.isPresent() && watermark.get().isPresent()
            && (newest == null || watermark.get().get().isAfter(newest))) {
          newest = watermark.get().get();
        }
      }
      return Optional.ofNullable(newest);
    }

    /** Empty: not all mapped partitions are materialized; else the newest of their times. */
    private Optional<Optional<Instant>> upstreamWatermark(Upstream upstream, String key) {
      PartitionMapping mapping = PartitionMapper.effective(upstream.dep(), in.spec(), upstream.view().spec());
      if (mapping == PartitionMapping.ALL) {
        return allMappingCache.computeIfAbsent(upstream, u -> compute(u, mapping, key));
      }
      return compute(upstream, mapping, key);
    }

    private Optional<Optional<Instant>> compute(Upstream upstream, PartitionMapping mapping, String key) {
      UpstreamView view = upstream.view();
      List<String> mapped = PartitionMapper.upstreamKeys(mapping, upstream.dep(), key, view.spec(), view.keys(), view.keySet());
      if (PartitionMapper.incomplete(mapping, upstream.dep(), mapped)) {
        return Optional.empty();
      }
      Instant newest = null;
      for (String upstreamKey : mapped) {
        Optional<Instant> at = view.materializedAt(upstreamKey);
        if (at.isEmpty()) {
          return Optional.empty();
        }
        newest = newest == null || at.get().isAfter(newest) ? at.get() : newest;
      }
      return Optional.of(Optional.ofNullable(newest));
    }
  }
}
