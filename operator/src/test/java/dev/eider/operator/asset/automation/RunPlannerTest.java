package dev.eider.operator.asset.automation;

import static dev.eider.operator.asset.AssetSpecs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.asset.state.Trigger;
import dev.eider.operator.asset.automation.RunPlanner.Input;
import dev.eider.operator.asset.automation.RunPlanner.ManualRequest;
import dev.eider.operator.asset.automation.RunPlanner.Plan;
import dev.eider.operator.asset.automation.RunPlanner.Upstream;
import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.asset.state.PartitionStates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Which partitions run now, and why: a pure function of spec, recorded state, upstream and clock. */
class RunPlannerTest {

  static final Instant NOW = Instant.parse("2025-03-10T12:30:00Z");
  static final Instant EARLIER = NOW.minus(Duration.ofHours(2));
  static final Instant LATER = NOW.minus(Duration.ofHours(1));
  static final List<String> ABC = List.of("a", "b", "c");

  @Nested
  class Eager {

    final AssetSpec spec = spec("""
        transform: {models: [down]}
        deps: [{asset: up}]
        automation: {eager: true}
        """);

    @Test
    void partitionNeverLaunchedRunsAsMissingWithTheUpstreamWatermark() {
      Plan plan = plan(spec, List.of(""), states(), List.of(upstream(spec, "up", unpartitioned(), materialized("", EARLIER))));

      assertThat(plan.due()).containsExactly(new DueRun("", Trigger.MISSING, EARLIER));
    }

    @Test
    void partitionWithoutDependenciesRunsOnceAsMissingAndThenNeverAgain() {
      AssetSpec alone = spec("{ingest: {bluesky: {authorFeed: {actor: alice.bsky.social}}}, automation: {eager: true}}");

      assertThat(plan(alone, List.of(""), states(), List.of()).due()).containsExactly(new DueRun("", Trigger.MISSING, null));
      assertThat(plan(alone, List.of(""), states(succeeded("", EARLIER, null)), List.of()).due()).isEmpty();
    }

    @Test
    void aNewCodeVersionRunsThePartitionOnce() {
      AssetSpec inline = spec("{transform: {sql: \"SELECT 1\"}, automation: {eager: true}}");
      PartitionStates ranV1 = states(succeeded("", EARLIER, null, "v1"));

      assertThat(recorded(new Input(inline, List.of(""), ranV1, List.of(), NOW, null, null, "v2")).due())
          .containsExactly(new DueRun("", Trigger.CODE_CHANGED, null));
      assertThat(recorded(new Input(inline, List.of(""), ranV1, List.of(), NOW, null, null, "v1")).due()).isEmpty();
      // Recorded at launch: the run of v2 that starts is the one run; it failing for good launches nothing more.
      PartitionStates failedV2 = states(succeeded("", EARLIER, null, "v1").launched(NOW, false, null).withCodeVersion("v2")
          .failed("exit 2"));
      assertThat(recorded(new Input(inline, List.of(""), failedV2, List.of(), NOW, null, null, "v2")).due()).isEmpty();
      // Without eager automation a new version waits for a schedule or a manual run.
      AssetSpec manual = spec("{transform: {sql: \"SELECT 1\"}}");
      assertThat(recorded(new Input(manual, List.of(""), ranV1, List.of(), NOW, null, null, "v2")).due()).isEmpty();
    }

    @Test
    void aPartitionFromBeforeCodeVersionsAdoptsTheCurrentOneAndDoesNotRun() {
      AssetSpec inline = spec("{transform: {sql: \"SELECT 1\"}, automation: {eager: true}}");
      PartitionStates upgraded = states(succeeded("", EARLIER, null), PartitionState.never("new"));

      Plan plan = recorded(new Input(inline, List.of("", "new"), upgraded, List.of(), NOW, null, null, "v2"));

      assertThat(plan.due()).containsExactly(new DueRun("new", Trigger.MISSING, null));
      assertThat(upgraded.get("").codeVersion()).isEqualTo("v2");
      assertThat(upgraded.get("").materializedCodeVersion()).isEqualTo("v2");
      assertThat(upgraded.get("new").codeVersion()).as("never launched: nothing to adopt").isNull();
      // Adopted, it is current; the next change is seen.
      assertThat(recorded(new Input(inline, List.of(""), upgraded, List.of(), NOW, null, null, "v3")).due())
          .containsExactly(new DueRun("", Trigger.CODE_CHANGED, null));
    }

