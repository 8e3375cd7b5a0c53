package dev.eider.operator.asset.run;

import dev.eider.operator.workerjob.RunOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.CheckResult;
import dev.eider.operator.asset.state.PartitionState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a round of finished runs means for the Asset: newest materialization, checks, published keys. */
class RunResultsTest {

  static final Instant T = Instant.parse("2025-03-10T12:00:00Z");

  @Test
  void newestMaterializationWinsAndFailuresAreIgnored() {
    RunResults results = RunResults.of(List.of(
        finished("a", RunOutcome.Kind.SUCCEEDED, T, null, List.of()),
        finished("b", RunOutcome.Kind.SUCCEEDED, T.plusSeconds(5), null, List.of()),
        finished("c", RunOutcome.Kind.RETRYABLE, T.plusSeconds(9), null, List.of())));

    assertThat(results.latest()).get().satisfies(materialization -> {
      assertThat(materialization.getPartition()).isEqualTo("b");
      assertThat(materialization.getJob()).isEqualTo("job-b");
      assertThat(materialization.getFinishedAt()).isEqualTo("2025-03-10T12:00:05Z");
    });
    assertThat(results.checks()).isEmpty();
  }

  @Test
  void checksComeFromTheNewestRunThatRanThemStampedWithItsEnd() {
    RunResults results = RunResults.of(List.of(
        finished("", RunOutcome.Kind.CHECKS_FAILED, T, null, List.of(check("unique_uri", false))),
        finished("", RunOutcome.Kind.SUCCEEDED, T.plusSeconds(60), null, List.of(check("unique_uri", true))),
        finished("", RunOutcome.Kind.SUCCEEDED, T.plusSeconds(90), null, List.of())));

    assertThat(results.checks()).get().satisfies(checks -> {
      assertThat(checks).extracting(CheckResult::getPassed).containsExactly(true);
      assertThat(checks.get(0).getEvaluatedAt()).isEqualTo("2025-03-10T12:01:00Z");
    });
    assertThat(results.latest()).get().extracting(m -> m.getFinishedAt()).isEqualTo("2025-03-10T12:01:30Z");
  }

  @Test
  void publishedKeysAreKeptByPublishingPartition() {
    RunResults results = RunResults.of(List.of(
        finished("pack-1", RunOutcome.Kind.SUCCEEDED, T, List.of("did:plc:a"), List.of()),
        finished("pack-2", RunOutcome.Kind.SUCCEEDED, T, null, List.of()),
        finished("pack-3", RunOutcome.Kind.PERMANENT, T, List.of("did:plc:x"), List.of())));

    assertThat(results.published()).containsOnlyKeys("pack-1").containsEntry("pack-1", List.of("did:plc:a"));
  }

  static RunObserver.Finished finished(String key, RunOutcome.Kind kind, Instant at, List<String> published, List<CheckResult> checks) {
    RunOutcome outcome = new RunOutcome(kind, "m", null, published, checks, at);
    return new RunObserver.Finished(key, "job-" + key, outcome, PartitionState.never(key));
  }

  static CheckResult check(String name, boolean passed) {
    CheckResult result = new CheckResult();
    result.setName(name);
    result.setPassed(passed);
    return result;
  }
}
