package dev.eider.testkit.bluesky;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of one rate-limit window after a request, and the headers the PDS sends for it:
 * RateLimit-Limit, -Remaining, -Reset (Unix seconds), -Policy ("3000;w=300"), plus Retry-After
 * (seconds) when the request was refused.
 */
record RateLimitDecision(int limit, int remaining, long resetEpochSecond, long windowSeconds,
                         long retryAfterSeconds, boolean allowed) {

    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("RateLimit-Limit", Integer.toString(limit));
        headers.put("RateLimit-Remaining", Integer.toString(remaining));
        headers.put("RateLimit-Reset", Long.toString(resetEpochSecond));
        headers.put("RateLimit-Policy", limit + ";w=" + windowSeconds);
        if (!allowed) {
            headers.put("Retry-After", Long.toString(retryAfterSeconds));
        }
        return headers;
    }

    /** The 429 response the PDS sends for it. */
    XrpcError refusal() {
        return new XrpcError(429, "RateLimitExceeded", "Rate Limit Exceeded", headers());
    }
}
