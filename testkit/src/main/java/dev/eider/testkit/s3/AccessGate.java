package dev.eider.testkit.s3;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a request reaches S3Mock: it must be signed by a known credential (Signature
 * V4, verified), be an operation the front recognises, and have everything that operation needs
 * granted. Every refusal is recorded, and logged with the access key but never a secret.
 */
final class AccessGate {

  private static final Logger LOG = LoggerFactory.getLogger(AccessGate.class);

  private final SigV4Authenticator authenticator;
  private final RefusalLog refusals;

  AccessGate(SigV4Authenticator authenticator, RefusalLog refusals) {
    this.authenticator = authenticator;
    this.refusals = refusals;
  }

  /** The operation {@code request} may perform; an {@link S3Failure}, recorded, when it may not. */
  S3Operation admit(IncomingRequest request) {
    String accessKey = null;
    String operation = null;
    String bucket = "";
    String key = "";
    try {
      S3Path path = S3Path.parse(request.rawPath());
      bucket = path.bucket();
      key = path.key();
      if (!SigV4Claims.present(request)) {
        throw S3Failure.accessDenied();
      }
      SigV4Claims claims = SigV4Claims.of(request);
      accessKey = claims.accessKey();
      S3Credential credential = authenticator.authenticate(request, claims);
      S3Operation classified = OperationClassifier.classify(request);
      operation = classified.name();
      if (!classified.recognised()) {
        throw S3Failure.accessDenied();
      }
      Optional<RequiredAccess> denied = credential.firstDenied(classified.needs());
      if (denied.isPresent()) {
        bucket = denied.get().bucket();
        key = denied.get().subject();
        throw S3Failure.accessDenied();
      }
      return classified;
    } catch (IllegalArgumentException e) {
      // A malformed percent-escape in the path, query or copy source.
      S3Failure failure = new S3Failure(400, "InvalidURI", "Couldn't parse the specified URI.");
      record(accessKey, operation, request, bucket, key, failure);
      throw failure;
    } catch (S3Failure failure) {
      record(accessKey, operation, request, bucket, key, failure);
      throw failure;
    }
  }

  private void record(String accessKey, String operation, IncomingRequest request, String bucket, String key, S3Failure failure) {
    refusals.add(new LocalS3.Refusal(accessKey, operation, request.method(), bucket, key, failure.code()));
    LOG.warn("LocalS3 refused {} {} ({}) for access key {}: {} {}", request.method(), request.rawPath(),
        operation == null ? "unauthenticated" : operation, accessKey == null ? "(none)" : accessKey, failure.status(), failure.code());
  }
}
