package dev.eider.operator.asset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.AssetStatus;
import dev.eider.operator.asset.automation.DueRun;
import dev.eider.operator.asset.run.RunLauncher;
import dev.eider.operator.asset.state.Trigger;
import dev.eider.operator.api.asset.AssetConditions;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import dev.eider.operator.workerjob.FailureReason;
import dev.eider.operator.asset.run.RunObserver;
import dev.eider.operator.workerjob.RunOutcome;
import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.platform.EventReason;
import dev.eider.operator.platform.EventRecorder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs Kubernetes failed are reported under their cause, saying what happens next. */
class AssetEventsTest {

  static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");

  record Recorded(EventReason reason, String message) {}

  final List<Recorded> recorded = new ArrayList<>();
  final AssetEvents events = new AssetEvents(new EventRecorder(null) {
    @Override
    public void record(HasMetadata object, EventReason reason, String message) {
      recorded.add(new Recorded(reason, message));
    }
  });
  final Asset asset = asset();

  @Test
  void causeReplacesTheGenericReasonAndTheMessageSaysWhatFollows() {
    PartitionState launched = PartitionState.never("a").launched(NOW.minusSeconds(60), false, null);
    RunOutcome refused = RunOutcome.failed(RunOutcome.Kind.RETRYABLE, FailureReason.PodRefused, "pod refused by admission: quota", NOW);
    RunOutcome oom = RunOutcome.failed(RunOutcome.Kind.RETRYABLE, FailureReason.OOMKilled, "worker killed by its memory limit (512Mi)", NOW);
    RunOutcome invalid = RunOutcome.failed(RunOutcome.Kind.PERMANENT, FailureReason.ImageUnavailable, "image X is unavailable", NOW);
    RunOutcome workerError = new RunOutcome(RunOutcome.Kind.RETRYABLE, "exit 3: HTTP 503", null, null, List.of(), NOW);

    events.finished(asset, List.of(
        new RunObserver.Finished("a", "j-a-1", refused, launched.retrying(NOW.plusSeconds(10), refused.message(), "PodRefused")),
        new RunObserver.Finished("b", "j-b-3", oom, launched.failed(oom.message() + " (attempt 3 of 3)", "OOMKilled")),
        new RunObserver.Finished("c", "j-c-1", invalid, launched.failed(invalid.message(), "ImageUnavailable")),
        new RunObserver.Finished("d", "j-d-1", workerError, launched.retrying(NOW.plusSeconds(10), workerError.message()))), NOW);

    assertThat(recorded).containsExactlyInAnyOrder(
        new Recorded(EventReason.PodRefused, "j-a-1 [a]: pod refused by admission: quota; attempt 2 in 10s"),
        new Recorded(EventReason.OOMKilled, "j-b-3 [b]: worker killed by its memory limit (512Mi) (attempt 3 of 3); no attempts left"),
        new Recorded(EventReason.ImageUnavailable, "j-c-1 [c]: image X is unavailable; not retried"),
        new Recorded(EventReason.RetryScheduled, "j-d-1 [d]: exit 3: HTTP 503; attempt 2 in 10s"));
  }

