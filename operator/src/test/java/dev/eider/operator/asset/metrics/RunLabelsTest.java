package dev.eider.operator.asset.metrics;

import dev.eider.operator.asset.state.Trigger;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.asset.automation.DueRun;
import dev.eider.operator.workerjob.FailureReason;
import dev.eider.operator.workerjob.RunOutcome;
import dev.eider.operator.asset.state.PartitionState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunLabelsTest {

  private static final Instant TICK = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant RETRY_AT = Instant.parse("2026-01-01T10:05:00Z");
  private static final Instant UPSTREAM = Instant.parse("2026-01-01T09:59:00Z");

  @Test
  void kubernetesReasonWinsOverTheOutcomesOwn() {
    assertThat(RunLabels.reason(RunOutcome.failed(RunOutcome.Kind.PERMANENT, FailureReason.ImageUnavailable, "x", TICK)))
        .isEqualTo("ImageUnavailable");
    assertThat(RunLabels.reason(new RunOutcome(RunOutcome.Kind.PERMANENT, "exit 2", null, null, List.of(), TICK))).isEqualTo("WorkerFailed");
    assertThat(RunLabels.reason(new RunOutcome(RunOutcome.Kind.SUCCEEDED, "ok", null, null, List.of(), TICK))).isEqualTo("Materialized");
    assertThat(RunLabels.reason(new RunOutcome(RunOutcome.Kind.CHECKS_FAILED, "c", null, null, List.of(), TICK))).isEqualTo("ChecksFailed");
    assertThat(RunLabels.outcome(new RunOutcome(RunOutcome.Kind.CHECKS_FAILED, "c", null, null, List.of(), TICK))).isEqualTo("checks_failed");
  }

  @Test
  void dueMomentDependsOnTheTrigger() {
    PartitionState retrying = PartitionState.never("2026-01-01").launched(TICK.minusSeconds(600), false, null)
        .retrying(RETRY_AT, "exit 3");

    assertThat(RunLabels.dueAt(new DueRun("k", Trigger.CRON, null), retrying, TICK)).contains(TICK);
    assertThat(RunLabels.dueAt(new DueRun("k", Trigger.RETRY, null), retrying, TICK)).contains(RETRY_AT);
    assertThat(RunLabels.dueAt(new DueRun("k", Trigger.EAGER, UPSTREAM), retrying, TICK)).contains(UPSTREAM);
    assertThat(RunLabels.dueAt(new DueRun("k", Trigger.MANUAL, null), retrying, TICK)).isEmpty();
    assertThat(RunLabels.dueAt(new DueRun("k", Trigger.MISSING, null), retrying, TICK)).isEmpty();
    assertThat(RunLabels.dueAt(new DueRun("k", Trigger.REPLACE, null), retrying, TICK)).isEmpty();
    assertThat(RunLabels.trigger(new DueRun("k", Trigger.EAGER, UPSTREAM))).isEqualTo("eager");
  }
}
