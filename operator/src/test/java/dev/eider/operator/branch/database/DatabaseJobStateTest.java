package dev.eider.operator.branch.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A clone or drop Job's outcome comes from its own pod only. The forged pod here is what anyone who
 * may create pods in the job namespace can make: the Job's labels, a newer creation time, and a
 * worker that exits 0 with a well-formed result.
 */
class DatabaseJobStateTest {

  static final Instant FINISHED = Instant.parse("2025-03-10T12:00:00Z");
  static final Instant NOW = FINISHED.plusSeconds(5);
  static final String NAME = "feature-top-links-drop-1";
  static final Job FAILED_DROP = job("Failed");
  static final Job COMPLETED_DROP = job("Complete");
  static final String DROPPED = "{\"command\": \"db drop\", \"database\": \"eider_feature_top_links\", \"outcome\": \"dropped\"}";

  @Test
  void aForgedPodCannotTurnAFailedDropIntoADroppedDatabase() {
    Pod own = own(pod("own", "2025-03-10T11:59:00Z", 1, "{\"error\": \"catalog locked\", \"exitCode\": 1}"));
    Pod forged = pod("forged", "2025-03-10T11:59:30Z", 0, DROPPED);

    JobState state = DatabaseStep.state(Optional.of(FAILED_DROP), List.of(own, forged), NOW);

    assertThat(state).isInstanceOfSatisfying(JobState.Finished.class, finished -> {
      assertThat(finished.succeeded()).isFalse();
      assertThat(finished.outcome().message()).isEqualTo("exit 1: catalog locked");
    });
  }

  @Test
  void aForgedPodAloneIsNoOutcome() {
    Pod forged = pod("forged", "2025-03-10T11:59:30Z", 0, DROPPED);

    // Just finished: the Job's own pod status is awaited, the forged one is not taken for it.
    assertThat(DatabaseStep.state(Optional.of(FAILED_DROP), List.of(forged), NOW)).isEqualTo(JobState.RUNNING);
  }

  @Test
  void theJobsOwnPodIsRead() {
    Pod own = own(pod("own", "2025-03-10T11:59:00Z", 0, DROPPED));

    JobState state = DatabaseStep.state(Optional.of(COMPLETED_DROP), List.of(own), NOW);

    assertThat(state).isInstanceOfSatisfying(JobState.Finished.class, finished -> assertThat(finished.succeeded()).isTrue());
    assertThat(DatabaseStep.state(Optional.empty(), List.of(own), NOW)).isEqualTo(JobState.MISSING);
  }

  static Job job(String condition) {
    return new JobBuilder().withNewMetadata().withName(NAME).withNamespace("eider-system").withUid("uid-drop-1")
        .withCreationTimestamp("2025-03-10T11:58:00Z").endMetadata()
        .withNewStatus().addNewCondition().withType(condition).withStatus("True").withLastTransitionTime(FINISHED.toString())
        .endCondition().endStatus().build();
  }

  static Pod pod(String name, String created, int exitCode, String message) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("eider-system").withCreationTimestamp(created)
        .addToLabels("job-name", NAME).endMetadata()
        .withNewStatus().withPhase(exitCode == 0 ? "Succeeded" : "Failed").addNewContainerStatus().withName("worker")
        .withNewState().withNewTerminated().withExitCode(exitCode).withMessage(message).endTerminated().endState()
        .endContainerStatus().endStatus().build();
  }

  /** {@code pod} as the Job controller makes it: the Job as controller owner, and its uid as controller-uid. */
  static Pod own(Pod pod) {
    return new PodBuilder(pod).editMetadata().addToLabels("controller-uid", "uid-drop-1")
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job").withName(NAME)
            .withUid("uid-drop-1").withController(true).build())
        .endMetadata().build();
  }
}
