package dev.eider.operator.asset.run;

import dev.eider.operator.workerjob.FailureReason;
import dev.eider.operator.workerjob.RunOutcome;
import dev.eider.operator.workerjob.RunOutcomes;
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

  /**
   * Results of the worker's shape that publish keys or claim success with something wrong: each is
   * a failed run, InvalidResult, for the reason given (not an earlier, unrelated one).
   */
  @TestFactory
  Stream<DynamicTest> invalidResultsFailTheRun() throws IOException {
    Map<String, String[]> corpus = new LinkedHashMap<>();
    // Bigger than a termination message: refused before anything in it is read.
    corpus.put("10001 keys in a 1 MiB message", new String[] {result("\"items\": 1, \"partitions\": [" + keys(10_001) + "]"),
        "the termination message holds at least"});
    corpus.put("gzip of 20000 keys", new String[] {result("\"items\": 1, \"partitionsGzip\": \""
        + gzipBase64(keys(20_000).replace(",", "\n").replace("\"", "")) + "\""), "the termination message holds at least"});
    corpus.put("gzip bomb of 64 MiB", new String[] {result("\"items\": 1, \"partitionsGzip\": \"" + gzipBase64Zeros(64 << 20) + "\""),
        "the termination message holds at least"});
    corpus.put("keys with NUL", new String[] {result("\"partitions\": [\"did:plc:a\\u0000../../x\"]"), "U+0000"});
    corpus.put("keys with newline", new String[] {result("\"partitions\": [\"did:plc:a\\n--\"]"), "U+000A"});
    corpus.put("keys with RTL override", new String[] {result("\"partitions\": [\"did:plc:\\u202etxt.exe\"]"), "U+202E"});
    corpus.put("key of 4000 characters", new String[] {result("\"partitions\": [\"" + "a".repeat(4000) + "\"]"), "longer than 256"});
    corpus.put("empty key", new String[] {result("\"partitions\": [\"\"]"), "published key 0"});
    corpus.put("number as key", new String[] {result("\"partitions\": [1e999999]"), "partitions holds a number"});
    corpus.put("object as key", new String[] {result("\"partitions\": [{\"$gt\": \"\"}]"), "partitions holds a object"});
    corpus.put("nested lists as keys", new String[] {result("\"partitions\": " + "[".repeat(500) + "\"a\"" + "]".repeat(500)),
        "partitions holds a array"});
    corpus.put("partitions not a list", new String[] {result("\"partitions\": {\"a\": 1}"), "partitions is not a list of keys"});
    corpus.put("gzip bomb within 4 KiB", new String[] {result("\"items\": 1, \"partitionsGzip\": \"" + gzipBase64Zeros(2 << 20) + "\""),
        "partitionsGzip inflates to more than 1048576 bytes"});
    corpus.put("gzip not base64", new String[] {result("\"partitionsGzip\": \"../../etc/passwd\""), "partitionsGzip is not base64"});
    corpus.put("gzip truncated", new String[] {result("\"partitionsGzip\": \"" + gzipBase64("did:plc:a").substring(0, 12) + "\""),
        "partitionsGzip is not gzip data"});
    corpus.put("gzip keys with control chars", new String[] {result("\"partitionsGzip\": \"" + gzipBase64("did:plc:a\ndid:plc:\u0007b\r") + "\""),
        "published key 1"});
    return corpus.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
      RunOutcome outcome = read(0, entry.getValue()[0]);
      assertThat(outcome.kind()).as(entry.getKey()).isEqualTo(RunOutcome.Kind.PERMANENT);
      assertThat(outcome.reason()).as(entry.getKey()).isEqualTo(FailureReason.InvalidResult);
      assertThat(outcome.published()).isNull();
      assertThat(outcome.message()).hasSizeLessThan(2_000).doesNotContain("\u0000").doesNotContain("\u202e").contains(entry.getValue()[1]);
    }));
  }

  /**
   * Messages that are not a result at all. A failed exit stays a failed run, quoting at most one
   * line; exit 0 is a failed run too (InvalidResult); nothing is published either way.
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
        assertThat(outcome.get().materialized()).as(name + ", exit " + exitCode).isFalse();
        if (exitCode == 0) {
          assertThat(outcome.get().reason()).as(name + ", exit 0").isEqualTo(FailureReason.InvalidResult);
        }
      });
    }
    return Stream.of(DynamicTest.dynamicTest("read " + corpus.size() + " messages at 6 exit codes", () -> { }));
  }

  /** Exit 0 with a message that is not a readable result is a failed run (it used to be a success without result). */
  @Test
  void exitZeroWithAnUnreadableMessageIsAnInvalidResult() {
    RunOutcome deep = read(0, "{\"command\": \"x\", \"x\": " + "[".repeat(1_500) + "]".repeat(1_500) + "}");
    RunOutcome control = read(0, "{\"command\": \"x\", \"x\": " + "[".repeat(100) + "]".repeat(100) + "}");

    assertThat(deep.kind()).isEqualTo(RunOutcome.Kind.PERMANENT);
    assertThat(deep.reason()).isEqualTo(FailureReason.InvalidResult);
    assertThat(deep.message()).startsWith("invalid result: the termination message is not JSON: Document nesting depth");
    assertThat(deep.metadata()).isNull();
    assertThat(control.kind()).isEqualTo(RunOutcome.Kind.SUCCEEDED);
  }

  /**
   * A readable result's other fields become status.lastMaterialization.metadata: a forged pod
   * status of 1 MiB would make a status of 1 MiB. It is bigger than any termination message, so
   * it is refused whole and none of it is recorded.
   */
  @Test
  void aForgedMegabyteOfMetadataIsRefused() {
    RunOutcome outcome = read(0, "{\"command\": \"x\", \"items\": 1, \"pad\": \"" + "a".repeat(1 << 20) + "\"}");
    assertThat(outcome.reason()).isEqualTo(FailureReason.InvalidResult);
    assertThat(outcome.metadata()).isNull();
  }

  /** A message of the worker's shape: its command, then {@code fields}. */
  private static String result(String fields) {
    return "{\"command\": \"ingest starter-pack\", " + fields + "}";
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
