package dev.eider.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.contract.result.PartitionKeys;
import dev.eider.contract.result.ResultFields;
import dev.eider.contract.result.ResultReader;
import dev.eider.worker.ingest.IngestRun;
import dev.eider.worker.ingest.PublishedKeys;
import dev.eider.worker.run.TerminationMessage;
import dev.eider.worker.run.WorkerFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker writes a result as an ingestion does (keys published, then the run's tags, then the
 * termination message file); the operator's reader, the contract's {@link ResultReader} and
 * {@link PartitionKeys}, reads that file back. Expected values are literals, not what the writer
 * was given run through the reader's own code.
 */
class ResultRoundTripTest {

  private static final IngestRun RUN = new IngestRun(null, "members", "at://did:plc:abc/app.bsky.graph.starterpack/3k",
      Instant.parse("2025-03-10T11:00:00Z"), "20250310T110000Z-00ff");

  @TempDir Path dir;

  /** Keys the reader would refuse fail the run in the worker, naming the key: a line break, a zero-width space, a bidi override. */
  @Test
  void keysTheReaderWouldRefuseFailTheRunInTheWorker() {
    for (String[] bad : new String[][] {{"two\nlines", "'two\\u000alines' contains the non-printable character U+000A"},
        {"a\u200Bb", "'a\\u200bb' contains the non-printable character U+200B"},
        {"\u202Eevil", "'\\u202eevil' contains the non-printable character U+202E"}}) {
      assertThatThrownBy(() -> PublishedKeys.put(ResultMessageFixture.result(), List.of("ok", bad[0])))
          .isInstanceOf(WorkerFailure.class).hasMessage("cannot publish the partition keys: partition key 1: " + bad[1])
          .extracting(e -> ((WorkerFailure) e).exitCode()).isEqualTo(ExitCodes.FAILED);
    }
  }

  @Test
  void aListOfKeysRoundTrips() throws Exception {
    List<String> keys = List.of("did:plc:a,did:plc:b", "ü-ñ-日本語-🦆", "\"quoted\" \\ back\\slash", "\"]}, {\"command\": \"x\"",
        "k".repeat(256), "did:plc:a,did:plc:b");
    ObjectNode result = ResultMessageFixture.result();
    PublishedKeys.put(result, keys);

    String message = written(result);

    ObjectNode read = ResultReader.success(message);
    assertThat(read.has(ResultFields.PARTITIONS)).isTrue();
    assertThat(PartitionKeys.read(read)).containsExactly("did:plc:a,did:plc:b", "ü-ñ-日本語-🦆", "\"quoted\" \\ back\\slash",
        "\"]}, {\"command\": \"x\"", "k".repeat(256));
    assertThat(read.path("command").asText()).isEqualTo("ingest starter-pack");
    assertThat(read.path("items").asLong()).isEqualTo(150);
    assertThat(read.path("asset").asText()).isEqualTo("members");
    assertThat(read.path("partition").asText()).isEqualTo("at://did:plc:abc/app.bsky.graph.starterpack/3k");
    assertThat(read.path("runId").asText()).isEqualTo("20250310T110000Z-00ff");
  }

  /**
   * 150 DIDs of 32 characters: 5.4 KB as a list, so they go gzipped, within 4 KiB, and every key
   * comes back in order.
   */
  @Test
  void aStarterPacksMembersGoGzippedAndRoundTrip() throws Exception {
    List<String> members = IntStream.range(0, 150).mapToObj(i -> "did:plc:%024d".formatted(i)).toList();
    ObjectNode result = ResultMessageFixture.result();
    PublishedKeys.put(result, members);

    String message = written(result);

    assertThat(message.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096).isGreaterThan(200);
    ObjectNode read = ResultReader.success(message);
    assertThat(read.has(ResultFields.PARTITIONS)).isFalse();
    List<String> keys = PartitionKeys.read(read);
    assertThat(keys).hasSize(150);
    assertThat(keys.get(0)).isEqualTo("did:plc:000000000000000000000000");
    assertThat(keys.get(77)).isEqualTo("did:plc:000000000000000000000077");
    assertThat(keys.get(149)).isEqualTo("did:plc:000000000000000000000149");
  }

