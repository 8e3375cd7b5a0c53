package dev.eider.operator.branch.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.branch.BranchDeploymentStatus.DatabaseStatus;
import dev.eider.operator.api.branch.DatabaseSpec;
import dev.eider.operator.workerjob.RunOutcome;
import dev.eider.operator.branch.BranchEvent;
import dev.eider.operator.branch.BranchNames;
import dev.eider.operator.platform.EventReason;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The staging database's history decides: clone once per target, retry with backoff, never re-run a finished clone. */
class ClonePlannerTest {

  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  final StagingDatabase.Decision target = StagingDatabase.decide("/data/prod.duckdb", List.of(), BranchNames.of("feature/x"));
  final JobRetries retries = new JobRetries(3, Duration.ofSeconds(30));
  final Map<String, JobState> jobs = new HashMap<>();

  @Test
  void aNewBranchStartsItsFirstClone() {
    ClonePlanner.Plan plan = plan(null, null);
    assertThat(plan.create()).contains(DatabaseJobs.cloneName("bd", "/data/prod.duckdb", staging(), null, 1));
    assertThat(plan.status().getPhase()).isEqualTo("Cloning");
    assertThat(plan.status().getAttempt()).isEqualTo(1);
    assertThat(plan.status().getSource()).isEqualTo("/data/prod.duckdb");
    assertThat(plan.ready()).isFalse();
    assertThat(plan.events()).extracting(BranchEvent::reason).containsExactly(EventReason.DatabaseCloning);
  }

  @Test
  void aRunningCloneIsWaitedFor() {
    DatabaseStatus cloning = plan(null, null).status();
    jobs.put(cloning.getJob(), JobState.RUNNING);
    ClonePlanner.Plan plan = plan(cloning, null);
    assertThat(plan.create()).isEmpty();
    assertThat(plan.reason()).isEqualTo("Cloning");
    assertThat(plan.events()).isEmpty();
  }

  @Test
  void aRecordedCloneWhoseJobIsMissingIsCreatedAgainUnderTheSameName() {
    DatabaseStatus cloning = plan(null, null).status();
    ClonePlanner.Plan plan = plan(cloning, null);
    assertThat(plan.create()).contains(cloning.getJob());
    assertThat(plan.status().getAttempt()).isEqualTo(1);
  }

  @Test
  void aSucceededCloneMakesTheDatabaseReadyAndIsNeverRunAgain() {
    DatabaseStatus cloning = plan(null, null).status();
    jobs.put(cloning.getJob(), finished(RunOutcome.Kind.SUCCEEDED, "done"));
    ClonePlanner.Plan done = plan(cloning, null);
    assertThat(done.ready()).isTrue();
    assertThat(done.status().getPhase()).isEqualTo("Ready");
    assertThat(done.status().getClonedAt()).isEqualTo("2025-03-01T11:59:00Z");
    assertThat(done.events()).extracting(BranchEvent::reason).containsExactly(EventReason.DatabaseCloned);

    jobs.clear(); // the TTL removed the Job
    ClonePlanner.Plan later = plan(done.status(), null);
    assertThat(later.create()).isEmpty();
    assertThat(later.ready()).isTrue();
    assertThat(later.reason()).isEqualTo("Cloned");
  }

  @Test
  void aRetryableFailureIsRetriedAfterBackoffWithANewJob() {
    DatabaseStatus cloning = plan(null, null).status();
    jobs.put(cloning.getJob(), finished(RunOutcome.Kind.RETRYABLE, "exit 3: S3 timed out"));
    ClonePlanner.Plan failed = plan(cloning, null);
    assertThat(failed.status().getPhase()).isEqualTo("Retrying");
    assertThat(failed.status().getRetryAt()).isEqualTo("2025-03-01T12:00:30Z");
    assertThat(failed.wakeAt()).contains(Instant.parse("2025-03-01T12:00:30Z"));
    assertThat(failed.events()).extracting(BranchEvent::reason).containsExactly(EventReason.DatabaseFailed);

    assertThat(ClonePlanner.plan("bd", DatabaseSpec.Mode.CLONE, target, null, failed.status(), jobs::get, retries, NOW.plusSeconds(10))
        .create()).isEmpty();
    ClonePlanner.Plan retry = ClonePlanner.plan("bd", DatabaseSpec.Mode.CLONE, target, null, failed.status(),
        name -> jobs.getOrDefault(name, JobState.MISSING), retries, NOW.plusSeconds(31));
    assertThat(retry.create()).contains(DatabaseJobs.cloneName("bd", "/data/prod.duckdb", staging(), null, 2));
    assertThat(retry.status().getAttempt()).isEqualTo(2);
    assertThat(retry.status().getRetryAt()).isNull();
  }

