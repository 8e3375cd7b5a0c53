package dev.eider.testkit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The verifier against the worked examples of Amazon's S3 Signature V4 documentation: signatures
 * computed by AWS, not by this code, so a canonicalisation mistake here cannot cancel itself out.
 */
class SigV4AuthenticatorTest {

  private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
  private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final Instant SIGNED_AT = Instant.parse("2013-05-24T00:00:00Z");

  private static SigV4Authenticator authenticator(Instant now) {
    CredentialRegistry credentials = new CredentialRegistry();
    credentials.add(new S3Credential(ACCESS_KEY, SECRET_KEY, List.of()));
    return new SigV4Authenticator(credentials, Set.of("us-east-1"), Clock.fixed(now, ZoneOffset.UTC));
  }

  /** "Example: GET Object" of the S3 API reference (header-based authentication). */
  private static IncomingRequest getObjectExample(String signature) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Host", List.of("examplebucket.s3.amazonaws.com"));
    headers.put("Range", List.of("bytes=0-9"));
    headers.put("x-amz-content-sha256", List.of(EMPTY_SHA256));
    headers.put("x-amz-date", List.of("20130524T000000Z"));
    headers.put("Authorization", List.of("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/20130524/us-east-1/s3/aws4_request,"
        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=" + signature));
    return new IncomingRequest("GET", "/test.txt", null, headers, new byte[0]);
  }

  @Test
  void acceptsTheDocumentedGetObjectSignature() {
    IncomingRequest request = getObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");

    S3Credential credential = authenticator(SIGNED_AT.plusSeconds(60)).authenticate(request, SigV4Claims.of(request));

    assertThat(credential.accessKey()).isEqualTo(ACCESS_KEY);
  }

  @Test
  void refusesTheDocumentedRequestWithOneSignatureDigitChanged() {
    IncomingRequest request = getObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb42");

    assertThatThrownBy(() -> authenticator(SIGNED_AT).authenticate(request, SigV4Claims.of(request)))
        .isInstanceOfSatisfying(S3Failure.class, f -> {
          assertThat(f.code()).isEqualTo("SignatureDoesNotMatch");
          assertThat(f.status()).isEqualTo(403);
          // The canonical request S3 documents for this example, which the error body shows a client.
          assertThat(f.details().get("CanonicalRequest")).isEqualTo("GET\n/test.txt\n\n"
              + "host:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\nx-amz-content-sha256:" + EMPTY_SHA256 + "\n"
              + "x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n" + EMPTY_SHA256);
        });
  }

  @Test
  void refusesTheDocumentedRequestSixteenMinutesLater() {
    IncomingRequest request = getObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");

    assertThatThrownBy(() -> authenticator(SIGNED_AT.plusSeconds(16 * 60)).authenticate(request, SigV4Claims.of(request)))
        .isInstanceOfSatisfying(S3Failure.class, f -> assertThat(f.code()).isEqualTo("RequestTimeTooSkewed"));
  }

  /** "Example: Presigned URL" of the S3 API reference (query-string authentication). */
  @Test
  void acceptsTheDocumentedPresignedUrlUntilItExpires() {
    String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + ACCESS_KEY + "%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
        + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
        + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
    IncomingRequest request = new IncomingRequest("GET", "/test.txt", query,
        Map.of("Host", List.of("examplebucket.s3.amazonaws.com")), new byte[0]);

    assertThat(authenticator(SIGNED_AT.plusSeconds(86_000)).authenticate(request, SigV4Claims.of(request)).accessKey())
        .isEqualTo(ACCESS_KEY);
    assertThatThrownBy(() -> authenticator(SIGNED_AT.plusSeconds(86_401)).authenticate(request, SigV4Claims.of(request)))
        .isInstanceOfSatisfying(S3Failure.class, f -> {
          assertThat(f.code()).isEqualTo("AccessDenied");
          assertThat(f.getMessage()).isEqualTo("Request has expired");
        });
  }
}
