package dev.eider.testkit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A LocalS3 with a read cache answers exactly as S3Mock would: a repeated GET comes from memory
 * (counted), and anything that changes an object is seen by the next GET, whatever was kept.
 */
class LocalS3ReadCacheTest {

  static final String BUCKET = "eider";
  /** Room for two of the 30-byte objects below, for none of 100 bytes. */
  static final long CACHE_BYTES = 64;

  @TempDir static Path root;
  static LocalS3 server;
  static S3Client s3;

  @BeforeAll
  static void start() {
    server = LocalS3.start(root, List.of(BUCKET), CACHE_BYTES);
    s3 = S3TestClients.fullAccess(server);
  }

  @AfterAll
  static void stop() {
    s3.close();
    server.close();
  }

  @Test
  void aRepeatedGetIsAnsweredFromMemoryWithS3MocksOwnAnswer() {
    put("same/a", "first body");
    ResponseBytes<GetObjectResponse> first = get("same/a");
    long hits = server.readCacheHits();

    ResponseBytes<GetObjectResponse> again = get("same/a");

    assertThat(server.readCacheHits()).isEqualTo(hits + 1);
    assertThat(again.asUtf8String()).isEqualTo("first body");
    assertThat(again.response().eTag()).isEqualTo(first.response().eTag()).startsWith("\"");
    assertThat(again.response().contentLength()).isEqualTo(10L);
    assertThat(again.response().lastModified()).isEqualTo(first.response().lastModified());
    assertThat(again.response().contentType()).isEqualTo(first.response().contentType());
  }

  @Test
  void anOverwriteIsSeenByTheNextGet() {
    put("over/a", "old");
    String oldEtag = getKept("over/a").response().eTag();

    put("over/a", "new body");

    ResponseBytes<GetObjectResponse> after = get("over/a");
    assertThat(after.asUtf8String()).isEqualTo("new body");
    assertThat(after.response().eTag()).isNotEqualTo(oldEtag);
  }

  @Test
  void aDeleteIsSeenByTheNextGet() {
    put("gone/a", "soon gone");
    getKept("gone/a");

    s3.deleteObject(b -> b.bucket(BUCKET).key("gone/a"));

    assertThatThrownBy(() -> get("gone/a")).isInstanceOf(NoSuchKeyException.class);
  }

  @Test
  void aCopyOntoAKeptObjectIsSeenByTheNextGet() {
    put("copy/target", "target");
    put("copy/source", "the source");
    getKept("copy/target");

    s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("copy/source").destinationBucket(BUCKET).destinationKey("copy/target"));

    assertThat(get("copy/target").asUtf8String()).isEqualTo("the source");
  }

  @Test
  void aStaleIfMatchGetsS3Mocks412EvenWhenTheObjectIsKept() {
    put("cond/a", "v1");
    String v1 = get("cond/a").response().eTag();
    put("cond/a", "version 2");
    String v2 = get("cond/a").response().eTag();
    long hits = server.readCacheHits();

    assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond/a").ifMatch(v1)))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
    assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond/a").ifMatch(v2)).asUtf8String()).isEqualTo("version 2");
    assertThat(server.readCacheHits()).isEqualTo(hits + 1);
  }

  @Test
  void aRangeIsAnsweredByS3MockNotWithTheWholeKeptObject() {
    put("range/a", "0123456789");
    get("range/a");
    long hits = server.readCacheHits();

    ResponseBytes<GetObjectResponse> part = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("range/a").range("bytes=2-4"));

    assertThat(part.asUtf8String()).isEqualTo("234");
    assertThat(server.readCacheHits()).isEqualTo(hits);
  }

  @Test
  void anObjectLargerThanTheCacheIsNeverKept() {
    put("large/a", "x".repeat(100));
    get("large/a");
    long hits = server.readCacheHits();

    assertThat(get("large/a").asUtf8String()).hasSize(100);
    assertThat(server.readCacheHits()).isEqualTo(hits);
  }

  @Test
  void theLeastRecentlyUsedAnswerMakesRoom() {
    put("lru/a", "a".repeat(30));
    put("lru/b", "b".repeat(30));
    put("lru/c", "c".repeat(30));
    getKept("lru/a");
    getKept("lru/b");
    get("lru/a");
    get("lru/c");
    long hits = server.readCacheHits();

    assertThat(get("lru/a").asUtf8String()).isEqualTo("a".repeat(30));
    assertThat(get("lru/c").asUtf8String()).isEqualTo("c".repeat(30));
    assertThat(server.readCacheHits()).as("a and c kept").isEqualTo(hits + 2);
    assertThat(get("lru/b").asUtf8String()).isEqualTo("b".repeat(30));
    assertThat(server.readCacheHits()).as("b, the least recently used, made room for c").isEqualTo(hits + 2);
  }

  @Test
  void grantsAreCheckedBeforeAKeptAnswerIsGiven() {
    put("secret/a", "not yours");
    get("secret/a");
    server.addCredential("cache-reader", "cache-reader-secret", List.of(S3Grant.read(BUCKET, "public/")));
    long hits = server.readCacheHits();

    try (S3Client narrow = S3TestClients.client(server, "cache-reader", "cache-reader-secret")) {
      assertThatThrownBy(() -> narrow.getObjectAsBytes(b -> b.bucket(BUCKET).key("secret/a")))
          .isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
          });
    }
    assertThat(server.readCacheHits()).isEqualTo(hits);
  }

  @Test
  void withoutACacheNothingIsAnsweredFromMemory(@TempDir Path elsewhere) {
    try (LocalS3 plain = LocalS3.start(elsewhere, List.of(BUCKET)); S3Client client = S3TestClients.fullAccess(plain)) {
      client.putObject(b -> b.bucket(BUCKET).key("a"), RequestBody.fromString("body"));
      client.getObjectAsBytes(b -> b.bucket(BUCKET).key("a"));

      assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key("a")).asUtf8String()).isEqualTo("body");
      assertThat(plain.readCacheHits()).isZero();
    }
  }

  private static void put(String key, String body) {
    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(body, StandardCharsets.UTF_8));
  }

  /** GETs {@code key} twice and asserts that the second answer came from memory. */
  private static ResponseBytes<GetObjectResponse> getKept(String key) {
    get(key);
    long hits = server.readCacheHits();
    ResponseBytes<GetObjectResponse> kept = get(key);
    assertThat(server.readCacheHits()).as("the second GET of " + key + " answered from memory").isEqualTo(hits + 1);
    return kept;
  }

  private static ResponseBytes<GetObjectResponse> get(String key) {
    return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
  }
}
