package dev.eider.testkit.s3;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal with the status, code and message real S3 answers with. {@code details} are extra
 * elements of the error body, as S3 adds to some errors (the string to sign of a
 * SignatureDoesNotMatch, which lets a client author find a canonicalisation mismatch).
 */
final class S3Failure extends RuntimeException {

  private final int status;
  private final String code;
  private final Map<String, String> details;

  S3Failure(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  S3Failure(int status, String code, String message, Map<String, String> details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = new LinkedHashMap<>(details);
  }

  static S3Failure accessDenied() {
    return accessDenied("Access Denied");
  }

  static S3Failure accessDenied(String message) {
    return new S3Failure(403, "AccessDenied", message);
  }

  static S3Failure malformedAuthorization(String message) {
    return new S3Failure(400, "AuthorizationHeaderMalformed", "The authorization header is malformed; " + message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  Map<String, String> details() {
    return details;
  }
}
