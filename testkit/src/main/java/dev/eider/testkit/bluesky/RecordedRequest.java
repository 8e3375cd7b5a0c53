package dev.eider.testkit.bluesky;

import java.time.Instant;
import java.util.Map;

/**
 * One request the fake served: which XRPC method, its query params (first value of each), when it
 * arrived (wall clock and {@link System#nanoTime()} for measuring backoff), the status answered
 * and whether it carried a valid access token.
 */
public record RecordedRequest(long sequence, String method, String httpMethod, Map<String, String> params,
                              Instant arrivedAt, long arrivedNanos, int status, boolean authenticated) {
}