    @Test
    void aDownstreamWaitsWhileAnEagerUpstreamIsAboutToRunItsNewCode() {
      AssetSpec up = spec("{transform: {sql: \"SELECT 1\"}, automation: {eager: true}}");
      PartitionStates ours = states(succeeded("", EARLIER, EARLIER, "d1"));
      PartitionStates upstreamRanU1 = states(succeeded("", LATER, null, "u1"));

      Upstream stale = new Upstream(spec.getDeps().get(0), UpstreamView.of("up", up, List.of(""), upstreamRanU1, List.of(), "u2"));
      assertThat(stale.view().codeRerunPending()).isTrue();
      assertThat(recorded(new Input(spec, List.of(""), ours, List.of(stale), NOW, null, null, "d1")).due()).isEmpty();

      Upstream current = new Upstream(spec.getDeps().get(0), UpstreamView.of("up", up, List.of(""), upstreamRanU1, List.of(), "u1"));
      assertThat(recorded(new Input(spec, List.of(""), ours, List.of(current), NOW, null, null, "d1")).due())
          .containsExactly(new DueRun("", Trigger.EAGER, LATER));
      // An upstream that is not eager will not run by itself: nothing to wait for.
      AssetSpec lazyUp = spec("{transform: {sql: \"SELECT 1\"}}");
      assertThat(UpstreamView.of("up", lazyUp, List.of(""), upstreamRanU1, List.of(), "u2").codeRerunPending()).isFalse();
    }

    @Test
    void upstreamMaterializedAfterOurWatermarkRunsThePartition() {
      PartitionStates ours = states(succeeded("", EARLIER, EARLIER));

      Plan plan = plan(spec, List.of(""), ours, List.of(upstream(spec, "up", unpartitioned(), materialized("", LATER))));

      assertThat(plan.due()).containsExactly(new DueRun("", Trigger.EAGER, LATER));
    }

    @Test
    void upstreamNotNewerThanOurWatermarkRunsNothing() {
      PartitionStates ours = states(succeeded("", LATER, LATER));

      Plan plan = plan(spec, List.of(""), ours, List.of(upstream(spec, "up", unpartitioned(), materialized("", LATER))));

      assertThat(plan.due()).isEmpty();
    }

    @Test
    void nothingRunsWhileTheUpstreamIsBusy() {
      AssetSpec up = spec("{ingest: {bluesky: {authorFeed: {}}}, partitions: {static: [x, y]}}");
      PartitionStates ours = states(succeeded("", EARLIER, EARLIER));
      PartitionState x = materializedState("x", LATER);

      PartitionStates running = states(x, PartitionState.never("y").launched(NOW, false, null));
      PartitionStates retrying = states(x, PartitionState.never("y").launched(EARLIER, false, null).retrying(NOW.plusSeconds(30), "503"));
      PartitionStates queued = states(x, materializedState("y", LATER).withDue(Trigger.CRON));

      for (PartitionStates upstreamStates : List.of(running, retrying, queued)) {
        assertThat(plan(spec, List.of(""), ours, List.of(upstream(spec, "up", up, List.of("x", "y"), upstreamStates))).due())
            .isEmpty();
      }
      PartitionStates settled = states(x, materializedState("y", LATER));
      assertThat(plan(spec, List.of(""), ours, List.of(upstream(spec, "up", up, List.of("x", "y"), settled))).due())
          .containsExactly(new DueRun("", Trigger.EAGER, LATER));
    }

    @Test
    void partitionWaitsWhileAMappedUpstreamPartitionIsMissing() {
      AssetSpec down = spec("""
          transform: {models: [down]}
          deps: [{asset: up}]
          partitions: {static: [a, b, c]}
          automation: {eager: true}
          """);
      AssetSpec up = spec("{ingest: {bluesky: {authorFeed: {}}}, partitions: {static: [a, b]}}");
      // a materialized upstream; b exists upstream but was never materialized; c is no upstream partition.
      PartitionStates upstreamStates = states(materializedState("a", LATER), PartitionState.never("b"));

      Plan plan = plan(down, ABC, states(), List.of(upstream(down, "up", up, List.of("a", "b"), upstreamStates)));

      assertThat(plan.due()).containsExactly(new DueRun("a", Trigger.MISSING, LATER));
    }

