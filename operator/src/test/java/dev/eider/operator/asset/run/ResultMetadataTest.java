package dev.eider.operator.asset.run;

import dev.eider.operator.workerjob.RunOutcomesTest;
import dev.eider.operator.workerjob.RunOutcome;
import dev.eider.operator.workerjob.RunOutcomes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.operator.api.asset.Materialization;
import dev.eider.operator.asset.state.PartitionState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * status.lastMaterialization.metadata holds the worker's result up to 16 KiB, 8 levels and 500
 * entries; beyond, it is left out whole and metadataOmitted says why, while the run still counts.
 */
class ResultMetadataTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void whatTheWorkerWritesIsKeptWhole() throws Exception {
    for (String result : WorkerResultTest.WORKER_RESULTS.values()) {
      Materialization shown = materialization(RunOutcomes.fromTermination(0, result, RunOutcomesTest.AT));

      assertThat(shown.getMetadataOmitted()).as(result).isNull();
      assertThat(shown.getMetadata().path("command").asText()).as(result).isNotEmpty();
    }
  }

  @Test
  void depthIsBoundedAtEightLevels() {
    assertThat(ResultMetadata.problem(nested(8))).isEmpty();
    assertThat(ResultMetadata.problem(nested(9))).contains("the worker's result nests deeper than 8 levels");
  }

  @Test
  void entriesAreBoundedAtFiveHundred() {
    ObjectNode atLimit = JSON.createObjectNode();
    ArrayNode list = atLimit.putArray("x");
    for (int i = 0; i < 499; i++) {
      list.add(i);
    }
    assertThat(ResultMetadata.problem(atLimit)).isEmpty();
    list.add(499);
    assertThat(ResultMetadata.problem(atLimit)).contains("the worker's result has more than 500 fields and list items");
  }

  @Test
  void sizeIsBoundedAtSixteenKibibytes() {
    // {"pad":"..."} is 10 bytes around the text.
    ObjectNode atLimit = JSON.createObjectNode().put("pad", "a".repeat(16 * 1024 - 10));
    assertThat(ResultMetadata.problem(atLimit)).isEmpty();
    atLimit.put("pad", "a".repeat(16 * 1024 - 9));
    assertThat(ResultMetadata.problem(atLimit)).contains("the worker's result is 16385 bytes of JSON, more than the 16384 status holds");
  }

  /** A run whose 4 KiB message nests 900 levels deep: it counts, and its metadata is left out with the reason. */
  @Test
  void aResultBeyondTheLimitsIsLeftOutOfTheStatusAndTheRunStillCounts() {
    String deep = "{\"command\": \"ingest author-feed\", \"items\": 3, \"x\": " + "[".repeat(900) + "]".repeat(900) + "}";
    RunOutcome outcome = RunOutcomes.fromTermination(0, deep, RunOutcomesTest.AT);

    Materialization shown = materialization(outcome);

    assertThat(outcome.kind()).isEqualTo(RunOutcome.Kind.SUCCEEDED);
    assertThat(outcome.message()).isEqualTo("3 items");
    assertThat(shown.getMetadata()).isNull();
    assertThat(shown.getMetadataOmitted()).isEqualTo("the worker's result nests deeper than 8 levels");
  }

  /** Exit 1 with failed checks counts as materialized: its result must be a worker's too, else it is a plain failure. */
  @Test
  void failedChecksAreReadAsStrictlyAsASuccess() {
    String checks = "\"models\": [{\"name\": \"m\", \"rows\": 1}], \"checks\": [{\"name\": \"c\", \"passed\": false}]";
    RunOutcome real = RunOutcomes.fromTermination(1, "{\"command\": \"transform\", \"error\": \"1 check fails the run: c\", " + checks + "}",
        RunOutcomesTest.AT);
    RunOutcome oversized = RunOutcomes.fromTermination(1, "{\"command\": \"transform\", " + checks + ", \"pad\": \""
        + "a".repeat(1 << 20) + "\"}", RunOutcomesTest.AT);

    assertThat(real.kind()).isEqualTo(RunOutcome.Kind.CHECKS_FAILED);
    assertThat(oversized.kind()).isEqualTo(RunOutcome.Kind.RETRYABLE);
    assertThat(oversized.materialized()).isFalse();
    assertThat(oversized.checks()).isEmpty();
  }

  private static Materialization materialization(RunOutcome outcome) {
    return RunResults.of(List.of(new RunObserver.Finished("", "job", outcome, PartitionState.never("")))).latest().orElseThrow();
  }

  /** An object holding objects {@code levels} deep in all. */
  private static JsonNode nested(int levels) {
    ObjectNode root = JSON.createObjectNode().put("command", "x");
    ObjectNode at = root;
    for (int level = 2; level <= levels; level++) {
      at = at.putObject("a");
    }
    return root;
  }
}
