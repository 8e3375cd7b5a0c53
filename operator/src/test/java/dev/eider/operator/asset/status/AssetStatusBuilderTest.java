package dev.eider.operator.asset.status;

import dev.eider.operator.api.asset.AssetConditions;
import static dev.eider.operator.asset.AssetSpecs.spec;
import static dev.eider.operator.api.asset.AssetConditions.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.AssetStatus;
import dev.eider.operator.api.asset.CheckResult;
import dev.eider.operator.api.asset.Materialization;
import dev.eider.operator.asset.partition.TrackedWindows;
import dev.eider.operator.workerjob.FailureReason;
import dev.eider.operator.asset.run.RunObserver;
import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.asset.state.PartitionStates;
import dev.eider.operator.platform.SpecProblem;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one place an Asset's status is written: counts and conditions from what a reconcile observed. */
class AssetStatusBuilderTest {

  static final Instant T0 = Instant.parse("2025-03-10T12:00:00Z");
  static final AssetSpec PLAIN = spec("{ingest: {bluesky: {authorFeed: {}}}, partitions: {static: [a, b, c, d, e]}}");
  static final AssetSpec CHECKED = spec("""
      transform: {models: [latest_feed]}
      checks:
        - {name: unique_uri, type: unique, column: uri, blocking: true}
        - {name: has_posts, type: rowCount, min: 1}
        - {name: fresh, type: freshness, column: indexed_at, maxAge: 26h, severity: warn}
      """);

  @Test
  void partitionsAreCountedByState() {
    PartitionStates states = states(
        PartitionState.never("a").launched(T0, false, null).succeeded(T0),
        PartitionState.never("b").launched(T0, false, null),
        PartitionState.never("c").launched(T0, false, null).failed("exit 2: bad input"),
        PartitionState.never("d").launched(T0, false, null).succeeded(T0).launched(T0, false, null).failed("exit 1: boom"));

    AssetStatus status = builder(PLAIN, null, T0).partitions(List.of("a", "b", "c", "d", "e"), states, List.of("x-partitions-1")).build();

    assertThat(status.getPartitions().getTotal()).isEqualTo(5);
    assertThat(status.getPartitions().getMaterialized()).isEqualTo(2);
    assertThat(status.getPartitions().getRunning()).isEqualTo(1);
    assertThat(status.getPartitions().getFailed()).isEqualTo(2);
    assertThat(status.getPartitions().getMissing()).isEqualTo(3);
    assertThat(status.getPartitionStates()).containsExactly("x-partitions-1");
    assertThat(status.getObservedGeneration()).isEqualTo(3L);
    assertThat(condition(status, READY)).extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", PARTITIONS_FAILED);
    assertThat(condition(status, FAILED).getMessage()).isEqualTo("c: exit 2: bad input; d: exit 1: boom");
    assertThat(condition(status, MATERIALIZING)).extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("True", RUNS_IN_PROGRESS, "1 of 5 partitions running");
    assertThat(status.getPartitions().getQueued()).isZero();
  }

  @Test
  void runsWaitingForASlotAreCountedAsQueued() {
    PartitionStates states = states(PartitionState.never("a").launched(T0, false, null), PartitionState.never("b").launched(T0, false, null));

    AssetStatus status = builder(PLAIN, null, T0).partitions(List.of("a", "b", "c", "d", "e"), states, List.of()).queued(3).build();

    assertThat(status.getPartitions().getQueued()).isEqualTo(3);
    assertThat(condition(status, MATERIALIZING).getMessage()).isEqualTo("2 of 5 partitions running, 3 queued for a free slot");
  }

  @Test
  void runThatCannotStartPutsItsCauseOnMaterializing() {
    PartitionStates states = states(PartitionState.never("a").launched(T0, false, null));
    RunObserver.Stalled stalled = new RunObserver.Stalled("a", "x-a-1", FailureReason.ImageUnavailable,
        "image registry.example/w:1 cannot be pulled: Back-off pulling image \"registry.example/w:1\"", T0.plusSeconds(120));

    AssetStatus status = builder(PLAIN, null, T0).partitions(List.of("a"), states, List.of()).stalled(List.of(stalled)).build();

    assertThat(condition(status, MATERIALIZING)).extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("True", "ImageUnavailable", "1 of 1 partitions running; cannot start: x-a-1 [a]: "
            + "image registry.example/w:1 cannot be pulled: Back-off pulling image \"registry.example/w:1\"");
  }

