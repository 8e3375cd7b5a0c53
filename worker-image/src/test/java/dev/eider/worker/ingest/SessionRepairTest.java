package dev.eider.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.testkit.bluesky.FakeBluesky;
import dev.eider.testkit.bluesky.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored session the server no longer accepts is repaired, never kept: refreshed once, else
 * replaced by a new login, else deleted. The fake answers unknown tokens exactly as the PDS does
 * (400 InvalidToken "Token could not be verified"); each test asserts the calls it saw, in order.
 */
class SessionRepairTest {

  static final String HANDLE = "repair-bot.bsky.social";
  static final String PASSWORD = "app-pass-5678";
  static final String FEED = "app.bsky.feed.getAuthorFeed 200";

  @TempDir static Path dir;
  static IngestFixture fixture;
  Map<String, String> env;
  Path cache;
  String[] args;

  @BeforeAll
  static void start() {
    fixture = new IngestFixture(FakeBluesky.builder().members(3).feedLength(20).account(HANDLE, PASSWORD).start(), dir);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @BeforeEach
  void storeAWorkingSession() {
    env = fixture.env("t-" + UUID.randomUUID().toString().substring(0, 8));
    env.remove("BLUESKY_APPVIEW_URL");
    env.put("BLUESKY_PDS_URL", fixture.bluesky.url());
    env.put("BLUESKY_IDENTIFIER", HANDLE);
    env.put("BLUESKY_APP_PASSWORD", PASSWORD);
    cache = Path.of(env.get("BLUESKY_SESSION_CACHE"));
    args = new String[] {"ingest", "author-feed", "--actor", fixture.bluesky.dataset().members().get(0).did()};
    assertThat(fixture.run(env, args).exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(cache).isRegularFile();
    fixture.bluesky.stats().reset();
  }

  @Test
  void anAccessTokenTheServerDoesNotKnowIsRefreshedAndTheRunSucceeds() throws Exception {
    JsonNode before = IngestFixture.JSON.readTree(cache.toFile());
    fixture.bluesky.sessions().forgetAccessTokens();

    IngestFixture.Run run = fixture.run(env, args);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(calls()).containsExactly(
        "app.bsky.feed.getAuthorFeed 400", "com.atproto.server.refreshSession 200", FEED);
    JsonNode after = IngestFixture.JSON.readTree(cache.toFile());
    assertThat(after.path("accessJwt").asText()).isNotEqualTo(before.path("accessJwt").asText());
    assertThat(after.path("refreshJwt").asText()).isNotEqualTo(before.path("refreshJwt").asText());
    assertThat(lastFeedCall().authenticated()).isTrue();
  }

  @Test
  void aRefreshTokenTheServerDoesNotKnowMeansANewLoginThatReplacesTheStoredSession() throws Exception {
    JsonNode before = IngestFixture.JSON.readTree(cache.toFile());
    fixture.bluesky.sessions().forgetAllTokens();

    IngestFixture.Run run = fixture.run(env, args);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(calls()).containsExactly("app.bsky.feed.getAuthorFeed 400", "com.atproto.server.refreshSession 400",
        "com.atproto.server.createSession 200", FEED);
    JsonNode after = IngestFixture.JSON.readTree(cache.toFile());
    assertThat(after.path("refreshJwt").asText()).isNotEqualTo(before.path("refreshJwt").asText());
    assertThat(lastFeedCall().authenticated()).isTrue();

    fixture.bluesky.stats().reset();
    assertThat(fixture.run(env, args).exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(calls()).as("the next run uses the replacement as it is").containsExactly(FEED);
  }

  @Test
  void aRefusedLoginDeletesTheStoredSessionAndFailsAsBadInput() {
    fixture.bluesky.sessions().forgetAllTokens();
    env.put("BLUESKY_APP_PASSWORD", "revoked-app-password");

    IngestFixture.Run run = fixture.run(env, args);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(calls()).containsExactly("app.bsky.feed.getAuthorFeed 400", "com.atproto.server.refreshSession 400",
        "com.atproto.server.createSession 401");
    assertThat(cache).doesNotExist();
    assertThat(run.result().path("error").asText())
        .isEqualTo("Bluesky refused the login of " + HANDLE + " at " + fixture.bluesky.url()
            + ": check BLUESKY_IDENTIFIER and BLUESKY_APP_PASSWORD (Invalid identifier or password)");
  }

  @Test
  void anExpiredAccessTokenIsRefreshedWithoutANewLogin() {
    fixture.bluesky.sessions().expireAccessTokens();

    assertThat(fixture.run(env, args).exitCode()).isEqualTo(ExitCodes.OK);

    assertThat(calls()).containsExactly(
        "app.bsky.feed.getAuthorFeed 400", "com.atproto.server.refreshSession 200", FEED);
  }

  private List<String> calls() {
    return fixture.bluesky.stats().requests().stream().map(r -> r.method() + " " + r.status()).toList();
  }

  private RecordedRequest lastFeedCall() {
    List<RecordedRequest> feed = fixture.bluesky.stats().requests("app.bsky.feed.getAuthorFeed");
    return feed.get(feed.size() - 1);
  }
}
