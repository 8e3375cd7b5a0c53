package dev.eider.testkit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A credential may do what its grants allow and nothing else, the way a branch deployment's R2
 * token reads production's raw data and writes only under its own prefix. Each refusal is checked
 * three ways: the client sees 403 AccessDenied, the data is unchanged (read back with the
 * full-access key), and the refusal was recorded, which proves the forbidden call was made.
 */
class LocalS3GrantsTest {

  static final String BRANCH_KEY = "branch-key";
  static final String WRITE_ONLY_KEY = "drop-key";

  @TempDir static Path root;
  static LocalS3 server;
  static S3Client admin;
  static S3Client branch;
  static S3Client writeOnly;

  @BeforeAll
  static void start() {
    server = LocalS3.start(root, List.of("eider"));
    server.addCredential(BRANCH_KEY, "branch-secret", List.of(S3Grant.read("eider", "raw/"), S3Grant.write("eider", "raw/branches/")));
    server.addCredential(WRITE_ONLY_KEY, "drop-secret", List.of(S3Grant.write("eider", "inbox/")));
    admin = S3TestClients.fullAccess(server);
    branch = S3TestClients.client(server, BRANCH_KEY, "branch-secret");
    writeOnly = S3TestClients.client(server, WRITE_ONLY_KEY, "drop-secret");
  }

  @AfterAll
  static void stop() {
    admin.close();
    branch.close();
    writeOnly.close();
    server.close();
  }

  @BeforeEach
  void production() {
    admin.putObject(b -> b.bucket("eider").key("raw/a.json"), RequestBody.fromString("production"));
    admin.putObject(b -> b.bucket("eider").key("warehouse/eider.duckdb"), RequestBody.fromString("warehouse"));
  }

  @Test
  void readsAndListsWhatItMayRead() {
    assertThat(branch.getObjectAsBytes(b -> b.bucket("eider").key("raw/a.json")).asUtf8String()).isEqualTo("production");
    assertThat(branch.headObject(b -> b.bucket("eider").key("raw/a.json")).contentLength()).isEqualTo(10);
    assertThat(branch.listObjectsV2(b -> b.bucket("eider").prefix("raw/")).contents()).extracting(o -> o.key()).contains("raw/a.json");
    assertThat(branch.listObjects(b -> b.bucket("eider").prefix("raw/a")).contents()).extracting(o -> o.key()).contains("raw/a.json");
    branch.headBucket(b -> b.bucket("eider"));
  }

  @Test
  void writesUnderItsOwnPrefix() {
    branch.putObject(b -> b.bucket("eider").key("raw/branches/x"), RequestBody.fromString("branch"));
    branch.copyObject(b -> b.sourceBucket("eider").sourceKey("raw/a.json").destinationBucket("eider").destinationKey("raw/branches/copy"));
    byte[] data = new byte[6 * 1024 * 1024];
    new Random(3).nextBytes(data);
    String uploadId = branch.createMultipartUpload(b -> b.bucket("eider").key("raw/branches/big")).uploadId();
    String etag1 = branch.uploadPart(b -> b.bucket("eider").key("raw/branches/big").uploadId(uploadId).partNumber(1),
        RequestBody.fromBytes(Arrays.copyOfRange(data, 0, 5 * 1024 * 1024))).eTag();
    String etag2 = branch.uploadPart(b -> b.bucket("eider").key("raw/branches/big").uploadId(uploadId).partNumber(2),
        RequestBody.fromBytes(Arrays.copyOfRange(data, 5 * 1024 * 1024, data.length))).eTag();
    branch.completeMultipartUpload(b -> b.bucket("eider").key("raw/branches/big").uploadId(uploadId).multipartUpload(m -> m.parts(
        CompletedPart.builder().partNumber(1).eTag(etag1).build(), CompletedPart.builder().partNumber(2).eTag(etag2).build())));
    branch.putObject(b -> b.bucket("eider").key("raw/branches/doomed"), RequestBody.fromString("doomed"));
    branch.deleteObject(b -> b.bucket("eider").key("raw/branches/doomed"));

    assertThat(admin.getObjectAsBytes(b -> b.bucket("eider").key("raw/branches/x")).asUtf8String()).isEqualTo("branch");
    assertThat(admin.getObjectAsBytes(b -> b.bucket("eider").key("raw/branches/copy")).asUtf8String()).isEqualTo("production");
    assertThat(admin.getObjectAsBytes(b -> b.bucket("eider").key("raw/branches/big")).asByteArray()).isEqualTo(data);
    assertThat(admin.listObjectsV2(b -> b.bucket("eider").prefix("raw/branches/doomed")).contents()).isEmpty();
  }

