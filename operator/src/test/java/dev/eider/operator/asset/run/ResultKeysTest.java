package dev.eider.operator.asset.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.contract.result.PartitionKeys;
import java.io.IOException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Published keys are read within fixed limits; a result beyond them fails the run as InvalidResult, naming what was wrong. */
class ResultKeysTest {

  static final java.time.Instant AT = RunOutcomesTest.AT;
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void duplicatesAreRemovedInOrder() {
    RunOutcome outcome = RunOutcomes.fromTermination(0, "{\"command\": \"ingest starter-pack\", \"items\": 3, \"partitions\": [\"did:plc:b\", \"did:plc:a\", \"did:plc:b\"]}", AT);
    assertThat(outcome.kind()).isEqualTo(RunOutcome.Kind.SUCCEEDED);
    assertThat(outcome.published()).containsExactly("did:plc:b", "did:plc:a");
  }

  /**
   * Beyond what a 4 KiB termination message can carry (the message is refused first, see
   * WorkerResultTest): the limits still hold for whatever reaches them.
   */
  @Test
  void exactlyTheLimitsArePublished() throws Exception {
    String keys = IntStream.range(0, 10_000).mapToObj(i -> "did:plc:" + "k".repeat(240) + "%05d".formatted(i)).collect(Collectors.joining("\n"));
    assertThat(keys.length()).isGreaterThan(1 << 20);
    String fits = IntStream.range(0, 10_000).mapToObj(i -> "did:plc:%05d".formatted(i)).collect(Collectors.joining("\n"));

    assertThat(PartitionKeys.read(gzipNode(fits))).hasSize(10_000).startsWith("did:plc:00000").endsWith("did:plc:09999");
    assertThatThrownBy(() -> PartitionKeys.read(gzipNode(keys))).hasMessage("partitionsGzip inflates to more than 1048576 bytes");
  }

  @Test
  void aGzipBombIsStoppedAtTheCap() throws IOException {
    // 2 MiB of zeros compress to about 2 KiB: a termination message holds them, inflated they pass the cap.
    String bomb = RunOutcomesTest.gzipBase64("0".repeat(2 << 20));
    assertThat(bomb.length()).isLessThan(4000);
    RunOutcome outcome = RunOutcomes.fromTermination(0, "{\"command\": \"ingest starter-pack\", \"items\": 1, \"partitionsGzip\": \"" + bomb + "\"}", AT);
    assertThat(invalid(outcome)).isEqualTo("invalid result: partitionsGzip inflates to more than 1048576 bytes");
  }

  @Test
  void tooManyKeysFailTheRun() throws Exception {
    String keys = IntStream.range(0, 10_001).mapToObj(i -> "k" + i).collect(Collectors.joining("\n"));
    assertThatThrownBy(() -> PartitionKeys.read(gzipNode(keys))).hasMessage("more than 10000 partition keys published");
    String json = IntStream.range(0, 10_001).mapToObj(i -> "\"k" + i + "\"").collect(Collectors.joining(","));
    assertThatThrownBy(() -> PartitionKeys.read(JSON.readTree("{\"partitions\": [" + json + "]}")))
        .hasMessage("more than 10000 partition keys published");
  }

  @Test
  void malformedKeysFailTheRunNamingTheKey() throws IOException {
    assertThat(invalid(RunOutcomes.fromTermination(0, "{\"command\": \"ingest starter-pack\", \"partitions\": [\"ok\", \"bad\\u0000key\"]}", AT)))
        .isEqualTo("invalid result: published key 1: 'bad\\u0000key' contains the non-printable character U+0000");
    assertThat(invalid(RunOutcomes.fromTermination(0, "{\"command\": \"ingest starter-pack\", \"partitions\": [\"ok\", \"" + "x".repeat(257) + "\"]}", AT)))
        .startsWith("invalid result: published key 1: a key of 257 characters is longer than 256");
    assertThat(invalid(RunOutcomes.fromTermination(0, "{\"command\": \"ingest starter-pack\", \"partitions\": [\"ok\", 7]}", AT)))
        .isEqualTo("invalid result: partitions holds a number, not a key");
    assertThat(invalid(RunOutcomes.fromTermination(0, "{\"command\": \"ingest starter-pack\", \"partitions\": \"ok\"}", AT)))
        .isEqualTo("invalid result: partitions is not a list of keys");
    assertThat(invalid(gzipResult("ok\nbad\tkey"))).isEqualTo("invalid result: published key 1: 'bad\\u0009key' contains the non-printable character U+0009");
  }

  private static JsonNode gzipNode(String lines) throws IOException {
    return JSON.readTree("{\"partitionsGzip\": \"" + RunOutcomesTest.gzipBase64(lines) + "\"}");
  }

  private static RunOutcome gzipResult(String lines) throws IOException {
    return RunOutcomes.fromTermination(0, "{\"command\": \"ingest starter-pack\", \"items\": 1, \"partitionsGzip\": \"" + RunOutcomesTest.gzipBase64(lines) + "\"}", AT);
  }

  private static String invalid(RunOutcome outcome) {
    assertThat(outcome.kind()).isEqualTo(RunOutcome.Kind.PERMANENT);
    assertThat(outcome.reason()).isEqualTo(FailureReason.InvalidResult);
    assertThat(outcome.published()).isNull();
    return outcome.message();
  }
}
