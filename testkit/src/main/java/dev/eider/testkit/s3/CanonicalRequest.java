package dev.eider.testkit.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The canonical request of Signature V4 as S3 builds it: the method; the path exactly as sent
 * (S3, unlike other AWS services, neither normalises it nor encodes it a second time); the query
 * parameters decoded, RFC 3986 encoded and sorted; the signed headers in their SignedHeaders order,
 * lower-case, values trimmed with runs of spaces collapsed; the SignedHeaders list; the payload hash
 * the client declared.
 */
final class CanonicalRequest {

  private CanonicalRequest() {}

  /**
   * @param excludedQueryParameter a parameter left out of the canonical query (the signature itself,
   *     for a presigned URL), or null
   */
  static String of(IncomingRequest request, List<String> signedHeaders, String payloadHash, String excludedQueryParameter) {
    return request.method() + "\n"
        + request.rawPath() + "\n"
        + canonicalQuery(request, excludedQueryParameter) + "\n"
        + canonicalHeaders(request, signedHeaders) + "\n"
        + String.join(";", signedHeaders) + "\n"
        + payloadHash;
  }

  private static String canonicalQuery(IncomingRequest request, String excluded) {
    List<Map.Entry<String, String>> encoded = new ArrayList<>();
    for (IncomingRequest.QueryParameter parameter : request.query()) {
      String name = PercentCoding.decode(parameter.rawName());
      if (name.equals(excluded)) {
        continue;
      }
      encoded.add(Map.entry(PercentCoding.encode(name), PercentCoding.encode(PercentCoding.decode(parameter.rawValue()))));
    }
    return encoded.stream()
        .sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("&"));
  }

  private static String canonicalHeaders(IncomingRequest request, List<String> signedHeaders) {
    StringBuilder out = new StringBuilder();
    for (String name : signedHeaders) {
      List<String> values = request.headers().getOrDefault(name, List.of());
      out.append(name).append(':')
          .append(values.stream().map(CanonicalRequest::trimAll).collect(Collectors.joining(",")))
          .append('\n');
    }
    return out.toString();
  }

  private static String trimAll(String value) {
    return value.strip().replaceAll("[ \\t]+", " ");
  }
}
