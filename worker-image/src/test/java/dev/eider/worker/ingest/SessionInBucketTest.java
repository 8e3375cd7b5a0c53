package dev.eider.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.testkit.bluesky.FakeBluesky;
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
 * Without BLUESKY_SESSION_CACHE the session lives in the run's bucket, so it survives pods: each
 * run here gets a HOME of its own (as each pod gets its own filesystem), and none writes there.
 */
class SessionInBucketTest {

  static final String HANDLE = "session-bot.bsky.social";
  /** sha256 of HANDLE, computed outside Java ({@code printf %s session-bot.bsky.social | sha256sum}). */
  static final String HANDLE_HASH = "42b923c7f96b451a1cf9122e2ffc83a98d1e9f2de21fbe63880967c6ebe68a71";
  static final String PASSWORD = "app-pass-9012";

  @TempDir static Path dir;
  static IngestFixture fixture;
  String prefix;
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
  void isolate() {
    prefix = "t-" + UUID.randomUUID().toString().substring(0, 8);
    args = new String[] {"ingest", "author-feed", "--actor", fixture.bluesky.dataset().members().get(0).did()};
    fixture.bluesky.stats().reset();
  }

  @Test
  void aSecondPodReusesTheSessionTheFirstStoredInTheBucket() throws Exception {
    Path firstHome = Files.createDirectory(dir.resolve(prefix + "-home-1"));
    Path secondHome = Files.createDirectory(dir.resolve(prefix + "-home-2"));

    IngestFixture.Run first = fixture.run(pod(firstHome), args);
    IngestFixture.Run second = fixture.run(pod(secondHome), args);

    assertThat(first.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(second.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(calls()).containsExactly("com.atproto.server.createSession 200",
        "app.bsky.feed.getAuthorFeed 200", "app.bsky.feed.getAuthorFeed 200");
    String key = prefix + "/_eider/bluesky-sessions/" + HANDLE_HASH + ".json";
    assertThat(fixture.keys(prefix)).contains(key);
    JsonNode stored = IngestFixture.JSON.readTree(fixture.s3.getObjectAsBytes(b -> b.bucket(IngestFixture.BUCKET).key(key)).asByteArray());
    assertThat(stored.path("identifier").asText()).isEqualTo(HANDLE);
    assertThat(stored.toString()).doesNotContain(PASSWORD);
    assertThat(first.result().toString()).doesNotContain(stored.path("accessJwt").asText()).doesNotContain(stored.path("refreshJwt").asText());
    try (var files = Files.list(firstHome)) {
      assertThat(files).as("nothing written under HOME").isEmpty();
    }
  }

  @Test
  void aRefusedLoginDeletesTheSessionObject() throws Exception {
    Path home = Files.createDirectory(dir.resolve(prefix + "-home"));
    assertThat(fixture.run(pod(home), args).exitCode()).isEqualTo(ExitCodes.OK);
    String key = prefix + "/_eider/bluesky-sessions/" + HANDLE_HASH + ".json";
    assertThat(fixture.keys(prefix)).contains(key);
    fixture.bluesky.sessions().forgetAllTokens();
    fixture.bluesky.stats().reset();
    Map<String, String> badPassword = pod(home);
    badPassword.put("BLUESKY_APP_PASSWORD", "not-the-password");

    IngestFixture.Run run = fixture.run(badPassword, args);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(calls()).containsExactly("app.bsky.feed.getAuthorFeed 400", "com.atproto.server.refreshSession 400",
        "com.atproto.server.createSession 401");
    assertThat(fixture.keys(prefix)).doesNotContain(key);
  }

  /** A pod's environment: logged in, no session file, its own HOME. */
  private Map<String, String> pod(Path home) {
    Map<String, String> env = fixture.env(prefix);
    env.remove("BLUESKY_SESSION_CACHE");
    env.remove("BLUESKY_APPVIEW_URL");
    env.put("HOME", home.toString());
    env.put("BLUESKY_PDS_URL", fixture.bluesky.url());
    env.put("BLUESKY_IDENTIFIER", HANDLE);
    env.put("BLUESKY_APP_PASSWORD", PASSWORD);
    return env;
  }

  private List<String> calls() {
    return fixture.bluesky.stats().requests().stream().map(r -> r.method() + " " + r.status()).toList();
  }
}