    @Test
    void terminallyFailedPartitionIsNotRerunUntilTheUpstreamMaterializesAgain() {
      PartitionStates ours = states(PartitionState.never("").launched(LATER, false, EARLIER).failed("exit 2: bad input"));

      Plan same = plan(spec, List.of(""), ours, List.of(upstream(spec, "up", unpartitioned(), materialized("", EARLIER))));
      Plan newer = plan(spec, List.of(""), ours, List.of(upstream(spec, "up", unpartitioned(), materialized("", LATER))));

      assertThat(same.due()).isEmpty();
      assertThat(newer.due()).containsExactly(new DueRun("", Trigger.EAGER, LATER));
    }

    @Test
    void watermarkIsTheNewestMaterializationAmongAllUpstreams() {
      AssetSpec down = spec("""
          transform: {models: [down]}
          deps: [{asset: one}, {asset: two}]
          automation: {eager: true}
          """);
      Upstream one = new Upstream(down.getDeps().get(0), UpstreamView.of("one", unpartitioned(), List.of(""), materialized("", EARLIER), List.of()));
      Upstream two = new Upstream(down.getDeps().get(1), UpstreamView.of("two", unpartitioned(), List.of(""), materialized("", LATER), List.of()));

      assertThat(plan(down, List.of(""), states(), List.of(one, two)).due()).containsExactly(new DueRun("", Trigger.MISSING, LATER));
    }
  }

  @Nested
  class OnMissing {

    final AssetSpec spec = spec("""
        transform: {models: [down]}
        deps: [{asset: up}]
        partitions: {static: [a, b]}
        automation: {onMissing: true}
        """);

    @Test
    void onlyPartitionsNeverLaunchedRun() {
      AssetSpec up = spec("{ingest: {bluesky: {authorFeed: {}}}, partitions: {static: [a, b]}}");
      PartitionStates upstreamStates = states(materializedState("a", LATER), materializedState("b", LATER));
      PartitionStates ours = states(succeeded("a", EARLIER, EARLIER));

      Plan plan = plan(spec, List.of("a", "b"), ours, List.of(upstream(spec, "up", up, List.of("a", "b"), upstreamStates)));

      assertThat(plan.due()).containsExactly(new DueRun("b", Trigger.MISSING, LATER));
    }

    @Test
    void withoutAutomationNothingRunsByItself() {
      AssetSpec manualOnly = spec("{ingest: {bluesky: {authorFeed: {}}}, partitions: {static: [a, b]}}");

      Plan plan = plan(manualOnly, List.of("a", "b"), states(), List.of());

      assertThat(plan.due()).isEmpty();
      assertThat(plan.nextTick()).isEmpty();
    }
  }

  @Nested
  class Retries {

    final AssetSpec spec = spec("{ingest: {bluesky: {authorFeed: {}}}, partitions: {static: [a, b, c]}}");

    @Test
    void failedPartitionIsRetriedOnlyAfterItsBackoff() {
      Instant retryAt = NOW.plusSeconds(30);
      PartitionStates states = states(PartitionState.never("a").launched(EARLIER, false, null).retrying(retryAt, "exit 3: 503"));

      Plan before = plan(spec, ABC, states, List.of(), NOW, null, null);
      Plan at = plan(spec, ABC, states, List.of(), retryAt, null, null);

      assertThat(before.due()).isEmpty();
      assertThat(before.nextRetry()).contains(retryAt);
      assertThat(at.due()).containsExactly(new DueRun("a", Trigger.RETRY, null));
      assertThat(at.nextRetry()).isEmpty();
    }

    @Test
    void nextRetryIsTheEarliestPendingOne() {
      PartitionStates states = states(
          PartitionState.never("a").launched(EARLIER, false, null).retrying(NOW.plusSeconds(90), "x"),
          PartitionState.never("b").launched(EARLIER, false, null).retrying(NOW.plusSeconds(20), "x"),
          PartitionState.never("c").launched(EARLIER, false, null).retrying(NOW.minusSeconds(1), "x"));

      Plan plan = plan(spec, ABC, states, List.of());

      assertThat(plan.due()).containsExactly(new DueRun("c", Trigger.RETRY, null));
      assertThat(plan.nextRetry()).contains(NOW.plusSeconds(20));
    }
  }

