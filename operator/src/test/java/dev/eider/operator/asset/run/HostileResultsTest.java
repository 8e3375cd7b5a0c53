package dev.eider.operator.asset.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import java.util.stream.Stream;

/**
 * Forged and oversized termination messages: a pod's status can be written by anyone who can patch
 * pods, not only by the kubelet (which caps the message at 4 KiB), so the operator reads it as
 * hostile input. Whatever it holds, reading it never throws and never publishes a key it refuses.
 */
class HostileResultsTest {

  static final Instant AT = Instant.parse("2025-03-10T12:00:00Z");

  /** Results that publish keys or claim success with something wrong: each is a failed run, InvalidResult. */
  @TestFactory
  Stream<DynamicTest> invalidResultsFailTheRun() throws IOException {
    Map<String, String> corpus = new LinkedHashMap<>();
    corpus.put("10001 keys in a 1 MiB message", "{\"items\": 1, \"partitions\": [" + keys(10_001) + "]}");
    corpus.put("keys with NUL", "{\"partitions\": [\"did:plc:a\\u0000../../x\"]}");
    corpus.put("keys with newline", "{\"partitions\": [\"did:plc:a\\n--\"]}");
    corpus.put("keys with RTL override", "{\"partitions\": [\"did:plc:\\u202etxt.exe\"]}");
    corpus.put("key of 4 KiB", "{\"partitions\": [\"" + "a".repeat(4096) + "\"]}");
    corpus.put("empty key", "{\"partitions\": [\"\"]}");
    corpus.put("number as key", "{\"partitions\": [1e999999]}");
    corpus.put("object as key", "{\"partitions\": [{\"$gt\": \"\"}]}");
    corpus.put("nested lists as keys", "{\"partitions\": " + "[".repeat(500) + "\"a\"" + "]".repeat(500) + "}");
    corpus.put("partitions not a list", "{\"partitions\": {\"a\": 1}}");
    corpus.put("gzip bomb", "{\"items\": 1, \"partitionsGzip\": \"" + gzipBase64Zeros(64 << 20) + "\"}");
    corpus.put("gzip of 20000 keys", "{\"items\": 1, \"partitionsGzip\": \"" + gzipBase64(keys(20_000).replace(",", "\n").replace("\"", "")) + "\"}");
    corpus.put("gzip not base64", "{\"partitionsGzip\": \"../../etc/passwd\"}");
    corpus.put("gzip truncated", "{\"partitionsGzip\": \"" + gzipBase64("did:plc:a").substring(0, 12) + "\"}");
    corpus.put("gzip keys with control chars", "{\"partitionsGzip\": \"" + gzipBase64("did:plc:a\ndid:plc:\u0007b\r") + "\"}");
    return corpus.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
      RunOutcome outcome = read(0, entry.getValue());
      assertThat(outcome.kind()).as(entry.getKey()).isEqualTo(RunOutcome.Kind.PERMANENT);
      assertThat(outcome.reason()).as(entry.getKey()).isEqualTo(FailureReason.InvalidResult);
      assertThat(outcome.published()).isNull();
      assertThat(outcome.message()).hasSizeLessThan(2_000).doesNotContain("\u0000").doesNotContain("\u202e");
    }));
  }

  /**
   * Messages that are not a result at all. A failed exit stays a failed run, quoting at most one
   * line; nothing is published either way.
   */
  @TestFactory
  Stream<DynamicTest> unreadableMessagesNeverThrowNorPublish() {
    Map<String, String> corpus = new LinkedHashMap<>();
    corpus.put("1 MiB of garbage", "x".repeat(1 << 20));
    corpus.put("invalid JSON", "{\"partitions\": [\"did:plc:a\"");
    corpus.put("JSON array", "[\"did:plc:a\"]");
    corpus.put("number of 2000 digits", "{\"items\": " + "9".repeat(2000) + ", \"partitions\": [\"did:plc:a\"]}");
    corpus.put("10k-deep JSON", "{\"partitions\": [\"did:plc:a\"], \"x\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}");
    corpus.put("10k-deep objects", "{\"partitions\": [\"did:plc:a\"], \"x\": " + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}");
    corpus.put("string over Jackson's 20M characters", "{\"partitions\": [\"did:plc:a\"], \"x\": \"" + "a".repeat(20_000_001) + "\"}");
    corpus.put("NUL and newlines", "\u0000{\n\"error\": \"boom\"\r\n}\u0000");
    corpus.put("duplicate keys", "{\"partitions\": [\"did:plc:a\"], \"partitions\": 5}");
    for (int exitCode : new int[] {0, 1, 2, 3, -1, Integer.MAX_VALUE}) {
      corpus.forEach((name, message) -> {
        AtomicReference<RunOutcome> outcome = new AtomicReference<>();
        assertThatCode(() -> outcome.set(read(exitCode, message))).as(name + ", exit " + exitCode).doesNotThrowAnyException();
        assertThat(outcome.get().published()).as(name + ", exit " + exitCode).isNull();
        assertThat(outcome.get().message()).as(name + ", exit " + exitCode).hasSizeLessThan(1_000);
        if (exitCode != 0) {
          assertThat(outcome.get().materialized()).as(name + ", exit " + exitCode).isFalse();
        }
      });
    }
    return Stream.of(DynamicTest.dynamicTest("read " + corpus.size() + " messages at 6 exit codes", () -> { }));
  }

  /**
   * KNOWN GAP, recorded, not fixed here (RunOutcomes is outside this change): exit 0 with a message
   * that is not a readable result (invalid JSON, numbers over Jackson's 1000 digits, nesting over its
   * depth of 1000) is a success without result, not an InvalidResult. Nothing is published, so no
   * downstream partition or Job follows from it; the asset shows a materialization without metadata.
   */
  @Test
  void knownGapExitZeroWithAnUnreadableMessageIsASuccessWithoutResult() {
    RunOutcome deep = read(0, "{\"partitions\": [\"did:plc:a\"], \"x\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}");
    assertThat(deep.kind()).isEqualTo(RunOutcome.Kind.SUCCEEDED);
    assertThat(deep.reason()).isNotEqualTo(FailureReason.InvalidResult);
    assertThat(deep.published()).isNull();
    assertThat(deep.metadata()).isNull();
  }

  /**
   * KNOWN GAP: a readable result's other fields are copied into status.lastMaterialization.metadata
   * unbounded; a forged pod status of ~1 MiB makes a status of ~1 MiB (the API server's own limit,
   * about 1.5 MiB per object, is the only cap).
   */
  @Test
  void knownGapMetadataOfAReadableResultIsNotBounded() {
    RunOutcome outcome = read(0, "{\"items\": 1, \"pad\": \"" + "a".repeat(1 << 20) + "\"}");
    assertThat(outcome.kind()).isEqualTo(RunOutcome.Kind.SUCCEEDED);
    assertThat(outcome.metadata().path("pad").asText()).hasSize(1 << 20);
  }

  private static RunOutcome read(int exitCode, String message) {
    return RunOutcomes.fromTermination(exitCode, message, AT);
  }

  private static String keys(int count) {
    StringBuilder keys = new StringBuilder();
    for (int i = 0; i < count; i++) {
      keys.append(i == 0 ? "" : ",").append("\"did:plc:k").append(i).append('"');
    }
    return keys.toString();
  }

  static String gzipBase64(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  private static String gzipBase64Zeros(int size) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      byte[] zeros = new byte[1 << 16];
      for (int written = 0; written < size; written += zeros.length) {
        gzip.write(zeros);
      }
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }
}
