package dev.eider.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eider.testkit.bluesky.BlueskyActor;
import dev.eider.testkit.bluesky.FakeBluesky;
import dev.eider.worker.WorkerMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
    JsonNode result = IngestFixture.readTermination(env);
    assertThat(result.path("items").asLong()).isEqualTo(200_000);
    assertThat(result.path("pages").asInt()).isEqualTo(2000);
    assertThat(fixture.keys(prefix)).hasSize(2); // the object and the checkpoint
  }

  @Test
  void killedRunLeavesNoObjectAndNoCheckpoint() throws Exception {
    String prefix = "kill-" + UUID.randomUUID().toString().substring(0, 6);
    BlueskyActor actor = fixture.bluesky.dataset().registerActor(prefix + ".bsky.social", 5_000);
    fixture.bluesky.faults().forMethod("app.bsky.feed.getAuthorFeed").delay(Duration.ofMillis(100));
    try {
      Process process = worker(fixture.env(prefix), "ingest", "author-feed", "--actor", actor.did(), "--mode", "incremental");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (fixture.bluesky.stats().requests("app.bsky.feed.getAuthorFeed").stream()
          .filter(r -> actor.did().equals(r.params().get("actor"))).count() < 5 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

      assertThat(fixture.keys(prefix)).isEmpty();
    } finally {
      fixture.bluesky.faults().clear();
    }
  }

  private static Process worker(Map<String, String> env, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    return builder.start();
  }
}