  @Test
  void runWaitingToRetryAfterKubernetesFailedItShowsTheCause() {
    PartitionStates states = states(PartitionState.never("a").launched(T0, false, null)
        .retrying(T0.plusSeconds(10), "pod refused by admission: pods \"x-\" is forbidden: exceeded quota: q", "PodRefused"));

    AssetStatus status = builder(PLAIN, null, T0).partitions(List.of("a"), states, List.of()).build();

    assertThat(condition(status, MATERIALIZING)).extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("False", "PodRefused",
            "a: pod refused by admission: pods \"x-\" is forbidden: exceeded quota: q; next attempt at 2025-03-10T12:00:10Z");
    assertThat(condition(status, FAILED).getStatus()).isEqualTo("False");
  }

  @Test
  void failedConditionCarriesTheCauseItsPartitionsShare() {
    PartitionState refused = PartitionState.never("a").launched(T0, false, null).failed("pod refused by admission: quota", "PodRefused");
    PartitionState alsoRefused = PartitionState.never("b").launched(T0, false, null).failed("pod refused by admission: quota", "PodRefused");
    PartitionState workerError = PartitionState.never("c").launched(T0, false, null).failed("exit 2: bad input");

    AssetStatus shared = builder(PLAIN, null, T0).partitions(List.of("a", "b"), states(refused, alsoRefused), List.of()).build();
    AssetStatus mixed = builder(PLAIN, null, T0).partitions(List.of("a", "b", "c"), states(refused, alsoRefused, workerError), List.of())
        .build();

    assertThat(condition(shared, FAILED)).extracting(Condition::getStatus, Condition::getReason).containsExactly("True", "PodRefused");
    assertThat(condition(mixed, FAILED)).extracting(Condition::getStatus, Condition::getReason).containsExactly("True", PARTITIONS_FAILED);
    assertThat(condition(mixed, MATERIALIZING).getReason()).isEqualTo(IDLE);
  }

  @Test
  void partitionsOfferedButNotInTheKeysAreNotCounted() {
    PartitionStates states = states(PartitionState.never("gone").launched(T0, false, null).failed("x"));

    AssetStatus status = builder(PLAIN, null, T0).partitions(List.of("a"), states, List.of()).build();

    assertThat(status.getPartitions().getFailed()).isZero();
    assertThat(condition(status, READY).getReason()).isEqualTo(PARTITIONS_MISSING);
  }

  @Test
  void readySaysWhyNot() {
    PartitionStates done = states(PartitionState.never("").launched(T0, false, null).succeeded(T0));

    assertThat(ready(builder(PLAIN, null, T0).partitions(List.of(), states(), List.of())))
        .containsExactly("False", NO_PARTITIONS);
    assertThat(ready(builder(PLAIN, null, T0).partitions(List.of(""), states(), List.of())))
        .containsExactly("False", PARTITIONS_MISSING);
    assertThat(ready(builder(CHECKED, null, T0).partitions(List.of(""), done, List.of())
        .checks(List.of(check("unique_uri", false), check("has_posts", true)))))
        .containsExactly("False", BLOCKING_CHECK_FAILED);
    assertThat(ready(builder(CHECKED, null, T0).partitions(List.of(""), done, List.of())
        .checks(List.of(check("unique_uri", true), check("has_posts", false)))))
        .containsExactly("True", MATERIALIZED);
  }

