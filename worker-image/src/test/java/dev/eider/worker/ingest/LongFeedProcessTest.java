package dev.eider.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eider.testkit.bluesky.BlueskyActor;
import dev.eider.testkit.bluesky.FakeBluesky;
import dev.eider.worker.WorkerMain;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import dev.eider.worker.storage.ObjectUpload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker as its own process, as a pod runs it: bounded memory on a long feed, and a kill mid-run. */
class LongFeedProcessTest {

  @TempDir static Path dir;
  static IngestFixture fixture;

  @BeforeAll
  static void start() {
    fixture = new IngestFixture(FakeBluesky.builder().members(2).feedLength(10).start(), dir);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void feedOf200000ItemsIsIngestedIn128MegabytesOfHeap() throws Exception {
    String prefix = "big-" + UUID.randomUUID().toString().substring(0, 6);
    BlueskyActor actor = fixture.bluesky.dataset().registerActor(prefix + ".bsky.social", 200_000);
    Map<String, String> env = fixture.env(prefix);
    env.put("BLUESKY_RATE_LIMIT", "100000/60s");

    Process process = worker(env, "ingest", "author-feed", "--actor", actor.did());

    assertThat(process.waitFor(8, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output(env)).isZero();
    JsonNode result = IngestFixture.readTermination(env);
    assertThat(result.path("items").asLong()).isEqualTo(200_000);
    assertThat(result.path("pages").asInt()).isEqualTo(2000);
    assertThat(fixture.keys(prefix)).hasSize(2); // the object and the checkpoint
    // The object itself, read back and counted here, not the worker's own count: every item once.
    String objectKey = result.path("objectKey").asText();
    assertThat(fixture.keys(prefix)).contains(objectKey);
    long[] count = {0};
    Set<Long> distinct = new HashSet<>();
    fixture.eachLine(objectKey, item -> {
      count[0]++;
      assertThat(item.path("post").path("uri").asText()).startsWith("at://did:");
      distinct.add(fingerprint(item.toString()));
    });
    assertThat(count[0]).isEqualTo(200_000);
    assertThat(distinct).as("distinct items (no page stored twice)").hasSize(200_000);
    assertThat(result.path("bytes").asLong()).as("more than one 8 MiB part").isGreaterThan(ObjectUpload.PART_SIZE);
    assertThat(fixture.unfinishedUploads(prefix)).isEmpty();
  }

  /**
   * Kubernetes stops a pod with SIGTERM (pod deleted, Job deadline passed). Stopped after its first
   * part is stored, the run leaves nothing: no object, no checkpoint, no unfinished upload. The
   * worker is seen alive and uploading first, so a worker that died at start cannot pass.
   */
  @Test
  void runStoppedAfterItsFirstPartLeavesNoObjectNoCheckpointAndNoUnfinishedUpload() throws Exception {
    String prefix = "stop-" + UUID.randomUUID().toString().substring(0, 6);
    BlueskyActor actor = fixture.bluesky.dataset().registerActor(prefix + ".bsky.social", 400_000);
    Map<String, String> env = fixture.env(prefix);
    env.put("BLUESKY_RATE_LIMIT", "100000/60s");
    Process process = worker(env, "ingest", "author-feed", "--actor", actor.did(), "--mode", "incremental");
    try {
      await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
          .until(() -> !process.isAlive() || fixture.uploadedParts(prefix) >= 1);
      assertThat(process.isAlive()).as("the worker is still running when it is stopped").isTrue();
      assertThat(fixture.uploadedParts(prefix)).as("parts stored before the stop").isGreaterThanOrEqualTo(1);
      assertThat(fixture.keys(prefix)).as("no object before the run commits").isEmpty();

      process.destroy(); // SIGTERM, as the kubelet sends it

      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = output(env);
      assertThat(output).as("the worker says what it aborted").contains("aborted the unfinished upload of " + prefix + "/");
      assertThat(fixture.unfinishedUploads(prefix)).as(output).isEmpty();
      assertThat(fixture.keys(prefix)).isEmpty();
    } finally {
      process.destroyForcibly();
    }
  }

  /** A SIGKILL runs no hook: the unfinished upload stays, which is why it is the lifecycle rule's job. */
  @Test
  void runKilledAfterItsFirstPartLeavesNoObjectAndNoCheckpoint() throws Exception {
    String prefix = "kill-" + UUID.randomUUID().toString().substring(0, 6);
    BlueskyActor actor = fixture.bluesky.dataset().registerActor(prefix + ".bsky.social", 400_000);
    Map<String, String> env = fixture.env(prefix);
    env.put("BLUESKY_RATE_LIMIT", "100000/60s");
    Process process = worker(env, "ingest", "author-feed", "--actor", actor.did(), "--mode", "incremental");
    try {
      await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
          .until(() -> !process.isAlive() || fixture.uploadedParts(prefix) >= 1);
      assertThat(process.isAlive()).as("the worker is still running when it is killed").isTrue();

      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

      assertThat(fixture.keys(prefix)).isEmpty();
      assertThat(fixture.unfinishedUploads(prefix)).as("what a bucket lifecycle rule has to clean").hasSize(1);
    } finally {
      process.destroyForcibly();
      fixture.abortUnfinishedUploads(prefix);
    }
  }

  /** 64 bits of the SHA-256 of a line: 200,000 of them fit in memory, and collide about never. */
  private static long fingerprint(String line) {
    try {
      return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8))).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path outputFile(Map<String, String> env) {
    return dir.resolve(env.get("EIDER_PREFIX") + "-output.txt");
  }

  private static String output(Map<String, String> env) throws java.io.IOException {
    return java.nio.file.Files.readString(outputFile(env));
  }

  private static Process worker(Map<String, String> env, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName()));
    command.addAll(List.of(args));
    // To a file: destroying a process closes its pipes, and the output is wanted after the stop.
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(outputFile(env).toFile());
    builder.environment().putAll(env);
    return builder.start();
  }
}
