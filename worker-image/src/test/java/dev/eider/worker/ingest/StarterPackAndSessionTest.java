package dev.eider.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.testkit.bluesky.BlueskyActor;
import dev.eider.testkit.bluesky.FakeBluesky;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ingest starter-pack`, and logged-in reads through a PDS that requires a session. */
class StarterPackAndSessionTest {

  static final String HANDLE = "eider-bot.bsky.social";
  static final String PASSWORD = "app-pass-1234";

  @TempDir static Path dir;
  static IngestFixture fixture;
  String prefix;

  @BeforeAll
  static void start() {
    fixture = new IngestFixture(FakeBluesky.builder().members(12).feedLength(60).account(HANDLE, PASSWORD).start(), dir);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @BeforeEach
  void isolate() {
    prefix = "t-" + UUID.randomUUID().toString().substring(0, 8);
    fixture.bluesky.sessions().requireAuth(false);
    fixture.bluesky.stats().reset();
  }

  @Test
  void starterPackMembersAreStoredAndPublishedAsPartitionKeys() {
    String pack = fixture.bluesky.dataset().starterPack().uri();

    IngestFixture.Run run = fixture.run(fixture.env(prefix), "ingest", "starter-pack", "--uri", pack, "--page-size", "5");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.result().path("items").asInt()).isEqualTo(12);
    assertThat(run.result().path("pages").asInt()).isEqualTo(3);
    List<JsonNode> lines = fixture.lines(run.result().path("objectKey").asText());
    assertThat(lines).hasSize(12).allSatisfy(line -> assertThat(line.path("subject").path("did").asText()).startsWith("did:plc:"));
    List<String> expected = lines.stream().map(line -> line.path("subject").path("did").asText()).toList();
    assertThat(run.result().path("partitions")).extracting(JsonNode::asText).containsExactlyElementsOf(expected);
    assertThat(expected).containsExactlyInAnyOrderElementsOf(
        fixture.bluesky.dataset().members().stream().map(BlueskyActor::did).toList());
  }

  @Test
  void oneLoginIsReusedAcrossRunsRefreshedOnExpiryAndRenewedWhenRefreshIsRefused() throws Exception {
    fixture.bluesky.sessions().requireAuth(true);
    BlueskyActor actor = fixture.bluesky.dataset().members().get(0);
    Map<String, String> env = loggedIn();
    String[] args = {"ingest", "author-feed", "--actor", actor.did()};

    assertThat(fixture.run(env, args).exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(fixture.run(env, args).exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(fixture.bluesky.stats().createSessionCount()).as("second run reuses the session").isEqualTo(1);
    Path cache = Path.of(env.get("BLUESKY_SESSION_CACHE"));
    assertThat(Files.getPosixFilePermissions(cache)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(cache)).doesNotContain(PASSWORD);

    fixture.bluesky.sessions().expireAccessTokens();
    assertThat(fixture.run(env, args).exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(fixture.bluesky.stats().refreshSessionCount()).isEqualTo(1);
    assertThat(fixture.bluesky.stats().createSessionCount()).isEqualTo(1);

    fixture.bluesky.sessions().expireAccessTokens();
    fixture.bluesky.sessions().revokeRefreshTokens();
    assertThat(fixture.run(env, args).exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(fixture.bluesky.stats().createSessionCount()).as("login again only when refresh fails").isEqualTo(2);
  }

  @Test
  void readsWithoutASessionAreRefusedByAPdsThatRequiresOne() {
    fixture.bluesky.sessions().requireAuth(true);

    IngestFixture.Run run = fixture.run(fixture.env(prefix), "ingest", "author-feed",
        "--actor", fixture.bluesky.dataset().members().get(0).did());

    assertThat(run.exitCode()).isNotZero();
    assertThat(fixture.keys(prefix)).isEmpty();
  }

  @Test
  void wrongPasswordIsBadInputNamingTheAccount() {
    Map<String, String> env = loggedIn();
    env.put("BLUESKY_APP_PASSWORD", "wrong");

    IngestFixture.Run run = fixture.run(env, "ingest", "author-feed", "--actor", fixture.bluesky.dataset().members().get(0).did());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.result().path("error").asText()).contains(HANDLE).contains("BLUESKY_APP_PASSWORD").doesNotContain("wrong");
  }

  private Map<String, String> loggedIn() {
    Map<String, String> env = fixture.env(prefix);
    env.remove("BLUESKY_APPVIEW_URL");
    env.put("BLUESKY_PDS_URL", fixture.bluesky.url());
    env.put("BLUESKY_IDENTIFIER", HANDLE);
    env.put("BLUESKY_APP_PASSWORD", PASSWORD);
    return env;
  }
}