  @Test
  void attemptsRunOutThenANewResetValueTriesAgain() {
    DatabaseStatus status = plan(null, null).status();
    status.setAttempt(3);
    jobs.put(status.getJob(), finished(RunOutcome.Kind.RETRYABLE, "exit 1: disk full"));
    ClonePlanner.Plan failed = plan(status, null);
    assertThat(failed.status().getPhase()).isEqualTo("Failed");
    assertThat(failed.reason()).isEqualTo("CloneFailed");
    assertThat(failed.message()).contains("after 3 attempt(s)", "disk full", "eider.dev/reset-database");

    assertThat(plan(failed.status(), null).create()).isEmpty();
    ClonePlanner.Plan reset = plan(failed.status(), "try-again");
    assertThat(reset.create()).contains(DatabaseJobs.cloneName("bd", "/data/prod.duckdb", staging(), "try-again", 1));
    assertThat(reset.status().getResetRequest()).isEqualTo("try-again");
  }

  @Test
  void badInputIsNotRetried() {
    DatabaseStatus cloning = plan(null, null).status();
    jobs.put(cloning.getJob(), finished(RunOutcome.Kind.PERMANENT, "exit 2: source database /data/prod.duckdb does not exist"));
    ClonePlanner.Plan failed = plan(cloning, null);
    assertThat(failed.status().getPhase()).isEqualTo("Failed");
    assertThat(failed.message()).contains("not retried", "does not exist");
  }

  @Test
  void aNewResetValueClonesAReadyDatabaseAgainAndRemovingItDoesNot() {
    DatabaseStatus ready = ready(null);
    ClonePlanner.Plan reset = plan(ready, "2025-03-01");
    assertThat(reset.create()).isPresent();
    assertThat(reset.message()).startsWith("reset requested (2025-03-01)");

    DatabaseStatus readyAgain = ready("2025-03-01");
    assertThat(plan(readyAgain, null).create()).isEmpty();
    assertThat(plan(readyAgain, "2025-03-01").create()).isEmpty();
    assertThat(plan(readyAgain, "").create()).isEmpty();
  }

  @Test
  void aResetDuringACloneStopsTheOldClone() {
    DatabaseStatus cloning = plan(null, null).status();
    jobs.put(cloning.getJob(), JobState.RUNNING);
    ClonePlanner.Plan reset = plan(cloning, "again");
    assertThat(reset.supersede()).contains(cloning.getJob());
    assertThat(reset.create()).isPresent().isNotEqualTo(java.util.Optional.of(cloning.getJob()));
  }

  @Test
  void anEmptyDatabaseIsReadyWithoutAJob() {
    ClonePlanner.Plan plan = ClonePlanner.plan("bd", DatabaseSpec.Mode.EMPTY, target, null, null, jobs::get, retries, NOW);
    assertThat(plan.create()).isEmpty();
    assertThat(plan.ready()).isTrue();
    assertThat(plan.reason()).isEqualTo("EmptyDatabase");
    assertThat(plan.status().getName()).isEqualTo(staging());
  }

  @Test
  void aRefusedTargetStartsNothingAndStopsARunningClone() {
    DatabaseStatus cloning = plan(null, null).status();
    jobs.put(cloning.getJob(), JobState.RUNNING);
    StagingDatabase.Decision refused = StagingDatabase.decide("/data/prod.duckdb", List.of(staging()), BranchNames.of("feature/x"));
    ClonePlanner.Plan plan = ClonePlanner.plan("bd", DatabaseSpec.Mode.CLONE, refused, null, cloning, jobs::get, retries, NOW);
    assertThat(plan.create()).isEmpty();
    assertThat(plan.supersede()).contains(cloning.getJob());
    assertThat(plan.reason()).isEqualTo("ProductionTarget");
    assertThat(plan.status().getPhase()).isEqualTo("Refused");
    assertThat(plan.events()).extracting(BranchEvent::reason).containsExactly(EventReason.ProductionTarget);
  }

  @Test
  void backoffDoublesUpToFiveMinutes() {
    assertThat(retries.after(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(retries.after(2)).isEqualTo(Duration.ofSeconds(60));
    assertThat(retries.after(10)).isEqualTo(Duration.ofMinutes(5));
  }

  private DatabaseStatus ready(String reset) {
    DatabaseStatus cloning = ClonePlanner.plan("bd", DatabaseSpec.Mode.CLONE, target, reset, null, name -> JobState.MISSING, retries, NOW).status();
    jobs.put(cloning.getJob(), finished(RunOutcome.Kind.SUCCEEDED, "done"));
    return plan(cloning, reset).status();
  }

  private ClonePlanner.Plan plan(DatabaseStatus previous, String reset) {
    return ClonePlanner.plan("bd", DatabaseSpec.Mode.CLONE, target, reset, previous, name -> jobs.getOrDefault(name, JobState.MISSING),
        retries, NOW);
  }

  private String staging() {
    return ((StagingDatabase.Target) target).staging().display();
  }

  static JobState finished(RunOutcome.Kind kind, String message) {
    return new JobState.Finished(new RunOutcome(kind, message, null, null, List.of(), NOW.minusSeconds(60)));
  }
}
