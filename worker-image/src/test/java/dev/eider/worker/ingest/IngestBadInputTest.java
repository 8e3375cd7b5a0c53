package dev.eider.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.contract.exit.ExitCodes;
import dev.eider.testkit.bluesky.BlueskyActor;
import dev.eider.testkit.bluesky.BlueskyFaults;
import dev.eider.testkit.bluesky.FakeBluesky;
import dev.eider.testkit.s3.S3Grant;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input: a one-line error naming the problem, a non-zero exit, nothing written. */
class IngestBadInputTest {

  @TempDir static Path dir;
  static IngestFixture fixture;
  String prefix;
  BlueskyActor actor;

  @BeforeAll
  static void start() {
    fixture = new IngestFixture(FakeBluesky.builder().members(3).feedLength(40).start(), dir);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @BeforeEach
  void isolate() {
    prefix = "t-" + UUID.randomUUID().toString().substring(0, 8);
    fixture.bluesky.faults().clear();
    actor = fixture.bluesky.dataset().members().get(0);
  }

  @Test
  void malformedStarterPackUri() {
    expectFailure(ExitCodes.BAD_INPUT, "is not a starter pack AT-URI", env -> {},
        "ingest", "starter-pack", "--uri", "https://bsky.app/starter-pack/alice/3l7cddlz5ja24");
  }

  @Test
  void malformedDid() {
    expectFailure(ExitCodes.BAD_INPUT, "'did:plc' is neither a DID", env -> {}, "ingest", "author-feed", "--actor", "did:plc");
  }

  @Test
  void unknownActor() {
    expectFailure(ExitCodes.BAD_INPUT, "Profile not found", env -> {}, "ingest", "author-feed", "--actor", "nobody.bsky.social");
  }

  @Test
  void unknownStarterPack() {
    expectFailure(ExitCodes.BAD_INPUT, "Starter pack not found", env -> {},
        "ingest", "starter-pack", "--uri", "at://did:plc:aaaaaaaaaaaaaaaaaaaaaaaa/app.bsky.graph.starterpack/3zzzzzzzzzzzz");
  }

  @Test
  void truncatedJsonResponse() {
    fixture.bluesky.faults().forMethod("app.bsky.feed.getAuthorFeed").malformedNext(1);
    expectFailure(ExitCodes.FAILED, "not valid JSON", env -> {}, "ingest", "author-feed", "--actor", actor.did());
  }

  @Test
  void responseWithoutItsFeed() {
    fixture.bluesky.faults().forMethod("app.bsky.feed.getAuthorFeed").malformedNext(1, BlueskyFaults.Malformation.MISSING_FIELDS);
    expectFailure(ExitCodes.FAILED, "no 'feed' array", env -> {}, "ingest", "author-feed", "--actor", actor.did());
  }

  @Test
  void missingStorageCredentials() {
    expectFailure(ExitCodes.BAD_INPUT, "AWS_SECRET_ACCESS_KEY is not set", env -> env.remove("AWS_SECRET_ACCESS_KEY"),
        "ingest", "author-feed", "--actor", actor.did());
  }

  @Test
  void missingBucket() {
    expectFailure(ExitCodes.BAD_INPUT, "EIDER_BUCKET is not set", env -> env.remove("EIDER_BUCKET"),
        "ingest", "author-feed", "--actor", actor.did());
  }

  @Test
  void bucketThatDoesNotExist() {
    expectFailure(ExitCodes.BAD_INPUT, "bucket 'no-such-bucket' does not exist", env -> env.put("EIDER_BUCKET", "no-such-bucket"),
        "ingest", "author-feed", "--actor", actor.did());
  }

  @Test
  void storageCredentialsWithTheWrongSecret() {
    expectFailure(ExitCodes.BAD_INPUT, "is denied: check the credentials", env -> env.put("AWS_SECRET_ACCESS_KEY", "not-the-secret"),
        "ingest", "author-feed", "--actor", actor.did());
  }

  /** A key that may read the bucket but not write this prefix: the write is refused by the storage, and not retried. */
  @Test
  void storageCredentialsThatMayNotWriteThePrefix() {
    String readOnlyKey = "read-only-" + prefix;
    fixture.s3Server.addCredential(readOnlyKey, "read-only-secret", List.of(S3Grant.read(IngestFixture.BUCKET, "")));

    expectFailure(ExitCodes.BAD_INPUT, "access denied (403 AccessDenied), check the credentials", env -> {
      env.put("AWS_ACCESS_KEY_ID", readOnlyKey);
      env.put("AWS_SECRET_ACCESS_KEY", "read-only-secret");
    }, "ingest", "author-feed", "--actor", actor.did());
    assertThat(fixture.s3Server.refusals()).as("the write was attempted, and refused")
        .anySatisfy(refusal -> {
          assertThat(refusal.accessKey()).isEqualTo(readOnlyKey);
          assertThat(refusal.operation()).isEqualTo("PutObject");
          assertThat(refusal.key()).startsWith(prefix + "/");
        });
  }

  @Test
  void unreachableObjectStorage() {
    expectFailure(ExitCodes.RETRYABLE, "is unreachable", env -> env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
        "ingest", "author-feed", "--actor", actor.did());
  }

  @Test
  void unreachableBluesky() {
    expectFailure(ExitCodes.RETRYABLE, "cannot reach http://127.0.0.1:9", env -> {
      env.put("BLUESKY_APPVIEW_URL", "http://127.0.0.1:9");
      env.put("BLUESKY_MAX_RETRIES", "1");
    }, "ingest", "author-feed", "--actor", actor.did());
  }

  @Test
  void halfTheLoginCredentials() {
    expectFailure(ExitCodes.BAD_INPUT, "set both BLUESKY_IDENTIFIER and BLUESKY_APP_PASSWORD", env -> env.put("BLUESKY_IDENTIFIER", "a.bsky.social"),
        "ingest", "author-feed", "--actor", actor.did());
  }

  private void expectFailure(int exitCode, String message, Consumer<Map<String, String>> change, String... args) {
    Map<String, String> env = fixture.env(prefix);
    change.accept(env);

    IngestFixture.Run run = fixture.run(env, args);

    assertThat(run.exitCode()).isEqualTo(exitCode);
    assertThat(run.result().path("error").asText()).contains(message).doesNotContain("\n");
    assertThat(run.result().path("exitCode").asInt()).isEqualTo(exitCode);
    assertThat(fixture.keys(prefix)).as("nothing written").isEmpty();
  }
}
