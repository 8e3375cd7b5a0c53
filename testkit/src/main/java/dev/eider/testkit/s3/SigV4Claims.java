package dev.eider.testkit.s3;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a request claims about its signature, read from the {@code Authorization} header or from
 * the {@code X-Amz-*} parameters of a presigned URL: who signed, for which date, region and
 * service, over which headers, and the signature. Nothing here is verified yet.
 *
 * @param expiresSeconds how long a presigned URL is valid, or -1 for header authentication
 * @param payloadHash the payload hash the canonical request ends with
 */
record SigV4Claims(String accessKey, String scopeDate, String region, String service, String terminator,
    List<String> signedHeaders, String signature, String amzDate, long expiresSeconds, String payloadHash) {

  static final String SIGNATURE_PARAMETER = "X-Amz-Signature";
  private static final long MAX_PRESIGNED_SECONDS = 7 * 24 * 3600;

  boolean presigned() {
    return expiresSeconds >= 0;
  }

  String scope() {
    return scopeDate + "/" + region + "/" + service + "/" + terminator;
  }

  /** Whether the request carries a signature at all, in either form. */
  static boolean present(IncomingRequest request) {
    return request.header("authorization") != null || presignedParameters(request).containsKey(SIGNATURE_PARAMETER);
  }

  static SigV4Claims of(IncomingRequest request) {
    String authorization = request.header("authorization");
    Map<String, String> presigned = presignedParameters(request);
    if (authorization != null && presigned.containsKey(SIGNATURE_PARAMETER)) {
      throw new S3Failure(400, "InvalidArgument", "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
          + "Signature query string parameter or the Authorization header should be specified");
    }
    return authorization != null ? fromHeader(authorization, request) : fromQuery(presigned);
  }

  private static SigV4Claims fromHeader(String authorization, IncomingRequest request) {
    if (authorization.startsWith("AWS ")) {
      throw new S3Failure(400, "InvalidRequest",
          "The authorization mechanism you have provided is not supported. Please use " + SigV4Crypto.ALGORITHM + ".");
    }
    if (!authorization.startsWith(SigV4Crypto.ALGORITHM + " ")) {
      throw new S3Failure(400, "InvalidArgument", "Unsupported Authorization Type");
    }
    Map<String, String> fields = new HashMap<>();
    for (String part : authorization.substring(SigV4Crypto.ALGORITHM.length() + 1).split(",")) {
      int equals = part.indexOf('=');
      if (equals > 0) {
        fields.put(part.substring(0, equals).strip(), part.substring(equals + 1).strip());
      }
    }
    String credential = required(fields, "Credential");
    String signedHeaders = required(fields, "SignedHeaders");
    String signature = required(fields, "Signature");
    String amzDate = request.header("x-amz-date");
    return credential(credential, signedHeaders, signature, amzDate == null ? null : amzDate.strip(), -1,
        request.header("x-amz-content-sha256"));
  }

  private static SigV4Claims fromQuery(Map<String, String> parameters) {
    String algorithm = parameters.get("X-Amz-Algorithm");
    if (!SigV4Crypto.ALGORITHM.equals(algorithm)) {
      throw queryError("X-Amz-Algorithm only supports \"" + SigV4Crypto.ALGORITHM + "\"");
    }
    for (String name : List.of("X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", SIGNATURE_PARAMETER)) {
      if (!parameters.containsKey(name)) {
        throw queryError("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
            + "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
      }
    }
    long expires;
    try {
      expires = Long.parseLong(parameters.get("X-Amz-Expires"));
    } catch (NumberFormatException e) {
      throw queryError("X-Amz-Expires should be a number");
    }
    if (expires < 0 || expires > MAX_PRESIGNED_SECONDS) {
      throw queryError("X-Amz-Expires must be between 0 and " + MAX_PRESIGNED_SECONDS + " seconds");
    }
    // A presigned URL is shared before its body exists: S3 signs it over UNSIGNED-PAYLOAD unless
    // the signer put a hash in the query.
    String payloadHash = parameters.getOrDefault("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD");
    return credential(parameters.get("X-Amz-Credential"), parameters.get("X-Amz-SignedHeaders"),
        parameters.get(SIGNATURE_PARAMETER), parameters.get("X-Amz-Date"), expires, payloadHash);
  }

  private static SigV4Claims credential(String credential, String signedHeaders, String signature, String amzDate,
      long expires, String payloadHash) {
    String[] parts = credential.split("/", -1);
    if (parts.length < 5) {
      throw S3Failure.malformedAuthorization("the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
    }
    int n = parts.length;
    String accessKey = String.join("/", Arrays.copyOfRange(parts, 0, n - 4));
    List<String> headers = Arrays.stream(signedHeaders.split(";")).map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    return new SigV4Claims(accessKey, parts[n - 4], parts[n - 3], parts[n - 2], parts[n - 1], headers, signature, amzDate,
        expires, payloadHash);
  }

  private static Map<String, String> presignedParameters(IncomingRequest request) {
    Map<String, String> parameters = new HashMap<>();
    for (IncomingRequest.QueryParameter parameter : request.query()) {
      String name = PercentCoding.decode(parameter.rawName());
      if (name.startsWith("X-Amz-")) {
        parameters.putIfAbsent(name, PercentCoding.decode(parameter.rawValue()));
      }
    }
    return parameters;
  }

  private static String required(Map<String, String> fields, String name) {
    String value = fields.get(name);
    if (value == null || value.isEmpty()) {
      throw S3Failure.malformedAuthorization("the " + name + " is missing.");
    }
    return value;
  }

  private static S3Failure queryError(String message) {
    return new S3Failure(400, "AuthorizationQueryParametersError", message);
  }
}
