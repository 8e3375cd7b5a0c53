package dev.eider.testkit.s3;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Clients for the tests: the AWS SDK's S3 client, and requests signed by the SDK's own signer and sent by hand. */
final class S3TestClients {

  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private S3TestClients() {}

  /** An SDK client that does not retry, so a refusal surfaces as the first answer. */
  static S3Client client(LocalS3 server, String accessKey, String secretKey) {
    return S3Client.builder()
        .endpointOverride(server.endpoint())
        .region(Region.of(LocalS3.REGION))
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  static S3Client fullAccess(LocalS3 server) {
    return client(server, LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY);
  }

  /**
   * A request signed by the SDK's Signature V4 signer (with the SDK's S3 settings: no path
   * normalisation, no double encoding, payload hash in {@code x-amz-content-sha256}), as a JDK
   * request whose body may differ from the one signed.
   */
  static HttpRequest signed(String method, URI uri, Map<String, String> headers, byte[] signedBody, byte[] sentBody, Clock clock) {
    SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
    headers.forEach(unsigned::putHeader);
    SignedRequest signedRequest = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsCredentialsIdentity.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY))
        .request(unsigned.build())
        .payload(ContentStreamProvider.fromByteArray(signedBody))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
        .putProperty(AwsV4HttpSigner.REGION_NAME, LocalS3.REGION)
        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .method(method, sentBody.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(sentBody));
    signedRequest.request().headers().forEach((name, values) -> {
      // The JDK client sets these itself, to the same values the signer saw.
      if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
        values.forEach(value -> request.header(name, value));
      }
    });
    return request.build();
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