  @Test
  void aRunWhosePodNeverStartedIsReportedStuckPendingSayingWhatFollows() {
    PartitionState launched = PartitionState.never("a").launched(NOW.minusSeconds(900), false, null);
    RunOutcome pending = new RunOutcome(RunOutcome.Kind.RETRYABLE, "pod did not start within 10m (pod Pending)", null, null, List.of(), NOW);
    RunOutcome refused = RunOutcome.failed(RunOutcome.Kind.RETRYABLE, FailureReason.PodRefused, "pod refused by admission: quota", NOW);

    events.finished(asset, List.of(
        new RunObserver.Finished("a", "j-a-1", pending, launched.retrying(NOW.plusSeconds(30), pending.message())),
        new RunObserver.Finished("b", "j-b-3", pending, launched.failed(pending.message() + " (attempt 3 of 3)")),
        new RunObserver.Finished("c", "j-c-1", refused, launched.retrying(NOW.plusSeconds(30), refused.message(), "PodRefused")),
        new RunObserver.Finished("d", "j-d-1", pending, launched.retrying(NOW.plusSeconds(30), pending.message()))),
        java.util.Set.of("j-a-1", "j-b-3", "j-c-1"), NOW);

    assertThat(recorded).containsExactlyInAnyOrder(
        new Recorded(EventReason.RunStuckPending, "j-a-1 [a]: pod did not start within 10m (pod Pending); attempt 2 in 30s"),
        new Recorded(EventReason.RunStuckPending, "j-b-3 [b]: pod did not start within 10m (pod Pending) (attempt 3 of 3); no attempts left"),
        // A cause Kubernetes named wins; a Job the observer did not delete is an ordinary retry.
        new Recorded(EventReason.PodRefused, "j-c-1 [c]: pod refused by admission: quota; attempt 2 in 30s"),
        new Recorded(EventReason.RetryScheduled, "j-d-1 [d]: pod did not start within 10m (pod Pending); attempt 2 in 30s"));
    assertThat(EventReason.RunStuckPending.type()).isEqualTo(EventReason.EventType.Warning);
  }

  @Test
  void aReplacedRunIsNamedWithTheRunsStarted() {
    events.launched(asset, new RunLauncher.Launched(List.of(new DueRun("a", Trigger.REPLACE, null)), 0, List.of("feeds-a-3")));

    assertThat(recorded).containsExactly(
        new Recorded(EventReason.RunStarted, "started 1 run(s): a (replace)"),
        new Recorded(EventReason.RunReplaced, "run feeds-a-3 deleted: a cron tick started a new run of its partition (concurrencyPolicy: Replace)"));
    recorded.clear();
    events.launched(asset, new RunLauncher.Launched(List.of(new DueRun("a", Trigger.CRON, null)), 0));
    assertThat(recorded).extracting(Recorded::reason).containsExactly(EventReason.RunStarted);
  }

  @Test
  void checksPassingWhereTheyDidNotIsAnEventOnceAndNotAgain() {
    AssetStatus blocked = status("False", AssetConditions.BLOCKING_CHECK_FAILED, "failed: unique_uri");
    AssetStatus passed = status("True", AssetConditions.ALL_CHECKS_PASSED, "3 checks passed");

    events.checks(asset, blocked, passed);
    events.checks(asset, passed, passed);
    events.checks(asset, status("False", AssetConditions.NOT_EVALUATED, "checks have not run yet"), passed);
    events.checks(asset, passed, blocked);

    assertThat(recorded).containsExactly(
        new Recorded(EventReason.ChecksPassed, "3 checks passed; downstream assets held by the failed blocking check run again"),
        new Recorded(EventReason.ChecksPassed, "3 checks passed"));
  }

  static AssetStatus status(String passed, String reason, String message) {
    AssetStatus status = new AssetStatus();
    status.setConditions(List.of(new ConditionBuilder().withType(AssetConditions.CHECKS_PASSED).withStatus(passed).withReason(reason)
        .withMessage(message).build()));
    return status;
  }

  @Test
  void runThatCannotStartYetIsAWarningNamingWhenItsAttemptFails() {
    events.stalled(asset, List.of(new RunObserver.Stalled("", "j-1", FailureReason.ImageUnavailable,
        "image w:1 cannot be pulled: Back-off pulling image \"w:1\"", NOW.plusSeconds(90))));

    assertThat(recorded).containsExactly(new Recorded(EventReason.ImageUnavailable,
        "j-1: image w:1 cannot be pulled: Back-off pulling image \"w:1\"; the attempt fails at 2025-03-10T12:01:30Z unless the pod starts"));
    assertThat(EventReason.ImageUnavailable.type()).isEqualTo(EventReason.EventType.Warning);
  }

  static Asset asset() {
    Asset asset = new Asset();
    asset.setMetadata(new ObjectMetaBuilder().withName("feeds").withNamespace("runs").withUid("u1").build());
    return asset;
  }
}
