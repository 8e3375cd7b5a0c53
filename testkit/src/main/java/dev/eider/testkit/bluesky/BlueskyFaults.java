package dev.eider.testkit.bluesky;

import java.time.Duration;

/**
 * Fault switches, each doing exactly what it says. On {@code server.faults()} they apply to every
 * XRPC method; on {@code faults().forMethod(nsid)} only to that method. Several switches can be
 * active: a request gets every matching delay and at most one response fault (the oldest
 * matching one). Thread-safe.
 */
public final class BlueskyFaults {

    /** How {@link #malformedNext(int, Malformation)} breaks a 200 response. */
    public enum Malformation {
        /** The JSON body cut in half, with a matching Content-Length: a parser error. */
        TRUNCATED_JSON,
        /** Valid JSON keeping only "cursor": e.g. a feed page without "feed", a list without "items". */
        MISSING_FIELDS
    }

    private final FaultRules rules;
    private final String scope;

    BlueskyFaults(FaultRules rules, String scope) {
        this.rules = rules;
        this.scope = scope;
    }

    /** The same switches, applying only to one XRPC method, e.g. "app.bsky.feed.getAuthorFeed". */
    public BlueskyFaults forMethod(String nsid) {
        return new BlueskyFaults(rules, nsid);
    }

    /** The next {@code count} requests get 429 RateLimitExceeded with Retry-After and RateLimit-Reset. */
    public BlueskyFaults rateLimitNext(int count, Duration retryAfter) {
        return add(FaultRules.Kind.RATE_LIMIT, positive(count), 429, retryAfter, null);
    }

    /** The next {@code count} requests fail with {@code status} (e.g. 502, 503) and an XRPC error body. */
    public BlueskyFaults serverErrorNext(int count, int status) {
        return add(FaultRules.Kind.SERVER_ERROR, positive(count), serverStatus(status), Duration.ZERO, null);
    }

    /** Every request fails with {@code status} until {@link #clear()}. */
    public BlueskyFaults serverErrorAlways(int status) {
        return add(FaultRules.Kind.SERVER_ERROR, -1, serverStatus(status), Duration.ZERO, null);
    }

    /** Every response is held back by {@code delay} until {@link #clear()} (other requests are not blocked). */
    public BlueskyFaults delay(Duration delay) {
        return add(FaultRules.Kind.DELAY, -1, 0, delay, null);
    }

    /** The next {@code count} requests get a 200 whose JSON body is truncated. */
    public BlueskyFaults malformedNext(int count) {
        return malformedNext(count, Malformation.TRUNCATED_JSON);
    }

    /** The next {@code count} requests get a 200 with a body broken as {@code how} says. */
    public BlueskyFaults malformedNext(int count, Malformation how) {
        return add(FaultRules.Kind.MALFORMED, positive(count), 200, Duration.ZERO, how);
    }

    /** Removes this scope's switches; on the server-wide faults, removes every switch. */
    public void clear() {
        rules.clear(scope);
    }

    private BlueskyFaults add(FaultRules.Kind kind, int remaining, int status, Duration duration,
                              Malformation how) {
        rules.add(new FaultRules.Rule(kind, scope, remaining, status, duration, how));
        return this;
    }

    private static int positive(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        return count;
    }

    private static int serverStatus(int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("a server error is a 5xx status, got " + status);
        }
        return status;
    }
}