  @Nested
  class ManualRequests {

    final AssetSpec spec = spec("{ingest: {bluesky: {authorFeed: {}}}, partitions: {static: [a, b, c, d]}}");
    final List<String> keys = List.of("a", "b", "c", "d");

    @Test
    void sameTokenMarksNothingTheSecondTime() {
      PartitionStates states = states();

      Plan first = plan(spec, keys, states, List.of(), NOW, null, new ManualRequest("1", "a,c"));
      Plan second = plan(spec, keys, states, List.of(), NOW, null, new ManualRequest("1", "a,c"));

      assertThat(first.requested()).isEqualTo(2);
      assertThat(first.due()).containsExactly(new DueRun("a", Trigger.MANUAL, null), new DueRun("c", Trigger.MANUAL, null));
      assertThat(states.get("a").due()).isEqualTo(Trigger.MANUAL);
      assertThat(states.get("a").request()).isEqualTo("1");
      assertThat(second.requested()).isZero();

      // Once launched, the request is honoured: the same token starts nothing more.
      states.put(states.get("a").launched(NOW, false, null).succeeded(NOW));
      states.put(states.get("c").launched(NOW, false, null).succeeded(NOW));
      Plan third = plan(spec, keys, states, List.of(), NOW, null, new ManualRequest("1", "a,c"));
      assertThat(third.requested()).isZero();
      assertThat(third.due()).isEmpty();

      Plan newToken = plan(spec, keys, states, List.of(), NOW, null, new ManualRequest("2", "c"));
      assertThat(newToken.requested()).isEqualTo(1);
      assertThat(newToken.due()).containsExactly(new DueRun("c", Trigger.MANUAL, null));
    }

    @Test
    void rangeSelectsTheInclusiveRunOfPartitionsInOrder() {
      Plan plan = plan(spec, keys, states(), List.of(), NOW, null, new ManualRequest("t", "b..d"));

      assertThat(plan.due()).extracting(DueRun::key).containsExactly("b", "c", "d");
      assertThat(plan.unknownPartitions()).isEmpty();
    }

    @Test
    void noSelectionRequestsEveryPartition() {
      Plan plan = plan(spec, keys, states(), List.of(), NOW, null, new ManualRequest("t", null));

      assertThat(plan.requested()).isEqualTo(4);
    }

    @Test
    void unknownNamesAreReportedAndTheKnownOnesRun() {
      Plan plan = plan(spec, keys, states(), List.of(), NOW, null, new ManualRequest("t", "a, zz"));

      assertThat(plan.requested()).isEqualTo(1);
      assertThat(plan.due()).extracting(DueRun::key).containsExactly("a");
      assertThat(plan.unknownPartitions()).containsExactly("zz");
    }

    @Test
    void blankTokenIsNoRequest() {
      Plan plan = plan(spec, keys, states(), List.of(), NOW, null, new ManualRequest(" ", "a"));

      assertThat(plan.requested()).isZero();
      assertThat(plan.due()).isEmpty();
    }

    @Test
    void requestForARunningPartitionWaitsForItToFinish() {
      PartitionStates states = states(PartitionState.never("a").launched(NOW, false, null));

      Plan plan = plan(spec, keys, states, List.of(), NOW, null, new ManualRequest("t", "a"));

      assertThat(plan.requested()).isEqualTo(1);
      assertThat(plan.due()).isEmpty();
      states.put(states.get("a").succeeded(NOW));
      assertThat(plan(spec, keys, states, List.of(), NOW, null, new ManualRequest("t", "a")).due())
          .containsExactly(new DueRun("a", Trigger.MANUAL, null));
    }
  }

  @Nested
  class Cron {

    static AssetSpec hourly(String policy) {
      return spec("""
          ingest: {bluesky: {authorFeed: {}}}
          partitions: {static: [a, b]}
          automation: {cron: {schedule: "0 * * * *", concurrencyPolicy: %s}}
          """.formatted(policy));
    }

    final List<String> keys = List.of("a", "b");

