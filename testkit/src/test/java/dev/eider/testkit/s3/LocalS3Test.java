package dev.eider.testkit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The in-JVM S3 server behaves like R2 where Eider depends on it: objects, listings, conditional writes. */
class LocalS3Test {

  @TempDir static Path root;
  static LocalS3 server;
  static S3Client s3;

  @BeforeAll
  static void start() {
    server = LocalS3.start(root, List.of("eider"));
    s3 = S3Client.builder()
        .endpointOverride(server.endpoint())
        .region(Region.of(LocalS3.REGION))
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)))
        .build();
  }

  @AfterAll
  static void stop() {
    s3.close();
    server.close();
  }

  @Test
  void storesListsAndReturnsObjects() {
    s3.putObject(b -> b.bucket("eider").key("raw/a/1.ndjson.gz"), RequestBody.fromString("one"));
    s3.putObject(b -> b.bucket("eider").key("raw/a/2.ndjson.gz"), RequestBody.fromString("two"));

    assertThat(s3.listObjectsV2(b -> b.bucket("eider").prefix("raw/a/")).contents())
        .extracting(o -> o.key()).containsExactly("raw/a/1.ndjson.gz", "raw/a/2.ndjson.gz");
    assertThat(s3.getObjectAsBytes(b -> b.bucket("eider").key("raw/a/2.ndjson.gz")).asUtf8String()).isEqualTo("two");
  }

  @Test
  void conditionalWritesDetectAConcurrentWriter() {
    String etag = s3.putObject(b -> b.bucket("eider").key("warehouse.duckdb"), RequestBody.fromString("v1")).eTag();
    s3.putObject(b -> b.bucket("eider").key("warehouse.duckdb").ifMatch(etag), RequestBody.fromString("v2"));

    assertThatThrownBy(() -> s3.putObject(b -> b.bucket("eider").key("warehouse.duckdb").ifMatch(etag), RequestBody.fromString("v3")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
    assertThatThrownBy(() -> s3.putObject(b -> b.bucket("eider").key("warehouse.duckdb").ifNoneMatch("*"), RequestBody.fromString("v4")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("eider").key("warehouse.duckdb")).asUtf8String()).isEqualTo("v2");
  }
}
