package dev.eider.testkit.bluesky;

import java.time.Clock;
import java.time.Duration;

/**
 * The two limits of the real service: 3000 requests per 5 minutes per client IP for everything,
 * and 30 createSession calls per 5 minutes per account (identifier + IP). Both are enforced and
 * reported in RateLimit-* headers; tests can shrink them to hit them quickly.
 */
public final class BlueskyRateLimits {

    public static final int DEFAULT_GLOBAL_LIMIT = 3000;
    public static final int DEFAULT_CREATE_SESSION_LIMIT = 30;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    private final RateLimitWindow global;
    private final RateLimitWindow createSession;

    BlueskyRateLimits(Clock clock) {
        this.global = new RateLimitWindow(DEFAULT_GLOBAL_LIMIT, DEFAULT_WINDOW, clock);
        this.createSession = new RateLimitWindow(DEFAULT_CREATE_SESSION_LIMIT, DEFAULT_WINDOW, clock);
    }

    /** Sets the per-IP limit for all requests and forgets what was counted so far. */
    public BlueskyRateLimits global(int limit, Duration window) {
        global.configure(limit, window);
        return this;
    }

    /** Sets the per-account login limit and forgets what was counted so far. */
    public BlueskyRateLimits createSession(int limit, Duration window) {
        createSession.configure(limit, window);
        return this;
    }

    /** Forgets every counted request, as if all windows had just expired. */
    public void reset() {
        global.reset();
        createSession.reset();
    }

    RateLimitWindow globalWindow() {
        return global;
    }

    RateLimitWindow createSessionWindow() {
        return createSession;
    }
}
