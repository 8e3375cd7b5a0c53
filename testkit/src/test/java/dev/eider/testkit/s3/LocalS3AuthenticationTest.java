package dev.eider.testkit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The front lets through only requests signed (Signature V4) by a known credential, and answers
 * the others as S3 does: status, error code, XML body; and what it refuses is never written.
 */
class LocalS3AuthenticationTest {

  @TempDir static Path root;
  static LocalS3 server;
  static S3Client s3;

  @BeforeAll
  static void start() {
    server = LocalS3.start(root, List.of("eider"));
    s3 = S3TestClients.fullAccess(server);
  }

  @AfterAll
  static void stop() {
    s3.close();
    server.close();
  }

  @Test
  void aWrongSecretIsSignatureDoesNotMatchAndWritesNothing() {
    try (S3Client wrong = S3TestClients.client(server, LocalS3.ACCESS_KEY, "not-the-secret")) {
      assertThatThrownBy(() -> wrong.putObject(b -> b.bucket("eider").key("auth/wrong-secret"), RequestBody.fromString("x")))
          .isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
          });
    }

    assertNotStored("auth/wrong-secret");
    assertThat(server.refusals()).contains(
        new LocalS3.Refusal(LocalS3.ACCESS_KEY, null, "PUT", "eider", "auth/wrong-secret", "SignatureDoesNotMatch"));
  }

  @Test
  void anUnknownAccessKeyIsInvalidAccessKeyId() {
    try (S3Client unknown = S3TestClients.client(server, "nobody", LocalS3.SECRET_KEY)) {
      assertThatThrownBy(() -> unknown.putObject(b -> b.bucket("eider").key("auth/unknown"), RequestBody.fromString("x")))
          .isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
          });
      assertThatThrownBy(() -> unknown.listObjectsV2(b -> b.bucket("eider")))
          .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId"));
    }

    assertNotStored("auth/unknown");
  }

  @Test
  void anUnsignedPutIsAccessDeniedInS3sXml() {
    HttpResponse<String> response = S3TestClients.send(HttpRequest.newBuilder(object("auth/anonymous"))
        .PUT(HttpRequest.BodyPublishers.ofString("anonymous")).build());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/xml");
    assertThat(response.body()).startsWith("<?xml").contains("<Code>AccessDenied</Code>", "<Message>Access Denied</Message>",
        "<Resource>/eider/auth/anonymous</Resource>", "<RequestId>");
    assertNotStored("auth/anonymous");
    assertThat(server.refusals()).contains(new LocalS3.Refusal(null, null, "PUT", "eider", "auth/anonymous", "AccessDenied"));
  }

  @Test
  void anUnsignedHeadIsRefusedWithoutABody() {
    s3.putObject(b -> b.bucket("eider").key("auth/head"), RequestBody.fromString("x"));

    HttpResponse<String> response = S3TestClients.send(HttpRequest.newBuilder(object("auth/head"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void aBodyThatIsNotTheOneSignedIsRefused() {
    HttpRequest tampered = S3TestClients.signed("PUT", object("auth/tampered"), Map.of(),
        bytes("the body that was signed"), bytes("another body, sent instead"), Clock.systemUTC());

    HttpResponse<String> response = S3TestClients.send(tampered);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("<Code>XAmzContentSHA256Mismatch</Code>");
    assertNotStored("auth/tampered");
  }

  @Test
  void aRequestSignedMoreThanFifteenMinutesAgoIsRefused() {
    Clock twentyMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20));
    Clock fiveMinutesAhead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5));

    HttpResponse<String> stale = S3TestClients.send(S3TestClients.signed("PUT", object("auth/stale"), Map.of(),
        bytes("stale"), bytes("stale"), twentyMinutesAgo));
    HttpResponse<String> slightlyAhead = S3TestClients.send(S3TestClients.signed("PUT", object("auth/ahead"), Map.of(),
        bytes("ahead"), bytes("ahead"), fiveMinutesAhead));

    assertThat(stale.statusCode()).isEqualTo(403);
    assertThat(stale.body()).contains("<Code>RequestTimeTooSkewed</Code>");
    assertNotStored("auth/stale");
    assertThat(slightlyAhead.statusCode()).as(slightlyAhead.body()).isEqualTo(200);
    assertThat(s3.getObjectAsBytes(b -> b.bucket("eider").key("auth/ahead")).asUtf8String()).isEqualTo("ahead");
  }

  @Test
  void anAmzHeaderLeftOutOfTheSignatureIsRefused() {
    HttpRequest signed = S3TestClients.signed("PUT", object("auth/unsigned-header"), Map.of(),
        bytes("x"), bytes("x"), Clock.systemUTC());
    HttpRequest withExtraHeader = HttpRequest.newBuilder(signed, (name, value) -> true)
        .header("x-amz-copy-source", "/eider/auth/head").build();

    HttpResponse<String> response = S3TestClients.send(withExtraHeader);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("<Code>AccessDenied</Code>", "<HeadersNotSigned>x-amz-copy-source</HeadersNotSigned>");
    assertNotStored("auth/unsigned-header");
  }

  @Test
  void aSignatureForAnotherRegionIsRefused() {
    try (S3Client otherRegion = S3Client.builder().endpointOverride(server.endpoint()).region(Region.EU_WEST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)))
        .build()) {
      assertThatThrownBy(() -> otherRegion.putObject(b -> b.bucket("eider").key("auth/region"), RequestBody.fromString("x")))
          .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }
    assertNotStored("auth/region");
  }

  @Test
  void r2sAutoRegionIsAccepted() {
    try (S3Client auto = S3Client.builder().endpointOverride(server.endpoint()).region(Region.of("auto")).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)))
        .build()) {
      auto.putObject(b -> b.bucket("eider").key("auth/auto"), RequestBody.fromString("auto"));
    }
    assertThat(s3.getObjectAsBytes(b -> b.bucket("eider").key("auth/auto")).asUtf8String()).isEqualTo("auto");
  }

  @Test
  void presignedUrlsAreVerified() {
    s3.putObject(b -> b.bucket("eider").key("auth/presigned"), RequestBody.fromString("shared"));
    try (S3Presigner presigner = S3Presigner.builder().endpointOverride(server.endpoint()).region(Region.of(LocalS3.REGION))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)))
        .build()) {
      URI url = URI.create(presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
          .getObjectRequest(g -> g.bucket("eider").key("auth/presigned"))).url().toString());
      URI otherKey = URI.create(url.toString().replace("auth/presigned", "auth/head"));

      HttpResponse<String> ok = S3TestClients.send(HttpRequest.newBuilder(url).GET().build());
      HttpResponse<String> forged = S3TestClients.send(HttpRequest.newBuilder(otherKey).GET().build());

      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("shared");
      assertThat(forged.statusCode()).isEqualTo(403);
      assertThat(forged.body()).contains("<Code>SignatureDoesNotMatch</Code>");
    }
  }

  /** curl's own Signature V4 implementation, independent of the SDK's and of this one. */
  @Test
  void curlsSignatureIsAccepted(@TempDir Path dir) throws IOException, InterruptedException {
    assumeTrue(commandExists("curl"), "curl is not installed");
    Path upload = Files.writeString(dir.resolve("upload.txt"), "from curl");
    String sigv4 = "aws:amz:" + LocalS3.REGION + ":s3";
    String user = LocalS3.ACCESS_KEY + ":" + LocalS3.SECRET_KEY;
    String emptyHash = SigV4Crypto.sha256Hex(new byte[0]);
    String uploadHash = SigV4Crypto.sha256Hex(Files.readAllBytes(upload));

    String put = run("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--aws-sigv4", sigv4, "--user", user,
        "-H", "x-amz-content-sha256: " + uploadHash, "-T", upload.toString(), object("auth/curl").toString());
    String get = run("curl", "-sS", "--aws-sigv4", sigv4, "--user", user, "-H", "x-amz-content-sha256: " + emptyHash,
        object("auth/curl").toString());
    // Already in canonical order: the curl here (7.88) signed an unsorted query as written, which S3 refuses too.
    String list = run("curl", "-sS", "--aws-sigv4", sigv4, "--user", user, "-H", "x-amz-content-sha256: " + emptyHash,
        server.endpoint() + "/eider?list-type=2&prefix=auth%2Fcu");
    String wrong = run("curl", "-sS", "--aws-sigv4", sigv4, "--user", LocalS3.ACCESS_KEY + ":wrong",
        "-H", "x-amz-content-sha256: " + emptyHash, object("auth/curl").toString());

    assertThat(put).isEqualTo("200");
    assertThat(get).isEqualTo("from curl");
    assertThat(list).contains("<Key>auth/curl</Key>");
    assertThat(wrong).contains("<Code>SignatureDoesNotMatch</Code>");
  }

  private static URI object(String key) {
    return URI.create(server.endpoint() + "/eider/" + key);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertNotStored(String key) {
    assertThatThrownBy(() -> s3.headObject(b -> b.bucket("eider").key(key))).isInstanceOf(NoSuchKeyException.class);
  }

  private static boolean commandExists(String command) {
    try {
      return new ProcessBuilder(command, "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return output.strip();
  }
}
