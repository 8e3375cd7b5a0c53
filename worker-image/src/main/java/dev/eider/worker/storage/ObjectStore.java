package dev.eider.worker.storage;

import dev.eider.worker.cli.WorkerFailure;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * The bucket of one run: an S3 client configured for S3-compatible stores (path-style addressing,
 * which R2 and local servers need) and the bucket and prefix objects go under.
 */
public final class ObjectStore implements AutoCloseable {

  private final StorageConfig config;
  private final S3Client s3;

  private ObjectStore(StorageConfig config, S3Client s3) {
    this.config = config;
    this.s3 = s3;
  }

  public static ObjectStore open(StorageConfig config) {
    var builder = S3Client.builder()
        .httpClientBuilder(ApacheHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(60)))
        .region(Region.of(config.region()))
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey())));
    if (config.endpoint() != null) {
      builder.endpointOverride(config.endpoint());
    }
    return new ObjectStore(config, builder.build());
  }

  /** Fails fast, with the reason, when the bucket cannot be reached: before any work is done. */
  public ObjectStore verifyReachable() {
    try {
      s3.headBucket(b -> b.bucket(config.bucket()));
      return this;
    } catch (NoSuchBucketException e) {
      throw WorkerFailure.badInput("bucket '" + config.bucket() + "' does not exist at " + where());
    } catch (SdkClientException e) {
      throw WorkerFailure.retryable("object storage at " + where() + " is unreachable: " + e.getMessage(), e);
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      if (e.statusCode() == 403) {
        throw WorkerFailure.badInput("access to bucket '" + config.bucket() + "' at " + where() + " is denied: check the credentials");
      }
      if (e.statusCode() == 404) {
        throw WorkerFailure.badInput("bucket '" + config.bucket() + "' does not exist at " + where());
      }
      throw WorkerFailure.retryable("object storage at " + where() + " answered " + e.statusCode(), e);
    }
  }

  public S3Client s3() {
    return s3;
  }

  public String bucket() {
    return config.bucket();
  }

  /** The key of {@code path} under the configured prefix. */
  public String key(String path) {
    return config.key(path);
  }

  private String where() {
    return config.endpoint() == null ? "AWS S3" : config.endpoint().toString();
  }

  @Override
  public void close() {
    s3.close();
  }
}