  /**
   * Keys that fit as a list until the run's tags are added: the ingestion chooses the encoding
   * again last, so the result is gzipped instead of refused for 4097 bytes or more.
   */
  @Test
  void keysThatStopFittingOnceTheRunIsTaggedAreGzipped() throws Exception {
    ObjectNode result = ResultMessageFixture.result();
    List<String> keys = fillingKeys(result);
    PublishedKeys.put(result, keys);
    assertThat(result.has(ResultFields.PARTITIONS)).as("fits as a list before the tags").isTrue();

    // The positive control: tagged without choosing again, the result no longer fits.
    ObjectNode naive = result.deepCopy().put("asset", RUN.asset()).put("partition", RUN.partition()).put("runId", RUN.runId());
    assertThatThrownBy(() -> new TerminationMessage(dir.resolve("naive")).write(naive))
        .isInstanceOf(WorkerFailure.class).hasMessageContaining("exceeds the 4096-byte termination message");

    String message = written(result);
    ObjectNode read = ResultReader.success(message);
    assertThat(read.has(ResultFields.PARTITIONS_GZIP)).isTrue();
    assertThat(PartitionKeys.read(read)).isEqualTo(keys);
  }

  /** More keys than even gzip fits in 4 KiB: the run fails (exit 1) rather than publishing a cut list. */
  @Test
  void keysBeyondWhatTheMessageHoldsFailTheRun() {
    // Random keys do not compress: 2,000 of 24 random hex digits gzip to about 24 KB.
    java.util.Random random = new java.util.Random(42);
    List<String> keys = IntStream.range(0, 2_000).mapToObj(i -> "did:plc:%016x%08x".formatted(random.nextLong(), random.nextInt())).toList();
    ObjectNode result = ResultMessageFixture.result();
    PublishedKeys.put(result, keys);
    Path file = dir.resolve("termination-log");
    assertThatThrownBy(() -> IngestionContext.report(new TerminationMessage(file), RUN, result, "members"))
        .isInstanceOf(WorkerFailure.class).hasMessageStartingWith("result of ")
        .hasMessageEndingWith(" bytes exceeds the 4096-byte termination message")
        .extracting(e -> ((WorkerFailure) e).exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(file).doesNotExist();
  }

  @Test
  void aFailureIsOneBoundedLineTheReaderDoesNotTakeForASuccess() throws Exception {
    Path file = dir.resolve("termination-log");
    new TerminationMessage(file).writeFailure("getList failed:\n" + "x".repeat(10_000), ExitCodes.RETRYABLE);
    String message = Files.readString(file);
    assertThat(message.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096).isGreaterThan(3000);
    assertThat(message).startsWith("{\"error\":\"getList failed: xxx").endsWith("...\",\"exitCode\":3}").doesNotContain("\n");
    assertThatThrownBy(() -> ResultReader.success(message)).hasMessage("command is missing: every worker result names its command");
    assertThat(ResultReader.checksFailed(message)).isEqualTo(Optional.empty());
  }

  /** Writes {@code result} as an ingestion reports it, and returns the file's text. */
  private String written(ObjectNode result) throws Exception {
    Path file = dir.resolve("termination-log");
    assertThat(IngestionContext.report(new TerminationMessage(file), RUN, result, "members")).isEqualTo(ExitCodes.OK);
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** Keys of 20 characters, as many as fit as a list with less than 100 bytes to spare. */
  private static List<String> fillingKeys(ObjectNode base) {
    List<String> keys = new java.util.ArrayList<>();
    while (true) {
      keys.add("key-%016d".formatted(keys.size()));
      ObjectNode probe = base.deepCopy();
      probe.putArray(ResultFields.PARTITIONS).addAll(keys.stream().map(probe::textNode).toList());
      if (4096 - probe.toString().getBytes(StandardCharsets.UTF_8).length < 30) {
        return keys;
      }
    }
  }

  /** A starter-pack ingestion's result before its keys and tags, as StarterPackIngestion builds it. */
  static final class ResultMessageFixture {
    static ObjectNode result() {
      return TerminationMessage.newResult("ingest starter-pack")
          .put("starterPack", "at://did:plc:abc/app.bsky.graph.starterpack/3k")
          .put("name", "Ducks")
          .put("list", "at://did:plc:abc/app.bsky.graph.list/3l")
          .put("items", 150)
          .put("pages", 2)
          .put("retries", 0)
          .put("objectKey", "raw/members/2025-03-10/x/20250310T110000Z-00ff.ndjson.gz")
          .put("bytes", 12_345);
    }
  }
}
