package dev.eider.operator.asset.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Published keys are read within fixed limits; a result beyond them fails the run as InvalidResult, naming what was wrong. */
class ResultKeysTest {

  static final java.time.Instant AT = RunOutcomesTest.AT;

  @Test
  void duplicatesAreRemovedInOrder() {
    RunOutcome outcome = RunOutcomes.fromTermination(0, "{\"items\": 3, \"partitions\": [\"did:plc:b\", \"did:plc:a\", \"did:plc:b\"]}", AT);
    assertThat(outcome.kind()).isEqualTo(RunOutcome.Kind.SUCCEEDED);
    assertThat(outcome.published()).containsExactly("did:plc:b", "did:plc:a");
  }

  @Test
  void exactlyTheLimitsArePublished() throws IOException {
    String keys = IntStream.range(0, 10_000).mapToObj(i -> "did:plc:" + "k".repeat(240) + "%05d".formatted(i)).collect(Collectors.joining("\n"));
    assertThat(keys.length()).isGreaterThan(1 << 20);
    String fits = IntStream.range(0, 10_000).mapToObj(i -> "did:plc:%05d".formatted(i)).collect(Collectors.joining("\n"));

    RunOutcome outcome = gzipResult(fits);

    assertThat(outcome.kind()).isEqualTo(RunOutcome.Kind.SUCCEEDED);
    assertThat(outcome.published()).hasSize(10_000).startsWith("did:plc:00000").endsWith("did:plc:09999");
    assertThat(invalid(gzipResult(keys))).isEqualTo("invalid result: partitionsGzip inflates to more than 1048576 bytes");
  }

  @Test
  void aGzipBombIsStoppedAtTheCap() throws IOException {
    // 64 MiB of zeros compress to about 64 KiB: far more than the cap once inflated.
    String bomb = RunOutcomesTest.gzipBase64("0".repeat(64 << 20));
    RunOutcome outcome = RunOutcomes.fromTermination(0, "{\"items\": 1, \"partitionsGzip\": \"" + bomb + "\"}", AT);
    assertThat(invalid(outcome)).isEqualTo("invalid result: partitionsGzip inflates to more than 1048576 bytes");
  }

  @Test
  void tooManyKeysFailTheRun() throws IOException {
    String keys = IntStream.range(0, 10_001).mapToObj(i -> "k" + i).collect(Collectors.joining("\n"));
    assertThat(invalid(gzipResult(keys))).isEqualTo("invalid result: more than 10000 partition keys published");
    String json = IntStream.range(0, 10_001).mapToObj(i -> "\"k" + i + "\"").collect(Collectors.joining(","));
    assertThat(invalid(RunOutcomes.fromTermination(0, "{\"partitions\": [" + json + "]}", AT)))
        .isEqualTo("invalid result: more than 10000 partition keys published");
  }

  @Test
  void malformedKeysFailTheRunNamingTheKey() throws IOException {
    assertThat(invalid(RunOutcomes.fromTermination(0, "{\"partitions\": [\"ok\", \"bad\\u0000key\"]}", AT)))
        .isEqualTo("invalid result: published key 1: 'bad\\u0000key' contains the non-printable character U+0000");
    assertThat(invalid(RunOutcomes.fromTermination(0, "{\"partitions\": [\"ok\", \"" + "x".repeat(257) + "\"]}", AT)))
        .startsWith("invalid result: published key 1: a key of 257 characters is longer than 256");
    assertThat(invalid(RunOutcomes.fromTermination(0, "{\"partitions\": [\"ok\", 7]}", AT)))
        .isEqualTo("invalid result: partitions holds a number, not a key");
    assertThat(invalid(RunOutcomes.fromTermination(0, "{\"partitions\": \"ok\"}", AT)))
        .isEqualTo("invalid result: partitions is not a list of keys");
    assertThat(invalid(gzipResult("ok\nbad\tkey"))).isEqualTo("invalid result: published key 1: 'bad\\u0009key' contains the non-printable character U+0009");
  }

  private static RunOutcome gzipResult(String lines) throws IOException {
    return RunOutcomes.fromTermination(0, "{\"items\": 1, \"partitionsGzip\": \"" + RunOutcomesTest.gzipBase64(lines) + "\"}", AT);
  }

  private static String invalid(RunOutcome outcome) {
    assertThat(outcome.kind()).isEqualTo(RunOutcome.Kind.PERMANENT);
    assertThat(outcome.reason()).isEqualTo(FailureReason.InvalidResult);
    assertThat(outcome.published()).isNull();
    return outcome.message();
  }
}