  @Test
  void transitionTimeIsKeptWhileAConditionHoldsAndMovesWhenItFlips() {
    PartitionStates missing = states();
    PartitionStates done = states(PartitionState.never("").launched(T0, false, null).succeeded(T0));

    AssetStatus first = builder(PLAIN, null, T0).partitions(List.of(""), missing, List.of()).build();
    AssetStatus second = builder(PLAIN, first, T0.plusSeconds(60)).partitions(List.of(""),
        states(PartitionState.never("").launched(T0, false, null).failed("x")), List.of()).build();
    AssetStatus third = builder(PLAIN, second, T0.plusSeconds(120)).partitions(List.of(""), done, List.of()).build();

    assertThat(condition(first, READY).getLastTransitionTime()).isEqualTo("2025-03-10T12:00:00Z");
    assertThat(condition(second, READY).getReason()).isEqualTo(PARTITIONS_FAILED);
    assertThat(condition(second, READY).getLastTransitionTime()).isEqualTo("2025-03-10T12:00:00Z");
    assertThat(condition(third, READY).getStatus()).isEqualTo("True");
    assertThat(condition(third, READY).getLastTransitionTime()).isEqualTo("2025-03-10T12:02:00Z");
    assertThat(condition(third, BLOCKED).getLastTransitionTime()).isEqualTo("2025-03-10T12:00:00Z");
  }

  @Test
  void freshWithinMaxAgeThenStale() {
    Materialization last = new Materialization();
    last.setFinishedAt(T0.toString());

    AssetStatus never = builder(CHECKED, null, T0).partitions(List.of(""), states(), List.of()).build();
    AssetStatus within = builder(CHECKED, null, T0.plus(Duration.ofHours(26))).materialized(last)
        .partitions(List.of(""), states(), List.of()).build();
    AssetStatus stale = builder(CHECKED, within, T0.plus(Duration.ofHours(26)).plusSeconds(1))
        .partitions(List.of(""), states(), List.of()).build();

    assertThat(fresh(never)).containsExactly("False", NEVER_MATERIALIZED);
    assertThat(fresh(within)).containsExactly("True", WITHIN_MAX_AGE);
    assertThat(fresh(stale)).containsExactly("False", STALE);
    assertThat(condition(stale, FRESH).getMessage()).isEqualTo("last materialized 2025-03-10T12:00:00Z, more than 26h ago");
    assertThat(AssetStatusBuilder.staleAt(CHECKED, within)).contains(T0.plus(Duration.ofHours(26)));
    assertThat(fresh(builder(PLAIN, null, T0).build())).containsExactly("True", NO_FRESHNESS_POLICY);
    assertThat(AssetStatusBuilder.staleAt(PLAIN, within)).isEmpty();
  }

  @Test
  void blockedWhileAnUpstreamBlockingCheckFails() {
    AssetStatus blocked = builder(PLAIN, null, T0).blockedBy(List.of("latest-feed", "all-profiles")).build();
    AssetStatus free = builder(PLAIN, blocked, T0.plusSeconds(5)).build();

    assertThat(condition(blocked, BLOCKED)).extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("True", UPSTREAM_CHECK_FAILED, "waiting: a blocking check failed on latest-feed, all-profiles");
    assertThat(condition(free, BLOCKED)).extracting(Condition::getStatus, Condition::getReason).containsExactly("False", NOT_BLOCKED);
  }

  @Test
  void checksConditionFollowsTheLatestResults() {
    assertThat(checks(builder(PLAIN, null, T0).build())).containsExactly("True", NO_CHECKS);
    assertThat(checks(builder(CHECKED, null, T0).build())).containsExactly("False", NOT_EVALUATED);
    assertThat(checks(builder(CHECKED, null, T0).checks(List.of(check("unique_uri", true), check("has_posts", true))).build()))
        .containsExactly("True", ALL_CHECKS_PASSED);
    assertThat(checks(builder(CHECKED, null, T0).checks(List.of(check("unique_uri", true), check("has_posts", false))).build()))
        .containsExactly("False", CHECKS_FAILED);
    assertThat(checks(builder(CHECKED, null, T0).checks(List.of(check("unique_uri", false), check("has_posts", false))).build()))
        .containsExactly("False", BLOCKING_CHECK_FAILED);
    assertThat(AssetStatusBuilder.failedBlockingChecks(CHECKED, List.of(check("unique_uri", false), check("has_posts", false))))
        .containsExactly("unique_uri");
    assertThat(AssetStatusBuilder.failedBlockingChecks(CHECKED, null)).isEmpty();
  }