    @Test
    void thePlannerChangesNothingItIsGivenAndReturnsItsMarks() {
      PartitionStates states = states(PartitionState.never("a").launched(EARLIER, false, null));
      List<PartitionState> before = List.copyOf(states.all());

      Plan plan = RunPlanner.plan(new Input(hourly("Replace"), keys, states, List.of(), NOW, Instant.parse("2025-03-10T11:30:00Z"),
          new ManualRequest("7", "b")));

      assertThat(states.all()).as("the input states are untouched").containsExactlyElementsOf(before);
      assertThat(states.get("a").due()).isNull();
      assertThat(states.get("b").due()).isNull();
      assertThat(plan.marks()).extracting(PartitionState::key, PartitionState::due, PartitionState::request)
          .containsExactlyInAnyOrder(tuple("a", Trigger.REPLACE, null), tuple("b", Trigger.MANUAL, "7"));
      assertThat(plan.due()).containsExactly(new DueRun("b", Trigger.MANUAL, null), new DueRun("a", Trigger.REPLACE, null));
    }

    @Test
    void firstSightStartsTheScheduleNowAndRunsNothing() {
      PartitionStates states = states();

      Plan plan = plan(hourly("Allow"), keys, states, List.of(), NOW, null, null);

      assertThat(plan.lastScheduleTime()).isEqualTo(NOW);
      assertThat(plan.ticked()).isFalse();
      assertThat(plan.due()).isEmpty();
      assertThat(plan.nextTick()).contains(Instant.parse("2025-03-10T13:00:00Z"));
      assertThat(states.changed()).isFalse();
    }

    @Test
    void afterDowntimeOnlyTheLatestTickRunsOncePerPartition() {
      PartitionStates states = states(succeeded("a", EARLIER, null), succeeded("b", EARLIER, null));
      Instant fiveHoursAgo = Instant.parse("2025-03-10T07:00:00Z");

      Plan plan = plan(hourly("Allow"), keys, states, List.of(), NOW, fiveHoursAgo, null);

      assertThat(plan.ticked()).isTrue();
      assertThat(plan.lastScheduleTime()).isEqualTo(Instant.parse("2025-03-10T12:00:00Z"));
      assertThat(plan.due()).containsExactly(new DueRun("a", Trigger.CRON, null), new DueRun("b", Trigger.CRON, null));
      assertThat(states.get("a").due()).isEqualTo(Trigger.CRON);

      Plan again = plan(hourly("Allow"), keys, states, List.of(), NOW.plusSeconds(60), plan.lastScheduleTime(), null);
      assertThat(again.ticked()).isFalse();
      assertThat(again.lastScheduleTime()).isEqualTo(plan.lastScheduleTime());
    }

    @Test
    void tickExactlyAtNowIsHandled() {
      Instant tick = Instant.parse("2025-03-10T12:00:00Z");

      Plan plan = plan(hourly("Allow"), keys, states(), List.of(), tick, tick.minusSeconds(3600), null);

      assertThat(plan.ticked()).isTrue();
      assertThat(plan.lastScheduleTime()).isEqualTo(tick);
      assertThat(plan.nextTick()).contains(tick.plusSeconds(3600));
    }

    @Test
    void forbidSkipsRunningPartitions() {
      PartitionStates states = states(PartitionState.never("a").launched(EARLIER, false, null));

      Plan plan = plan(hourly("Forbid"), keys, states, List.of(), NOW, EARLIER, null);

      assertThat(plan.due()).containsExactly(new DueRun("b", Trigger.CRON, null));
      assertThat(states.get("a").due()).isNull();
    }

    @Test
    void replaceMarksRunningPartitionsToBeReplaced() {
      PartitionStates states = states(PartitionState.never("a").launched(EARLIER, false, null));

      Plan plan = plan(hourly("Replace"), keys, states, List.of(), NOW, EARLIER, null);

      assertThat(states.get("a").due()).isEqualTo(Trigger.REPLACE);
      assertThat(plan.due()).containsExactly(new DueRun("a", Trigger.REPLACE, null), new DueRun("b", Trigger.CRON, null));
    }

