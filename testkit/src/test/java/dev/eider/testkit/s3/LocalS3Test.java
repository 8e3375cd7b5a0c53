package dev.eider.testkit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The in-JVM S3 server behaves like R2 where Eider depends on it, for the full-access credential:
 * objects, listings, copies, deletes, multipart uploads, conditional requests; through the front.
 */
class LocalS3Test {

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
  void storesListsAndReturnsObjects() {
    s3.putObject(b -> b.bucket("eider").key("raw/a/1.ndjson.gz"), RequestBody.fromString("one"));
    s3.putObject(b -> b.bucket("eider").key("raw/a/2.ndjson.gz"), RequestBody.fromString("two"));

    assertThat(s3.listObjectsV2(b -> b.bucket("eider").prefix("raw/a/")).contents())
        .extracting(o -> o.key()).containsExactly("raw/a/1.ndjson.gz", "raw/a/2.ndjson.gz");
    assertThat(s3.getObjectAsBytes(b -> b.bucket("eider").key("raw/a/2.ndjson.gz")).asUtf8String()).isEqualTo("two");
    assertThat(server.refusals()).isEmpty();
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

  @Test
  void conditionalReadsAnswerNotModifiedAndPreconditionFailed() {
    String etag = s3.putObject(b -> b.bucket("eider").key("conditional/read"), RequestBody.fromString("body")).eTag();

    assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("eider").key("conditional/read").ifNoneMatch(etag)))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
    assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("eider").key("conditional/read").ifMatch("\"other\"")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
  }

  @Test
  void headAnswersTheLengthWithoutABody() {
    s3.putObject(b -> b.bucket("eider").key("head/object"), RequestBody.fromString("twelve bytes"));
    s3.putObject(b -> b.bucket("eider").key("head/empty"), RequestBody.empty());

    assertThat(s3.headObject(b -> b.bucket("eider").key("head/object")).contentLength()).isEqualTo(12);
    assertThat(s3.headObject(b -> b.bucket("eider").key("head/empty")).contentLength()).isZero();
    assertThat(s3.getObjectAsBytes(b -> b.bucket("eider").key("head/empty")).asByteArray()).isEmpty();
    assertThatThrownBy(() -> s3.headObject(b -> b.bucket("eider").key("head/missing")))
        .isInstanceOfSatisfying(NoSuchKeyException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    s3.headBucket(b -> b.bucket("eider"));
  }

  @Test
  void copiesAndDeletesObjects() {
    s3.putObject(b -> b.bucket("eider").key("copy/source"), RequestBody.fromString("original"));
    s3.putObject(b -> b.bucket("eider").key("copy/gone-1"), RequestBody.fromString("1"));
    s3.putObject(b -> b.bucket("eider").key("copy/gone-2"), RequestBody.fromString("2"));

    s3.copyObject(b -> b.sourceBucket("eider").sourceKey("copy/source").destinationBucket("eider").destinationKey("copy/target"));
    s3.deleteObject(b -> b.bucket("eider").key("copy/source"));
    s3.deleteObjects(b -> b.bucket("eider").delete(d -> d.objects(
        ObjectIdentifier.builder().key("copy/gone-1").build(), ObjectIdentifier.builder().key("copy/gone-2").build())));

    assertThat(s3.getObjectAsBytes(b -> b.bucket("eider").key("copy/target")).asUtf8String()).isEqualTo("original");
    assertThat(s3.listObjectsV2(b -> b.bucket("eider").prefix("copy/")).contents()).extracting(o -> o.key())
        .containsExactly("copy/target");
  }

  @Test
  void uploadsMoreThanEightMebibytesInParts() {
    byte[] data = new byte[9 * 1024 * 1024 + 17];
    new Random(7).nextBytes(data);
    int partSize = 5 * 1024 * 1024;
    String uploadId = s3.createMultipartUpload(b -> b.bucket("eider").key("multipart/big")).uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    for (int offset = 0, number = 1; offset < data.length; offset += partSize, number++) {
      int length = Math.min(partSize, data.length - offset);
      int partNumber = number;
      String etag = s3.uploadPart(b -> b.bucket("eider").key("multipart/big").uploadId(uploadId).partNumber(partNumber),
          RequestBody.fromBytes(Arrays.copyOfRange(data, offset, offset + length))).eTag();
      parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
    }
    s3.completeMultipartUpload(b -> b.bucket("eider").key("multipart/big").uploadId(uploadId).multipartUpload(m -> m.parts(parts)));

    String aborted = s3.createMultipartUpload(b -> b.bucket("eider").key("multipart/aborted")).uploadId();
    s3.abortMultipartUpload(b -> b.bucket("eider").key("multipart/aborted").uploadId(aborted));

    assertThat(s3.getObjectAsBytes(b -> b.bucket("eider").key("multipart/big")).asByteArray()).isEqualTo(data);
    assertThat(s3.headObject(b -> b.bucket("eider").key("multipart/big")).contentLength()).isEqualTo(data.length);
    assertThat(s3.listObjectsV2(b -> b.bucket("eider").prefix("multipart/")).contents()).extracting(o -> o.key())
        .containsExactly("multipart/big");
  }

  @Test
  void listsUnfinishedUploadsAndTheirPartsUntilAborted() {
    String uploadId = s3.createMultipartUpload(b -> b.bucket("eider").key("unfinished/a/big")).uploadId();
    s3.uploadPart(b -> b.bucket("eider").key("unfinished/a/big").uploadId(uploadId).partNumber(1),
        RequestBody.fromBytes(new byte[5 * 1024 * 1024]));
    String elsewhere = s3.createMultipartUpload(b -> b.bucket("eider").key("unfinished-not/b")).uploadId();

    assertThat(s3.listMultipartUploads(b -> b.bucket("eider").prefix("unfinished/")).uploads())
        .extracting(u -> u.key(), u -> u.uploadId()).containsExactly(org.assertj.core.groups.Tuple.tuple("unfinished/a/big", uploadId));
    assertThat(s3.listParts(b -> b.bucket("eider").key("unfinished/a/big").uploadId(uploadId)).parts())
        .singleElement().satisfies(part -> {
          assertThat(part.partNumber()).isEqualTo(1);
          assertThat(part.size()).isEqualTo(5L * 1024 * 1024);
        });

    s3.abortMultipartUpload(b -> b.bucket("eider").key("unfinished/a/big").uploadId(uploadId));
    s3.abortMultipartUpload(b -> b.bucket("eider").key("unfinished-not/b").uploadId(elsewhere));
    assertThat(s3.listMultipartUploads(b -> b.bucket("eider").prefix("unfinished")).uploads()).isEmpty();
  }

  @Test
  void putsANineMebibyteObjectInOneRequest() {
    byte[] data = new byte[9 * 1024 * 1024];
    new Random(11).nextBytes(data);

    s3.putObject(b -> b.bucket("eider").key("single/big"), RequestBody.fromBytes(data));

    assertThat(s3.getObjectAsBytes(b -> b.bucket("eider").key("single/big")).asByteArray()).isEqualTo(data);
  }

  /** What other clients send: Expect: 100-continue, then a body in HTTP chunks of unknown total length. */
  @Test
  void acceptsAChunkedBodyAfterExpectContinue() {
    byte[] body = "sent in chunks, length unknown".getBytes(StandardCharsets.UTF_8);
    HttpRequest signed = S3TestClients.signed("PUT", URI.create(server.endpoint() + "/eider/chunked/object"), Map.of(),
        body, body, Clock.systemUTC());
    HttpRequest chunked = HttpRequest.newBuilder(signed, (name, value) -> true)
        .expectContinue(true)
        .method("PUT", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
        .build();

    HttpResponse<String> response = S3TestClients.send(chunked);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(s3.getObjectAsBytes(b -> b.bucket("eider").key("chunked/object")).asByteArray()).isEqualTo(body);
  }

  @Test
  void keysWithReservedCharactersRoundTrip() {
    String key = "odd/a b+c=d&e%f?g#h~;ü/../x.json";
    s3.putObject(b -> b.bucket("eider").key(key), RequestBody.fromString("odd"));

    assertThat(s3.getObjectAsBytes(b -> b.bucket("eider").key(key)).asUtf8String()).isEqualTo("odd");
    assertThat(s3.listObjectsV2(b -> b.bucket("eider").prefix("odd/a b+c")).contents()).extracting(o -> o.key())
        .containsExactly(key);
  }

  @Test
  void theFrontListensOnEveryAddressAndS3MockOnlyOnLoopback() throws IOException {
    Optional<InetAddress> other = nonLoopbackAddress();
    assumeTrue(other.isPresent(), "this machine has no non-loopback IPv4 address");
    String host = other.get().getHostAddress();

    try (S3Client viaOther = S3Client.builder().endpointOverride(server.endpoint(host)).region(Region.of(LocalS3.REGION))
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)))
        .build()) {
      viaOther.headBucket(b -> b.bucket("eider"));
    }
    try (Socket socket = new Socket()) {
      assertThatThrownBy(() -> socket.connect(new InetSocketAddress(other.get(), server.backendPort()), 2000))
          .isInstanceOf(ConnectException.class);
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    return NetworkInterface.networkInterfaces()
        .filter(i -> {
          try {
            return i.isUp() && !i.isLoopback();
          } catch (IOException e) {
            return false;
          }
        })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
        .findFirst();
  }
}
