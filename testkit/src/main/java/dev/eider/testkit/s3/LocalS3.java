package dev.eider.testkit.s3;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An S3-compatible server inside this JVM, standing in for Cloudflare R2, as strict about
 * credentials as R2 and S3 are. Like them it honours conditional writes ({@code If-Match} /
 * {@code If-None-Match} on PutObject, answering 412), which the warehouse relies on to detect
 * concurrent writers.
 *
 * <p>Adobe S3Mock stores the objects, on a loopback-only port. Clients talk to a front on every
 * address of the machine that lets through only requests signed with AWS Signature V4 by a known
 * credential, for operations that credential has been granted, and answers anything else as S3
 * would: 403 {@code AccessDenied} for an unsigned request or an operation not granted,
 * {@code InvalidAccessKeyId}, {@code SignatureDoesNotMatch}, {@code RequestTimeTooSkewed} (more than
 * 15 minutes off), 400 {@code XAmzContentSHA256Mismatch} for a body that does not match its declared
 * hash. Presigned URLs are verified too. A refused request never reaches S3Mock, and is recorded in
 * {@link #refusals()}.
 *
 * <p>{@link #ACCESS_KEY} / {@link #SECRET_KEY} may do everything in every bucket. Tests add
 * narrower credentials with {@link #addCredential}, e.g. one that reads production's raw data and
 * writes only under a branch's prefix, and assert that what they must not do is refused.
 *
 * <p>Differences from S3 worth knowing: requests are path-style only; a path with a raw {@code ;}
 * is refused (S3Mock's servlet container would strip it as a path parameter, so the key written
 * would not be the key authorised; {@code %3B}, as SDKs send it, is fine); operations outside the
 * set S3Mock is used for here (objects, listings, multipart uploads, copies, DeleteObjects, bucket
 * create/head/delete/location, ListBuckets) are refused for every credential; a DeleteObjects naming any key not granted is
 * refused whole instead of answering per key; signatures are accepted for region {@link #REGION} or
 * R2's {@code auto}; the signing time must be in {@code x-amz-date} (S3 also takes {@code Date});
 * the signatures of the chunks of an {@code aws-chunked} body are not checked, only the request's.
 */
public final class LocalS3 implements AutoCloseable {

  public static final String ACCESS_KEY = "eider-test";
  public static final String SECRET_KEY = "eider-test-secret";
  public static final String REGION = "us-east-1";

  /**
   * A request this server refused and did not pass on: who asked (the access key it was signed
   * with, or null when unsigned), what for, and S3's error code. Tests assert on these to show that
   * a write was attempted and refused, not merely that nothing was written.
   *
   * @param operation the S3 operation, e.g. {@code PutObject}, or {@code Unrecognised}; null when
   *     the request was refused before it was classified (an authentication failure)
   * @param key the object key or listed prefix that was not granted (for DeleteObjects and copies,
   *     the first key of the request that was not); for authentication failures the key of the path
   */
  public record Refusal(String accessKey, String operation, String method, String bucket, String key, String code) {}

  private final S3MockBackend backend;
  private final S3Front front;
  private final CredentialRegistry credentials;
  private final RefusalLog refusals;
  private final ObjectReadCache readCache;

  private LocalS3(S3MockBackend backend, S3Front front, CredentialRegistry credentials, RefusalLog refusals,
      ObjectReadCache readCache) {
    this.backend = backend;
    this.front = front;
    this.credentials = credentials;
    this.refusals = refusals;
    this.readCache = readCache;
  }

  /**
   * Starts on a free port with {@code buckets} created, keeping objects under {@code root}, with
   * {@link #ACCESS_KEY} granted everything.
   */
  public static LocalS3 start(Path root, List<String> buckets) {
    return start(root, buckets, 0);
  }

  /**
   * Like {@link #start(Path, List)}, and answers repeated plain GetObject requests from memory, up
   * to {@code readCacheBytes} of bodies (0: never), as S3Mock answered them, until anything is
   * written. For benchmarks that read the same objects again and again: S3Mock costs about 1.6 ms
   * of CPU a request, on the cores the client under measurement needs ({@link ObjectReadCache}).
   * Authentication and grants are checked on every request as before.
   */
  public static LocalS3 start(Path root, List<String> buckets, long readCacheBytes) {
    CredentialRegistry credentials = new CredentialRegistry();
    credentials.add(new S3Credential(ACCESS_KEY, SECRET_KEY, List.of(S3Grant.everything())));
    RefusalLog refusals = new RefusalLog();
    SigV4Authenticator authenticator = new SigV4Authenticator(credentials, Set.of(REGION, "auto"), Clock.systemUTC());
    S3MockBackend backend = S3MockBackend.start(root, buckets);
    try {
      BackendForwarder forwarder = new BackendForwarder(backend.port());
      ObjectReadCache readCache = readCacheBytes == 0 ? null : new ObjectReadCache(readCacheBytes);
      S3Front front = S3Front.start(new AccessGate(authenticator, refusals),
          readCache == null ? forwarder : new ReadCachingForwarder(forwarder, readCache));
      return new LocalS3(backend, front, credentials, refusals, readCache);
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
  }

  /**
   * Registers another credential, allowed exactly what {@code grants} allow (nothing else: not
   * even listing the bucket, unless a READ grant covers the listed prefix).
   *
   * @throws IllegalArgumentException if {@code accessKey} is already registered
   */
  public LocalS3 addCredential(String accessKey, String secretKey, List<S3Grant> grants) {
    credentials.add(new S3Credential(accessKey, secretKey, grants));
    return this;
  }

  /** Every request refused so far, oldest first: a test's evidence that a forbidden call was made and stopped. */
  public List<Refusal> refusals() {
    return refusals.snapshot();
  }

  /** GETs answered from the read cache so far: 0 when there is none. */
  public long readCacheHits() {
    return readCache == null ? 0 : readCache.hits();
  }

  /** The endpoint to give clients as {@code AWS_ENDPOINT_URL} (path-style addressing). */
  public URI endpoint() {
    return endpoint("127.0.0.1");
  }

  /**
   * The endpoint at another of this machine's addresses (the front listens on all of them), e.g.
   * its address on a cluster's pod network, for pods.
   */
  public URI endpoint(String host) {
    return URI.create("http://" + host + ":" + front.port());
  }

  /** The environment a worker needs to reach this server with full access. */
  public Map<String, String> clientEnvironment() {
    return Map.of(
        "AWS_ENDPOINT_URL", endpoint().toString(),
        "AWS_ACCESS_KEY_ID", ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
        "AWS_REGION", REGION);
  }

  /** S3Mock's own port, on loopback: for tests that check it cannot be reached from elsewhere. */
  int backendPort() {
    return backend.port();
  }

  @Override
  public void close() {
    try {
      front.close();
    } finally {
      backend.close();
    }
  }
}