    @Test
    void allowQueuesARunBehindTheRunningOne() {
      PartitionStates states = states(PartitionState.never("a").launched(EARLIER, false, null));

      Plan plan = plan(hourly("Allow"), keys, states, List.of(), NOW, EARLIER, null);

      assertThat(plan.due()).containsExactly(new DueRun("b", Trigger.CRON, null));
      assertThat(states.get("a").due()).isEqualTo(Trigger.CRON);
      states.put(states.get("a").succeeded(NOW));
      assertThat(plan(hourly("Allow"), keys, states, List.of(), NOW, Instant.parse("2025-03-10T12:00:00Z"), null).due())
          .containsExactly(new DueRun("a", Trigger.CRON, null), new DueRun("b", Trigger.CRON, null));
    }

    @Test
    void concurrencyPolicyDefaultsToForbidAsTheCrdDocuments() {
      AssetSpec spec = spec("""
          ingest: {bluesky: {authorFeed: {}}}
          partitions: {static: [a, b]}
          automation: {cron: {schedule: "0 * * * *"}}
          """);
      PartitionStates states = states(PartitionState.never("a").launched(EARLIER, false, null));

      plan(spec, keys, states, List.of(), NOW, EARLIER, null);

      assertThat(states.get("a").due()).isNull();
      assertThat(states.get("b").due()).isEqualTo(Trigger.CRON);
    }

    @Test
    void suspendedScheduleMarksNothingAndHasNoNextTick() {
      AssetSpec spec = spec("""
          ingest: {bluesky: {authorFeed: {}}}
          partitions: {static: [a, b]}
          automation: {cron: {schedule: "0 * * * *", suspend: true}}
          """);

      Plan plan = plan(spec, keys, states(), List.of(), NOW, EARLIER, null);

      assertThat(plan.due()).isEmpty();
      assertThat(plan.nextTick()).isEmpty();
      assertThat(plan.lastScheduleTime()).isEqualTo(EARLIER);
    }

    @Test
    void scheduleIsReadInItsTimeZone() {
      AssetSpec spec = spec("""
          ingest: {bluesky: {authorFeed: {}}}
          automation: {cron: {schedule: "0 6 * * *", timezone: Europe/Paris}}
          """);

      Plan plan = plan(spec, List.of(""), states(), List.of(), NOW, EARLIER, null);

      assertThat(plan.nextTick()).contains(Instant.parse("2025-03-11T05:00:00Z"));
    }

    @Test
    void timeWindowedAssetMarksOnlyTheWindowThatEndedAtTheTick() {
      AssetSpec spec = spec("""
          ingest: {bluesky: {authorFeed: {}}}
          partitions: {timeWindow: {cron: "0 0 * * *", start: "2025-03-01"}}
          automation: {cron: {schedule: "0 0 * * *"}}
          """);
      Instant now = Instant.parse("2025-03-10T00:00:30Z");
      List<String> keys = List.of("2025-03-07", "2025-03-08", "2025-03-09");

      Plan plan = plan(spec, keys, states(), List.of(), now, Instant.parse("2025-03-07T00:00:00Z"), null);

      assertThat(plan.due()).containsExactly(new DueRun("2025-03-09", Trigger.CRON, null));
    }

    @Test
    void timeWindowedAssetScheduledAfterItsWindowsEndMarksTheNewestEndedWindow() {
      // Daily windows, run every morning at 06:00: the tick falls inside today's window, which has
      // not ended; the window to run is yesterday's.
      AssetSpec spec = spec("""
          ingest: {bluesky: {authorFeed: {}}}
          partitions: {timeWindow: {cron: "0 0 * * *", start: "2025-03-01"}}
          automation: {cron: {schedule: "0 6 * * *"}}
          """);
      Instant now = Instant.parse("2025-03-10T06:00:05Z");
      List<String> keys = List.of("2025-03-08", "2025-03-09");

      Plan plan = plan(spec, keys, states(), List.of(), now, Instant.parse("2025-03-09T06:00:00Z"), null);

      assertThat(plan.ticked()).isTrue();
      assertThat(plan.due()).containsExactly(new DueRun("2025-03-09", Trigger.CRON, null));
    }
  }

  @Nested
  class BlockedUpstream {

    final AssetSpec spec = spec("""
        transform: {models: [down]}
        deps: [{asset: up}]
        partitions: {static: [a, b, c, d]}
        automation: {eager: true, cron: {schedule: "0 * * * *"}}
        """);
    final AssetSpec up = spec("{ingest: {bluesky: {authorFeed: {}}}, partitions: {static: [a, b, c, d]}}");
    final List<String> keys = List.of("a", "b", "c", "d");

