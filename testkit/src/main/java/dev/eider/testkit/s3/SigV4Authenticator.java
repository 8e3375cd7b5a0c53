package dev.eider.testkit.s3;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies AWS Signature Version 4 the way S3 and R2 do, in their order: the form of the
 * credential scope, the access key, the request time, the signed headers, the signature, and the
 * payload hash against the body. Header authentication and presigned URLs are both verified.
 *
 * <p>The signatures of the chunks of an {@code aws-chunked} body
 * ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}) are not verified: the seed signature over
 * the headers already proves the client holds the secret, and S3Mock decodes those bodies itself.
 */
final class SigV4Authenticator {

  /** S3 refuses a request signed more than 15 minutes from its own clock. */
  static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Set<String> PAYLOAD_TOKENS = Set.of("UNSIGNED-PAYLOAD", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
      "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
      "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER");
  private static final String SERVICE = "s3";

  private final CredentialRegistry credentials;
  private final Set<String> regions;
  private final Clock clock;

  /** @param regions the regions a signature may be scoped to (R2 takes {@code auto} as well as its own) */
  SigV4Authenticator(CredentialRegistry credentials, Set<String> regions, Clock clock) {
    this.credentials = credentials;
    this.regions = Set.copyOf(regions);
    this.clock = clock;
  }

  /** The credential that signed {@code request}; an {@link S3Failure} when it is not signed, or not right. */
  S3Credential authenticate(IncomingRequest request, SigV4Claims claims) {
    checkScope(claims);
    S3Credential credential = credentials.find(claims.accessKey())
        .orElseThrow(() -> new S3Failure(403, "InvalidAccessKeyId",
            "The AWS Access Key Id you provided does not exist in our records.", Map.of("AWSAccessKeyId", claims.accessKey())));
    Instant signedAt = signedAt(claims);
    checkTime(claims, signedAt);
    checkPayloadHashForm(claims);
    checkSignedHeaders(request, claims);
    checkSignature(request, claims, credential);
    checkPayloadHash(request, claims);
    return credential;
  }

  private void checkScope(SigV4Claims claims) {
    if (!claims.terminator().equals(SigV4Crypto.TERMINATOR)) {
      throw S3Failure.malformedAuthorization("incorrect terminal \"" + claims.terminator() + "\". This endpoint uses \""
          + SigV4Crypto.TERMINATOR + "\".");
    }
    if (!claims.service().equals(SERVICE)) {
      throw S3Failure.malformedAuthorization("incorrect service \"" + claims.service() + "\". This endpoint belongs to \""
          + SERVICE + "\".");
    }
    if (!regions.contains(claims.region())) {
      throw S3Failure.malformedAuthorization("the region '" + claims.region() + "' is wrong; expecting one of " + regions);
    }
  }

  private static Instant signedAt(SigV4Claims claims) {
    if (claims.amzDate() == null) {
      throw S3Failure.accessDenied("AWS authentication requires a valid Date or x-amz-date header");
    }
    Instant signedAt;
    try {
      signedAt = LocalDateTime.parse(claims.amzDate(), AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw S3Failure.accessDenied("AWS authentication requires a valid Date or x-amz-date header");
    }
    if (!claims.amzDate().startsWith(claims.scopeDate())) {
      throw S3Failure.malformedAuthorization("Invalid credential date \"" + claims.scopeDate()
          + "\". This date is not the same as X-Amz-Date: \"" + claims.amzDate().substring(0, 8) + "\".");
    }
    return signedAt;
  }

  private void checkTime(SigV4Claims claims, Instant signedAt) {
    Instant now = clock.instant();
    if (claims.presigned()) {
      if (now.isBefore(signedAt.minus(MAX_SKEW))) {
        throw S3Failure.accessDenied("Request is not valid yet");
      }
      if (now.isAfter(signedAt.plusSeconds(claims.expiresSeconds()))) {
        throw S3Failure.accessDenied("Request has expired");
      }
      return;
    }
    if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
      Map<String, String> details = new LinkedHashMap<>();
      details.put("RequestTime", claims.amzDate());
      details.put("ServerTime", now.toString());
      details.put("MaxAllowedSkewMilliseconds", Long.toString(MAX_SKEW.toMillis()));
      throw new S3Failure(403, "RequestTimeTooSkewed",
          "The difference between the request time and the current time is too large.", details);
    }
  }

  private static void checkPayloadHashForm(SigV4Claims claims) {
    String hash = claims.payloadHash();
    if (hash == null) {
      throw new S3Failure(400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
    }
    if (!SHA256_HEX.matcher(hash).matches() && !PAYLOAD_TOKENS.contains(hash)) {
      throw new S3Failure(400, "InvalidArgument", "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, "
          + "STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, "
          + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, "
          + "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.");
    }
  }

  /**
   * Host must be signed, and so must every {@code x-amz-*} header sent: S3 refuses a request that
   * carries headers (a copy source, a conditional, a checksum) its signature does not cover.
   */
  private static void checkSignedHeaders(IncomingRequest request, SigV4Claims claims) {
    List<String> signed = claims.signedHeaders();
    if (!signed.contains("host")) {
      throw S3Failure.accessDenied("There were headers present in the request which were not signed");
    }
    List<String> unsigned = request.headers().keySet().stream()
        .filter(name -> name.startsWith("x-amz-") && !signed.contains(name))
        .toList();
    if (!unsigned.isEmpty()) {
      throw new S3Failure(403, "AccessDenied", "There were headers present in the request which were not signed",
          Map.of("HeadersNotSigned", String.join(", ", unsigned)));
    }
  }

  private static void checkSignature(IncomingRequest request, SigV4Claims claims, S3Credential credential) {
    String canonical = CanonicalRequest.of(request, claims.signedHeaders(), claims.payloadHash(),
        claims.presigned() ? SigV4Claims.SIGNATURE_PARAMETER : null);
    String stringToSign = SigV4Crypto.stringToSign(claims.amzDate(), claims.scope(), canonical);
    byte[] key = SigV4Crypto.signingKey(credential.secretKey(), claims.scopeDate(), claims.region(), claims.service());
    String expected = SigV4Crypto.signature(key, stringToSign);
    if (!SigV4Crypto.sameSignature(expected, claims.signature())) {
      Map<String, String> details = new LinkedHashMap<>();
      details.put("AWSAccessKeyId", claims.accessKey());
      details.put("StringToSign", stringToSign);
      details.put("SignatureProvided", claims.signature());
      details.put("CanonicalRequest", canonical);
      throw new S3Failure(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature "
          + "you provided. Check your key and signing method.", details);
    }
  }

  private static void checkPayloadHash(IncomingRequest request, SigV4Claims claims) {
    if (!SHA256_HEX.matcher(claims.payloadHash()).matches()) {
      return;
    }
    String computed = SigV4Crypto.sha256Hex(request.body());
    if (!computed.equals(claims.payloadHash())) {
      Map<String, String> details = new LinkedHashMap<>();
      details.put("ClientComputedContentSHA256", claims.payloadHash());
      details.put("S3ComputedContentSHA256", computed);
      throw new S3Failure(400, "XAmzContentSHA256Mismatch",
          "The provided 'x-amz-content-sha256' header does not match what was computed.", details);
    }
  }
}