  @Test
  void cannotOverwriteProductionData() {
    int before = server.refusals().size();

    assertAccessDenied(() -> branch.putObject(b -> b.bucket("eider").key("raw/a.json"), RequestBody.fromString("overwritten")));

    assertThat(admin.getObjectAsBytes(b -> b.bucket("eider").key("raw/a.json")).asUtf8String()).isEqualTo("production");
    assertThat(server.refusals().subList(before, server.refusals().size()))
        .containsExactly(new LocalS3.Refusal(BRANCH_KEY, "PutObject", "PUT", "eider", "raw/a.json", "AccessDenied"));
  }

  @Test
  void cannotDeleteProductionData() {
    branch.putObject(b -> b.bucket("eider").key("raw/branches/mine"), RequestBody.fromString("mine"));

    assertAccessDenied(() -> branch.deleteObject(b -> b.bucket("eider").key("raw/a.json")));
    // One key not granted refuses the whole request, the branch's own key included.
    assertAccessDenied(() -> branch.deleteObjects(b -> b.bucket("eider").delete(d -> d.objects(
        ObjectIdentifier.builder().key("raw/branches/mine").build(), ObjectIdentifier.builder().key("raw/a.json").build()))));

    assertThat(admin.getObjectAsBytes(b -> b.bucket("eider").key("raw/a.json")).asUtf8String()).isEqualTo("production");
    assertThat(admin.getObjectAsBytes(b -> b.bucket("eider").key("raw/branches/mine")).asUtf8String()).isEqualTo("mine");
    assertThat(server.refusals()).contains(
        new LocalS3.Refusal(BRANCH_KEY, "DeleteObject", "DELETE", "eider", "raw/a.json", "AccessDenied"),
        new LocalS3.Refusal(BRANCH_KEY, "DeleteObjects", "POST", "eider", "raw/a.json", "AccessDenied"));

    branch.deleteObjects(b -> b.bucket("eider").delete(d -> d.objects(ObjectIdentifier.builder().key("raw/branches/mine").build())));
    assertThat(admin.listObjectsV2(b -> b.bucket("eider").prefix("raw/branches/mine")).contents()).isEmpty();
  }

  @Test
  void cannotCopyIntoProductionNorOutOfWhatItCannotRead() {
    branch.putObject(b -> b.bucket("eider").key("raw/branches/forged"), RequestBody.fromString("forged"));

    assertAccessDenied(() -> branch.copyObject(b -> b.sourceBucket("eider").sourceKey("raw/branches/forged")
        .destinationBucket("eider").destinationKey("raw/a.json")));
    assertAccessDenied(() -> branch.copyObject(b -> b.sourceBucket("eider").sourceKey("warehouse/eider.duckdb")
        .destinationBucket("eider").destinationKey("raw/branches/stolen")));

    assertThat(admin.getObjectAsBytes(b -> b.bucket("eider").key("raw/a.json")).asUtf8String()).isEqualTo("production");
    assertThat(admin.listObjectsV2(b -> b.bucket("eider").prefix("raw/branches/stolen")).contents()).isEmpty();
    assertThat(server.refusals()).contains(
        new LocalS3.Refusal(BRANCH_KEY, "CopyObject", "PUT", "eider", "raw/a.json", "AccessDenied"),
        new LocalS3.Refusal(BRANCH_KEY, "CopyObject", "PUT", "eider", "warehouse/eider.duckdb", "AccessDenied"));
  }

