package dev.eider.worker.storage;

import dev.eider.worker.run.WorkerFailure;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * The bucket of one run: an S3 client configured for S3-compatible stores (path-style addressing,
 * which R2 and local servers need) and the bucket and prefix objects go under.
 */
public final class ObjectStore implements AutoCloseable {

  /** The most keys one DeleteObjects request (and one ListObjectsV2 page) takes. */
  public static final int DELETE_BATCH = 1000;
  private static final Set<String> TRANSIENT_ERRORS = Set.of("InternalError", "ServiceUnavailable", "SlowDown");

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

  /**
   * Deletes every object of the bucket whose key starts with {@code keyPrefix + "/"} (a key prefix
   * from the bucket root, not under the configured prefix) and returns how many were deleted: page by
   * page (ListObjectsV2, at most {@value #DELETE_BATCH} keys a page), each page in one DeleteObjects
   * request. Nothing there is not an error: 0.
   */
  public long deleteUnder(String keyPrefix) {
    String listed = keyPrefix + "/";
    String where = "s3://" + config.bucket() + "/" + listed;
    long deleted = 0;
    String token = null;
    do {
      String continuation = token;
      ListObjectsV2Response page;
      try {
        page = s3.listObjectsV2(b -> b.bucket(config.bucket()).prefix(listed).maxKeys(DELETE_BATCH).continuationToken(continuation));
      } catch (SdkException e) {
        throw S3Failures.of(e, "listing objects under " + where);
      }
      List<ObjectIdentifier> keys = page.contents().stream().map(object -> ObjectIdentifier.builder().key(object.key()).build()).toList();
      for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
        deleted += deleteBatch(keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH)), where, deleted);
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return deleted;
  }

  private int deleteBatch(List<ObjectIdentifier> keys, String where, long deletedBefore) {
    DeleteObjectsResponse response;
    try {
      response = s3.deleteObjects(b -> b.bucket(config.bucket()).delete(d -> d.objects(keys).quiet(true)));
    } catch (SdkException e) {
      throw S3Failures.of(e, "deleting objects under " + where + " (" + deletedBefore + " deleted so far)");
    }
    if (!response.hasErrors() || response.errors().isEmpty()) {
      return keys.size();
    }
    S3Error first = response.errors().get(0);
    String message = "deleting objects under " + where + ": " + response.errors().size() + " of " + keys.size()
        + " could not be deleted (" + (deletedBefore + keys.size() - response.errors().size()) + " deleted so far), e.g. "
        + first.key() + ": " + first.code() + (first.message() == null ? "" : " " + first.message());
    boolean transientError = response.errors().stream().allMatch(error -> TRANSIENT_ERRORS.contains(error.code()));
    throw transientError ? WorkerFailure.retryable(message, null) : WorkerFailure.failed(message, null);
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
