package dev.eider.testkit.s3;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as the front received it: the raw path and query exactly as sent (the signature
 * covers those bytes, and they are forwarded unchanged), headers by lower-case name, and the whole
 * body, read before anything is decided because its hash and (for DeleteObjects) its keys are part
 * of the decision.
 */
record IncomingRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

  /** A query parameter as sent, still percent-encoded. */
  record QueryParameter(String rawName, String rawValue) {

    String name() {
      return PercentCoding.decode(rawName);
    }

    String value() {
      return PercentCoding.decodeQueryValue(rawValue);
    }
  }

  IncomingRequest {
    Map<String, List<String>> lowerCase = new TreeMap<>();
    headers.forEach((name, values) -> lowerCase.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
    lowerCase.replaceAll((name, values) -> List.copyOf(values));
    headers = Collections.unmodifiableMap(lowerCase);
    rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    rawQuery = rawQuery == null ? "" : rawQuery;
  }

  /** The first value of a header, or null. */
  String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  List<QueryParameter> query() {
    List<QueryParameter> parameters = new ArrayList<>();
    if (rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      parameters.add(equals < 0 ? new QueryParameter(pair, "") : new QueryParameter(pair.substring(0, equals), pair.substring(equals + 1)));
    }
    return parameters;
  }

  /** The decoded value of the first parameter named {@code name}, or null. */
  String queryValue(String name) {
    return query().stream().filter(p -> p.name().equals(name)).map(QueryParameter::value).findFirst().orElse(null);
  }

  /** Path and query as they go on the wire. */
  String rawTarget() {
    return rawQuery.isEmpty() ? rawPath : rawPath + "?" + rawQuery;
  }
}