  @Test
  void invalidSpecSetsReadyFalseAndKeepsTheRest() {
    AssetStatus valid = builder(PLAIN, null, T0).partitions(List.of("a"), states(), List.of()).build();

    AssetStatus invalid = builder(PLAIN, valid, T0.plusSeconds(60)).invalid(List.of(
        new SpecProblem("spec.pool", "unknown pool 'gpu'"), new SpecProblem("spec.deps[0].asset", "unknown asset 'x'"))).build();

    assertThat(condition(invalid, READY)).extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("False", INVALID_SPEC, "spec.pool: unknown pool 'gpu'; spec.deps[0].asset: unknown asset 'x'");
    assertThat(condition(invalid, READY).getLastTransitionTime()).isEqualTo("2025-03-10T12:00:00Z");
    assertThat(invalid.getPartitions().getTotal()).isEqualTo(1);
    assertThat(condition(invalid, MATERIALIZING)).isEqualTo(condition(valid, MATERIALIZING));
  }

  @Test
  void scheduleIsWrittenInUtc() {
    AssetStatus status = builder(PLAIN, null, T0)
        .schedule(Instant.parse("2025-03-10T12:00:00Z"), Optional.of(Instant.parse("2025-03-10T13:00:00Z"))).build();
    AssetStatus next = builder(PLAIN, status, T0).build();

    assertThat(status.getLastScheduleTime()).isEqualTo("2025-03-10T12:00:00Z");
    assertThat(status.getNextRunAt()).isEqualTo("2025-03-10T13:00:00Z");
    assertThat(next.getLastScheduleTime()).isEqualTo(status.getLastScheduleTime());
  }

  /**
   * An hourly Asset since 1970 tracks its newest 100,000 windows and says so, naming the first one
   * tracked and its start; one within the limit says every window is tracked. Assets without time
   * windows have no such condition.
   */
  @Test
  void droppedWindowsAreReportedInTheirOwnCondition() {
    AssetSpec since1970 = spec("{transform: {models: [t]}, partitions: {timeWindow: {cron: \"0 * * * *\", start: \"1970-01-01\"}}}");
    List<String> keys = new java.util.ArrayList<>(java.util.Collections.nCopies(100_000, "2025-03-10T11:00"));
    keys.set(0, "2013-10-12T20:00");

    AssetStatus dropping = builder(since1970, null, T0).windows(new TrackedWindows(keys, true)).build();
    AssetStatus within = builder(since1970, null, T0).windows(new TrackedWindows(List.of("2025-03-10T10:00", "2025-03-10T11:00"), false)).build();

    assertThat(condition(dropping, ALL_WINDOWS_TRACKED)).extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("False", OLDEST_WINDOWS_DROPPED, "only the newest 100000 windows are partitions, from 2013-10-12T20:00; the older"
            + " ones since start '1970-01-01' are not tracked and never run (at most 100000 per Asset): move start forward, or use a coarser schedule");
    assertThat(condition(within, ALL_WINDOWS_TRACKED)).extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("True", WITHIN_WINDOW_LIMIT, "every window since start is a partition (2, at most 100000)");
    assertThat(builder(PLAIN, null, T0).build().getConditions()).extracting(Condition::getType).doesNotContain(ALL_WINDOWS_TRACKED);
  }

  // --- helpers ---

  static AssetStatusBuilder builder(AssetSpec spec, AssetStatus previous, Instant now) {
    return new AssetStatusBuilder(spec, previous, 3, now);
  }

  static Condition condition(AssetStatus status, String type) {
    return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  static List<String> ready(AssetStatusBuilder builder) {
    return statusAndReason(builder.build(), READY);
  }

  static List<String> fresh(AssetStatus status) {
    return statusAndReason(status, FRESH);
  }

  static List<String> checks(AssetStatus status) {
    return statusAndReason(status, CHECKS_PASSED);
  }

  static List<String> statusAndReason(AssetStatus status, String type) {
    Condition condition = condition(status, type);
    return List.of(condition.getStatus(), condition.getReason());
  }

  static CheckResult check(String name, boolean passed) {
    CheckResult result = new CheckResult();
    result.setName(name);
    result.setPassed(passed);
    return result;
  }

  static PartitionStates states(PartitionState... states) {
    PartitionStates all = PartitionStates.empty();
    for (PartitionState state : states) {
      all.put(state);
    }
    return all;
  }
}
