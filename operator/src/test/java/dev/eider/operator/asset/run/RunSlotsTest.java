package dev.eider.operator.asset.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.platform.Labels;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pool and writer limits, counted from the live Jobs of a namespace. */
class RunSlotsTest {

  @Test
  void onlyUnfinishedJobsOfThePoolTakeASlot() {
    List<Job> jobs = List.of(job("ingestion", null), job("ingestion", "Complete"), job("ingestion", "Failed"), job("transforms", null),
        new JobBuilder().withNewMetadata().withName("unlabelled").endMetadata().build());

    assertThat(RunSlots.active(jobs, Labels.POOL, "ingestion")).isEqualTo(1);
    assertThat(RunSlots.free(jobs, Labels.POOL, "ingestion", 3)).isEqualTo(2);
    assertThat(RunSlots.free(jobs, Labels.POOL, "ingestion", 1)).isZero();
  }

  @Test
  void overfullPoolHasNoFreeSlotRatherThanANegativeNumber() {
    List<Job> jobs = List.of(job("ingestion", null), job("ingestion", null));

    assertThat(RunSlots.free(jobs, Labels.POOL, "ingestion", 1)).isZero();
  }

  @Test
  void noPoolOrNoLimitMeansNoLimit() {
    assertThat(RunSlots.free(List.of(job("ingestion", null)), Labels.POOL, null, 1)).isEqualTo(Integer.MAX_VALUE);
    assertThat(RunSlots.free(List.of(job("gpu", null)), Labels.POOL, "gpu", null)).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void conditionThatIsNotTrueDoesNotFinishAJob() {
    Job job = job("ingestion", "Failed");
    job.getStatus().getConditions().get(0).setStatus("False");

    assertThat(RunSlots.finished(job)).isFalse();
  }

  @Test
  void namespaceLockRunsTheActionAndReturnsItsValue() {
    assertThat(new RunSlots().withNamespaceLocked("bluesky", () -> 42)).isEqualTo(42);
  }

  static Job job(String pool, String condition) {
    JobBuilder builder = new JobBuilder().withNewMetadata().withName(pool + "-" + condition).withLabels(Map.of(Labels.POOL, pool)).endMetadata();
    if (condition != null) {
      builder.withNewStatus().addNewCondition().withType(condition).withStatus("True").endCondition().endStatus();
    }
    return builder.build();
  }
}