    Upstream blocked() {
      PartitionStates upstreamStates = states(materializedState("a", LATER), materializedState("b", LATER),
          materializedState("c", LATER), materializedState("d", LATER));
      return new Upstream(spec.getDeps().get(0), UpstreamView.of("up", up, keys, upstreamStates, List.of("unique_uri")));
    }

    @Test
    void automationIsHeldButManualRequestsStillRun() {
      PartitionStates states = states(
          succeeded("a", EARLIER, EARLIER),
          PartitionState.never("b").launched(EARLIER, false, EARLIER).retrying(NOW.minusSeconds(1), "exit 3"),
          succeeded("c", EARLIER, EARLIER));

      Plan plan = plan(spec, keys, states, List.of(blocked()), NOW, EARLIER, new ManualRequest("t", "c"));

      assertThat(plan.blockedBy()).containsExactly("up");
      assertThat(plan.ticked()).isTrue();
      assertThat(plan.due()).containsExactly(new DueRun("c", Trigger.MANUAL, LATER));
      // The tick is not lost: the cron marks wait for the block to lift.
      assertThat(states.get("a").due()).isEqualTo(Trigger.CRON);
      assertThat(states.get("d").due()).isEqualTo(Trigger.CRON);
    }

    @Test
    void replaceOfARunningPartitionIsHeldToo() {
      AssetSpec replacing = spec("""
          transform: {models: [down]}
          deps: [{asset: up}]
          partitions: {static: [a, b, c, d]}
          automation: {cron: {schedule: "0 * * * *", concurrencyPolicy: Replace}}
          """);
      PartitionStates states = states(PartitionState.never("a").launched(EARLIER, false, null));

      Plan plan = plan(replacing, keys, states, List.of(blocked()), NOW, EARLIER, null);

      assertThat(states.get("a").due()).isEqualTo(Trigger.REPLACE);
      assertThat(plan.due()).isEmpty();
    }
  }

  @Test
  void queuedTriggersComeBeforeAutomation() {
    AssetSpec spec = spec("""
        ingest: {bluesky: {authorFeed: {}}}
        partitions: {static: [a, b, c, d]}
        automation: {eager: true}
        """);
    PartitionStates states = states(
        PartitionState.never("b").launched(EARLIER, false, null).retrying(NOW, "exit 1"),
        succeeded("c", EARLIER, null).withDue(Trigger.CRON));

    Plan plan = plan(spec, List.of("a", "b", "c", "d"), states, List.of(), NOW, null, new ManualRequest("t", "d"));

    assertThat(plan.due()).extracting(DueRun::key, DueRun::trigger).containsExactly(
        org.assertj.core.groups.Tuple.tuple("d", Trigger.MANUAL),
        org.assertj.core.groups.Tuple.tuple("b", Trigger.RETRY),
        org.assertj.core.groups.Tuple.tuple("c", Trigger.CRON),
        org.assertj.core.groups.Tuple.tuple("a", Trigger.MISSING));
  }

  @Nested
  class Mappings {

    final AssetSpec up = spec("{ingest: {bluesky: {authorFeed: {}}}, partitions: {static: [x, y]}}");

    @Test
    void allMappingWaitsForEveryUpstreamPartitionAndTakesTheNewest() {
      AssetSpec down = spec("{transform: {models: [d]}, deps: [{asset: up, partitionMapping: all}], automation: {eager: true}}");

      Plan partial = plan(down, List.of(""), states(),
          List.of(upstream(down, "up", up, List.of("x", "y"), states(materializedState("x", LATER)))));
      Plan complete = plan(down, List.of(""), states(),
          List.of(upstream(down, "up", up, List.of("x", "y"), states(materializedState("x", LATER), materializedState("y", EARLIER)))));

      assertThat(partial.due()).isEmpty();
      assertThat(complete.due()).containsExactly(new DueRun("", Trigger.MISSING, LATER));
    }

