package dev.eider.operator.branch.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.workerjob.RunOutcome;
import dev.eider.operator.branch.BranchEvent;
import dev.eider.operator.platform.EventReason;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Teardown: namespace first, then the drop, then release; each step decided from what exists now. */
class TeardownPlannerTest {

  static final Instant NOW = ClonePlannerTest.NOW;
  static final String DB = "/data/prod_br_x_12345678.duckdb";
  final JobRetries retries = new JobRetries(Integer.MAX_VALUE, Duration.ofSeconds(30));

  @Test
  void theNamespaceIsDeletedFirstAndNothingIsDroppedWhilePodsMayStillWrite() {
    TeardownPlanner.Plan plan = plan(observed(true, false, List.of("bd-clone-1"), List.of()));
    assertThat(plan.deleteNamespace()).isTrue();
    assertThat(plan.deleteJobs()).containsExactly("bd-clone-1");
    assertThat(plan.createDrop()).isEmpty();
    assertThat(plan.done()).isFalse();
  }

  @Test
  void aTerminatingNamespaceIsWaitedForNotDeletedAgain() {
    TeardownPlanner.Plan plan = plan(observed(true, true, List.of(), List.of()));
    assertThat(plan.deleteNamespace()).isFalse();
    assertThat(plan.createDrop()).isEmpty();
    assertThat(plan.wake()).isEqualTo(TeardownPlanner.POLL);
  }

  @Test
  void onceTheNamespaceIsGoneTheDatabaseIsDropped() {
    TeardownPlanner.Plan plan = plan(observed(false, false, List.of(), List.of()));
    assertThat(plan.createDrop()).contains(DatabaseJobs.dropName("bd", DB, 1));
    assertThat(plan.dropAttempt()).isEqualTo(1);
    assertThat(plan.done()).isFalse();
  }

  @Test
  void aRunningDropIsWaitedFor() {
    TeardownPlanner.Plan plan = plan(observed(false, false, List.of(), List.of(drop(1, JobState.RUNNING))));
    assertThat(plan.createDrop()).isEmpty();
    assertThat(plan.done()).isFalse();
  }

  @Test
  void aFailedDropIsRetriedAfterBackoff() {
    JobState failed = ClonePlannerTest.finished(RunOutcome.Kind.RETRYABLE, "exit 3: MotherDuck unavailable");
    TeardownPlanner.Plan waiting = plan(observed(false, false, List.of(), List.of(drop(1, failed))));
    // finished 60 s ago, backoff 30 s: due now
    assertThat(waiting.createDrop()).contains(DatabaseJobs.dropName("bd", DB, 2));
    TeardownPlanner.Plan early = TeardownPlanner.plan("bd", observed(false, false, List.of(), List.of(drop(1, failed))), retries,
        NOW.minusSeconds(45));
    assertThat(early.createDrop()).isEmpty();
    assertThat(early.events()).extracting(BranchEvent::reason).containsExactly(EventReason.DatabaseFailed);
  }

  @Test
  void aSucceededDropReleasesTheBranch() {
    JobState done = ClonePlannerTest.finished(RunOutcome.Kind.SUCCEEDED, "dropped");
    JobState failed = ClonePlannerTest.finished(RunOutcome.Kind.RETRYABLE, "exit 1");
    TeardownPlanner.Plan plan = plan(observed(false, false, List.of(), List.of(drop(1, failed), drop(2, done))));
    assertThat(plan.done()).isTrue();
    assertThat(plan.events()).extracting(BranchEvent::reason).containsExactly(EventReason.DatabaseDropped, EventReason.TeardownFinished);
  }

  @Test
  void anOperatorRestartedAfterTheDropJobWasCollectedDropsAgainHarmlessly() {
    // Nothing left to show the drop happened: dropping a missing database succeeds, so it runs again.
    TeardownPlanner.Plan plan = plan(observed(false, false, List.of(), List.of()));
    assertThat(plan.createDrop()).isPresent();
  }

  @Test
  void aProtectedDatabaseIsNeverDroppedAndTheBranchIsStillReleased() {
    TeardownPlanner.Observed observed = new TeardownPlanner.Observed(false, false, List.of(), Optional.empty(),
        Optional.of(new BranchEvent(EventReason.ProductionTarget, "/data/prod.duckdb is production or protected; never dropped")), List.of());
    TeardownPlanner.Plan plan = plan(observed);
    assertThat(plan.createDrop()).isEmpty();
    assertThat(plan.done()).isTrue();
    assertThat(plan.events()).extracting(BranchEvent::reason).containsExactly(EventReason.ProductionTarget, EventReason.TeardownFinished);
  }

  private TeardownPlanner.Plan plan(TeardownPlanner.Observed observed) {
    return TeardownPlanner.plan("bd", observed, retries, NOW);
  }

  private static TeardownPlanner.Observed observed(boolean namespace, boolean terminating, List<String> clones,
                                                   List<TeardownPlanner.DropJob> drops) {
    return new TeardownPlanner.Observed(namespace, terminating, clones, Optional.of(DB), Optional.empty(), drops);
  }

  private static TeardownPlanner.DropJob drop(int attempt, JobState state) {
    Job job = new JobBuilder().withNewMetadata().withName(DatabaseJobs.dropName("bd", DB, attempt)).endMetadata().build();
    return new TeardownPlanner.DropJob(job, attempt, state);
  }
}
