package dev.eider.testkit.s3;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * S3Mock's own answers to plain GetObject requests, kept in memory and given again, byte for byte,
 * until anything is written. S3Mock reads and parses its bucket's metadata (every key) on each
 * request, so a thousand GETs cost this JVM seconds of CPU that an object store elsewhere would not
 * take from the cores it shares with the client; benchmarks that read the same objects round after
 * round turn this on, tests do not.
 *
 * <p>Only what S3Mock would answer alike is taken from memory: a 200 answer to a GET without a
 * query, given again for the same path and the same headers (but those of {@link
 * #PER_REQUEST_HEADERS}), and an {@code If-Match}, if any, equal to its ETag; anything else goes to
 * S3Mock (a stale {@code If-Match} gets its 412, a range its 206).
 * Every request that may write forgets everything kept, before and after it is forwarded, and an
 * answer read while a write was under way is not kept.
 */
final class ObjectReadCache {

  /** An answer as the client gets it: status, headers (one hop's own left out), body. */
  record Answer(int status, Map<String, List<String>> headers, byte[] body) {

    String header(String name) {
      for (Map.Entry<String, List<String>> header : headers.entrySet()) {
        if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
          return header.getValue().get(0);
        }
      }
      return null;
    }
  }

  /**
   * Headers that differ between requests for the same answer (signing, time, the SDK's request
   * ids, framing) or that are checked against the kept answer ({@code If-Match}). Every other
   * header is part of what identifies an answer: a GET kept with one set of them is given only to
   * a request with the same set.
   */
  private static final Set<String> PER_REQUEST_HEADERS = Set.of("host", "authorization", "x-amz-date", "x-amz-content-sha256",
      "x-amz-security-token", "user-agent", "x-amz-user-agent", "amz-sdk-invocation-id", "amz-sdk-request", "connection",
      "content-length", "if-match");

  private final long maxBytes;
  private final LinkedHashMap<String, Answer> answers = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;
  private long writes;
  private long hits;

  /** @param maxBytes the most body bytes kept at once; the least recently used answers go first */
  ObjectReadCache(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("a read cache needs a positive size, not " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /** What identifies {@code request}'s answer (path and headers), or null when it must go to S3Mock. */
  static String keyOf(IncomingRequest request) {
    if (!request.method().equals("GET") || !request.rawQuery().isEmpty()) {
      return null;
    }
    StringBuilder key = new StringBuilder(request.rawPath());
    // IncomingRequest's headers are sorted by lower-case name.
    request.headers().forEach((name, values) -> {
      if (!PER_REQUEST_HEADERS.contains(name)) {
        key.append('\n').append(name).append(": ").append(values);
      }
    });
    return key.toString();
  }

  /** Whether {@code method} may change what a later GET answers. */
  static boolean mayWrite(String method) {
    return !method.equals("GET") && !method.equals("HEAD");
  }

  /** The kept answer for {@code key}, when it also meets {@code ifMatch} (null: no condition); else null. */
  synchronized Answer find(String key, String ifMatch) {
    Answer answer = answers.get(key);
    if (answer == null || (ifMatch != null && !ifMatch.equals(answer.header("ETag")))) {
      return null;
    }
    hits++;
    return answer;
  }

  /** How many writes have begun or ended: an answer is kept only if none did while it was read. */
  synchronized long writes() {
    return writes;
  }

  /** Keeps a 200 answer read while no write began or ended ({@code writesBefore} = {@link #writes()} before). */
  synchronized void keep(String key, long writesBefore, Answer answer) {
    if (answer.status() != 200 || writes != writesBefore || answer.body().length > maxBytes) {
      return;
    }
    Answer replaced = answers.put(key, answer);
    bytes += answer.body().length - (replaced == null ? 0 : replaced.body().length);
    Iterator<Answer> eldest = answers.values().iterator();
    while (bytes > maxBytes) {
      bytes -= eldest.next().body().length;
      eldest.remove();
    }
  }

  /** A write begins or ends: nothing kept may be given again. */
  synchronized void forgetAll() {
    writes++;
    answers.clear();
    bytes = 0;
  }

  /** Answers given from memory so far. */
  synchronized long hits() {
    return hits;
  }
}