    @Test
    void allMappingOfAnUpstreamWithoutPartitionsYetWaits() {
      AssetSpec dynamicUp = spec("{ingest: {bluesky: {authorFeed: {}}}, partitions: {dynamic: {fromAsset: pack}}}");
      AssetSpec down = spec("{transform: {models: [d]}, deps: [{asset: up}], automation: {eager: true}}");

      Plan plan = plan(down, List.of(""), states(), List.of(upstream(down, "up", dynamicUp, List.of(), states())));

      assertThat(plan.due()).isEmpty();
    }

    @Test
    void latestMappingReadsOnlyTheNewestUpstreamPartition() {
      AssetSpec down = spec("{transform: {models: [d]}, deps: [{asset: up, partitionMapping: latest}], automation: {eager: true}}");

      Plan plan = plan(down, List.of(""), states(),
          List.of(upstream(down, "up", up, List.of("x", "y"), states(materializedState("y", EARLIER)))));

      assertThat(plan.due()).containsExactly(new DueRun("", Trigger.MISSING, EARLIER));
    }

    @Test
    void timeWindowMappingWaitsForEveryWindowInItsOffsets() {
      AssetSpec daily = spec("{ingest: {bluesky: {authorFeed: {}}}, partitions: {timeWindow: {cron: \"0 0 * * *\", start: \"2025-03-01\"}}}");
      AssetSpec down = spec("""
          transform: {models: [d]}
          deps: [{asset: up, partitionMapping: timeWindow, window: {startOffset: -1, endOffset: 0}}]
          partitions: {timeWindow: {cron: "0 0 * * *", start: "2025-03-01"}}
          automation: {eager: true}
          """);
      List<String> days = List.of("2025-03-01", "2025-03-02", "2025-03-03");
      PartitionStates upstreamStates = states(materializedState("2025-03-01", EARLIER), materializedState("2025-03-02", LATER));

      Plan plan = plan(down, days, states(), List.of(upstream(down, "up", daily, days, upstreamStates)));

      // 03-01 has no window before it; 03-03 reads the missing 03-03.
      assertThat(plan.due()).containsExactly(new DueRun("2025-03-02", Trigger.MISSING, LATER));
    }
  }

  // --- helpers ---

  /** A spec from YAML; a document marker keeps a flow mapping from being read as JSON. */

  static AssetSpec unpartitioned() {
    return spec("{ingest: {bluesky: {authorFeed: {actor: alice.bsky.social}}}}");
  }

  static PartitionStates states(PartitionState... states) {
    PartitionStates all = PartitionStates.empty();
    for (PartitionState state : states) {
      all.put(state);
    }
    return all;
  }

  static PartitionState succeeded(String key, Instant at, Instant watermark) {
    return PartitionState.never(key).launched(at.minusSeconds(60), false, watermark).succeeded(at);
  }

  static PartitionState succeeded(String key, Instant at, Instant watermark, String codeVersion) {
    return PartitionState.never(key).launched(at.minusSeconds(60), false, watermark).withCodeVersion(codeVersion).succeeded(at);
  }

  static PartitionState materializedState(String key, Instant at) {
    return succeeded(key, at, null);
  }

  static PartitionStates materialized(String key, Instant at) {
    return states(materializedState(key, at));
  }

  static Upstream upstream(AssetSpec downstream, String name, AssetSpec spec, PartitionStates states) {
    return upstream(downstream, name, spec, List.of(""), states);
  }

  static Upstream upstream(AssetSpec downstream, String name, AssetSpec spec, List<String> keys, PartitionStates states) {
    return new Upstream(downstream.getDeps().stream().filter(dep -> dep.getAsset().equals(name)).findFirst().orElseThrow(),
        UpstreamView.of(name, spec, keys, states, List.of()));
  }

  static Plan plan(AssetSpec spec, List<String> keys, PartitionStates states, List<Upstream> upstream) {
    return plan(spec, keys, states, upstream, NOW, null, null);
  }

  static Plan plan(AssetSpec spec, List<String> keys, PartitionStates states, List<Upstream> upstream, Instant now,
                   Instant lastScheduleTime, ManualRequest manual) {
    return recorded(new Input(spec, keys, states, upstream, now, lastScheduleTime, manual));
  }

  /** The plan, with its marks recorded in the input's states as the reconciler records them. */
  static Plan recorded(Input in) {
    Plan plan = RunPlanner.plan(in);
    plan.marks().forEach(in.states()::put);
    return plan;
  }
}
