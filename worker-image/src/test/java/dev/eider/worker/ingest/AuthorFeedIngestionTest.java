package dev.eider.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.testkit.bluesky.BlueskyActor;
import dev.eider.testkit.bluesky.BlueskyRateLimits;
import dev.eider.testkit.bluesky.FakeBluesky;
import dev.eider.testkit.bluesky.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ingest author-feed` against the fake Bluesky and the S3 server: paging, retries, incremental runs. */
class AuthorFeedIngestionTest {

  static final String FEED = "app.bsky.feed.getAuthorFeed";

  @TempDir static Path dir;
  static IngestFixture fixture;
  String prefix;

  @BeforeAll
  static void start() {
    fixture = new IngestFixture(FakeBluesky.builder().members(4).feedLength(150).start(), dir);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @BeforeEach
  void isolate() {
    prefix = "t-" + UUID.randomUUID().toString().substring(0, 8);
    fixture.bluesky.faults().clear();
  }

  /** How much later than asked a retry may come on a loaded 2-core machine. */
  static final Duration RETRY_SLACK = Duration.ofSeconds(10);

  @Test
  void everyPageIsStoredOnceInOneObjectExactlyAsReturned() throws Exception {
    BlueskyActor actor = fixture.bluesky.dataset().registerActor(prefix + ".bsky.social", 1234);

    IngestFixture.Run run = fixture.run(fixture.env(prefix), "ingest", "author-feed", "--actor", actor.did());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.result().path("items").asLong()).isEqualTo(1234);
    assertThat(run.result().path("pages").asInt()).isEqualTo(13);
    String key = run.result().path("objectKey").asText();
    assertThat(key).matches(prefix + "/actor-feed-snapshot/\\d{4}-\\d{2}-\\d{2}/did%3Aplc%3A[a-z2-7]+/\\d{8}T\\d{6}Z-[0-9a-f]{8}\\.ndjson\\.gz");
    List<JsonNode> lines = fixture.lines(key);
    assertThat(lines).hasSize(1234);
    assertThat(lines).containsExactlyElementsOf(wholeFeedAsTheApiReturnsIt(actor.did()));
  }

  @Test
  void repliesAndRepostsByOthersAreKeptAsReturned() {
    BlueskyActor actor = fixture.bluesky.dataset().registerActor(prefix + ".bsky.social", 300);

    IngestFixture.Run run = fixture.run(fixture.env(prefix), "ingest", "author-feed", "--actor", actor.handle());

    List<JsonNode> lines = fixture.lines(run.result().path("objectKey").asText());
    assertThat(lines).anySatisfy(line -> {
      assertThat(line.path("reason").path("$type").asText()).isEqualTo("app.bsky.feed.defs#reasonRepost");
      assertThat(line.path("reason").path("by").path("did").asText()).isEqualTo(actor.did());
      assertThat(line.path("post").path("author").path("did").asText()).isNotEqualTo(actor.did());
    });
    assertThat(lines).anySatisfy(line -> assertThat(line.path("reply").path("parent").path("uri").asText()).startsWith("at://"));
  }

  @Test
  void rateLimitedRequestIsRetriedAfterTheServersRetryAfter() {
    BlueskyActor actor = fixture.bluesky.dataset().registerActor(prefix + ".bsky.social", 50);
    fixture.bluesky.faults().forMethod(FEED).rateLimitNext(1, Duration.ofSeconds(1));

    IngestFixture.Run run = fixture.run(fixture.env(prefix), "ingest", "author-feed", "--actor", actor.did());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.result().path("items").asLong()).isEqualTo(50);
    List<RecordedRequest> requests = requestsFor(actor.did());
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).status()).isEqualTo(429);
    // As long as the server asked (not the 50 ms backoff), and not much longer (slack for a loaded machine).
    assertThat(Duration.ofNanos(requests.get(1).arrivedNanos() - requests.get(0).arrivedNanos()))
        .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(1).plus(RETRY_SLACK));
  }

  @Test
  void transientServerErrorsAreRetriedWithBackoff() {
    BlueskyActor actor = fixture.bluesky.dataset().registerActor(prefix + ".bsky.social", 120);
    fixture.bluesky.faults().forMethod(FEED).serverErrorNext(2, 503);

    Map<String, String> env = fixture.env(prefix);
    // 400 ms, doubling: 320-480 ms then 640-960 ms with the 20% jitter, apart even with slack.
    env.put("BLUESKY_BACKOFF_INITIAL_MS", "400");
    env.put("BLUESKY_BACKOFF_MAX_MS", "4000");

    IngestFixture.Run run = fixture.run(env, "ingest", "author-feed", "--actor", actor.did());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.result().path("items").asLong()).isEqualTo(120);
    assertThat(run.result().path("retries").asInt()).isEqualTo(2);
    List<RecordedRequest> requests = requestsFor(actor.did());
    assertThat(requests).extracting(RecordedRequest::status).containsExactly(503, 503, 200, 200);
    long firstWait = requests.get(1).arrivedNanos() - requests.get(0).arrivedNanos();
    long secondWait = requests.get(2).arrivedNanos() - requests.get(1).arrivedNanos();
    // Never sooner than the backoff (less its jitter), later only by the slack of a loaded machine;
    // the second wait's floor is above the first wait's ceiling: the backoff grows.
    assertThat(Duration.ofNanos(firstWait)).isBetween(Duration.ofMillis(320), Duration.ofMillis(480).plus(RETRY_SLACK));
    assertThat(Duration.ofNanos(secondWait)).as("backoff grows").isBetween(Duration.ofMillis(640), Duration.ofMillis(960).plus(RETRY_SLACK));
  }

  @Test
  void persistentServerErrorsFailTheRunAndWriteNothing() {
    BlueskyActor actor = fixture.bluesky.dataset().registerActor(prefix + ".bsky.social", 250);
    fixture.bluesky.faults().forMethod(FEED).serverErrorAlways(502);

    IngestFixture.Run run = fixture.run(fixture.env(prefix), "ingest", "author-feed", "--actor", actor.did());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.RETRYABLE);
    assertThat(run.result().path("error").asText()).contains("getAuthorFeed").contains("502").contains("4 retries");
    assertThat(requestsFor(actor.did())).hasSize(5);
    assertThat(fixture.keys(prefix)).isEmpty();
  }

  @Test
  void failureOnALaterPageLeavesNoPartialObject() {
    BlueskyActor actor = fixture.bluesky.dataset().registerActor(prefix + ".bsky.social", 500);
    Map<String, String> env = fixture.env(prefix);
    env.put("BLUESKY_MAX_RETRIES", "0");
    // The server takes one request, then rate-limits for five minutes: page 1 arrives, page 2 never.
    fixture.bluesky.rateLimits().global(1, Duration.ofMinutes(5));
    try {
      IngestFixture.Run run = fixture.run(env, "ingest", "author-feed", "--actor", actor.did(), "--page-size", "10");

      assertThat(run.exitCode()).isEqualTo(ExitCodes.RETRYABLE);
      // Page 1 was served; page 2 was refused (or, seeing RateLimit-Remaining: 0, never sent).
      List<Integer> statuses = requestsFor(actor.did()).stream().map(RecordedRequest::status).toList();
      assertThat(statuses.get(0)).isEqualTo(200);
      assertThat(statuses.subList(1, statuses.size())).doesNotContain(200);
      assertThat(fixture.keys(prefix)).isEmpty();
    } finally {
      fixture.bluesky.rateLimits().global(BlueskyRateLimits.DEFAULT_GLOBAL_LIMIT, BlueskyRateLimits.DEFAULT_WINDOW);
    }
  }

  @Test
  void incrementalRunFetchesOnlyTheNewPages() {
    BlueskyActor actor = fixture.bluesky.dataset().registerActor(prefix + ".bsky.social", 640);
    Map<String, String> env = fixture.env(prefix);
    String[] args = {"ingest", "author-feed", "--actor", actor.did(), "--mode", "incremental"};

    IngestFixture.Run first = fixture.run(env, args);
    assertThat(first.result().path("items").asLong()).isEqualTo(640);
    assertThat(first.result().path("pages").asInt()).isEqualTo(7);

    fixture.bluesky.dataset().publish(actor, 30);
    int before = requestsFor(actor.did()).size();
    IngestFixture.Run second = fixture.run(env, args);

    assertThat(second.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(second.result().path("items").asLong()).isEqualTo(30);
    assertThat(second.result().path("pages").asInt()).isEqualTo(1);
    assertThat(requestsFor(actor.did()).size() - before).isEqualTo(1);
    List<JsonNode> newItems = fixture.lines(second.result().path("objectKey").asText());
    assertThat(newItems).hasSize(30);
    assertThat(fixture.lines(first.result().path("objectKey").asText()))
        .noneMatch(old -> newItems.stream().anyMatch(n -> n.path("post").path("uri").equals(old.path("post").path("uri"))
            && n.path("reason").equals(old.path("reason"))));

    IngestFixture.Run third = fixture.run(env, args);
    assertThat(third.result().path("items").asLong()).isZero();
    assertThat(third.result().path("objectKey").isNull()).isTrue();
  }

  private List<RecordedRequest> requestsFor(String did) {
    return fixture.bluesky.stats().requests(FEED).stream()
        .filter(r -> did.equals(r.params().get("actor")) || fixture.bluesky.dataset().actor(did).handle().equals(r.params().get("actor")))
        .toList();
  }

  /** The feed paged by hand, independently of the worker's client. */
  private List<JsonNode> wholeFeedAsTheApiReturnsIt(String did) throws Exception {
    List<JsonNode> items = new ArrayList<>();
    String cursor = null;
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    do {
      String url = fixture.bluesky.url() + "/xrpc/" + FEED + "?limit=100&actor=" + did + (cursor == null ? "" : "&cursor=" + cursor);
      JsonNode page = IngestFixture.JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      page.path("feed").forEach(items::add);
      cursor = page.hasNonNull("cursor") ? java.net.URLEncoder.encode(page.get("cursor").asText(), java.nio.charset.StandardCharsets.UTF_8) : null;
    } while (cursor != null);
    return items;
  }
}