  @Test
  void cannotStartAMultipartUploadOverProductionData() {
    assertAccessDenied(() -> branch.createMultipartUpload(b -> b.bucket("eider").key("raw/a.json")));
  }

  @Test
  void cannotReadOrListOutsideItsGrants() {
    assertAccessDenied(() -> branch.getObjectAsBytes(b -> b.bucket("eider").key("warehouse/eider.duckdb")));
    assertAccessDenied(() -> branch.listObjectsV2(b -> b.bucket("eider")));
    assertAccessDenied(() -> branch.listObjectsV2(b -> b.bucket("eider").prefix("raw")));
    assertAccessDenied(() -> branch.listObjectsV2(b -> b.bucket("eider").prefix("warehouse/")));
    assertAccessDenied(() -> branch.getBucketLocation(b -> b.bucket("eider")));
  }

  @Test
  void aWriteGrantDoesNotGrantReading() {
    writeOnly.putObject(b -> b.bucket("eider").key("inbox/letter"), RequestBody.fromString("letter"));

    assertAccessDenied(() -> writeOnly.getObjectAsBytes(b -> b.bucket("eider").key("inbox/letter")));
    assertAccessDenied(() -> writeOnly.listObjectsV2(b -> b.bucket("eider").prefix("inbox/")));
    assertThat(admin.getObjectAsBytes(b -> b.bucket("eider").key("inbox/letter")).asUtf8String()).isEqualTo("letter");
  }

  /** S3 does not resolve "..": the key is literal, and it stays under the granted prefix. */
  @Test
  void aDotSegmentDoesNotClimbOutOfAGrantedPrefix() {
    branch.putObject(b -> b.bucket("eider").key("raw/branches/../a.json"), RequestBody.fromString("literal"));

    assertThat(admin.getObjectAsBytes(b -> b.bucket("eider").key("raw/a.json")).asUtf8String()).isEqualTo("production");
    assertThat(admin.getObjectAsBytes(b -> b.bucket("eider").key("raw/branches/../a.json")).asUtf8String()).isEqualTo("literal");
  }

  /** The servlet container in front of S3Mock would strip ";x" from the path, and write another key than the one checked. */
  @Test
  void aRawPathParameterIsRefused() {
    LocalS3.Refusal expected = new LocalS3.Refusal(LocalS3.ACCESS_KEY, S3Operation.UNRECOGNISED, "PUT", "eider", "raw/branches/x;y/z", "AccessDenied");
    byte[] body = "p".getBytes(StandardCharsets.UTF_8);
    HttpRequest request = S3TestClients.signed("PUT", URI.create(server.endpoint() + "/eider/raw/branches/x;y/z"), Map.of(),
        body, body, Clock.systemUTC());

    assertThat(S3TestClients.send(request).statusCode()).isEqualTo(403);
    assertThat(server.refusals()).contains(expected);
    assertThat(admin.listObjectsV2(b -> b.bucket("eider").prefix("raw/branches/x")).contents()).isEmpty();
  }

  @Test
  void operationsNobodyWasGrantedAreRefusedEvenToTheFullAccessKey() {
    assertAccessDenied(() -> admin.getObjectTagging(b -> b.bucket("eider").key("raw/a.json")));
    assertAccessDenied(() -> admin.putBucketVersioning(b -> b.bucket("eider").versioningConfiguration(v -> v.status("Enabled"))));

    assertThat(server.refusals()).contains(
        new LocalS3.Refusal(LocalS3.ACCESS_KEY, S3Operation.UNRECOGNISED, "GET", "eider", "raw/a.json", "AccessDenied"));
    assertThat(admin.getBucketLocation(b -> b.bucket("eider")).sdkHttpResponse().isSuccessful()).isTrue();
  }

  private static void assertAccessDenied(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> {
      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    });
  }
}
