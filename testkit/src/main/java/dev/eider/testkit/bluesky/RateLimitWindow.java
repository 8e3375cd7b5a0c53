package dev.eider.testkit.bluesky;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A fixed-window counter per key (client IP, or identifier + IP for logins), like the PDS's
 * limiter: the window starts at a key's first request, every request counts (refused ones too),
 * and more than {@code limit} requests before the window ends are refused until it resets.
 */
final class RateLimitWindow {

    private final Clock clock;
    private final Map<String, long[]> windows = new HashMap<>(); // key -> {start millis, count}
    private int limit;
    private Duration window;

    RateLimitWindow(int limit, Duration window, Clock clock) {
        this.clock = clock;
        configure(limit, window);
    }

    synchronized void configure(int newLimit, Duration newWindow) {
        if (newLimit < 1 || newWindow.toMillis() < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive limit and window");
        }
        limit = newLimit;
        window = newWindow;
        windows.clear();
    }

    synchronized void reset() {
        windows.clear();
    }

    synchronized RateLimitDecision consume(String key) {
        long now = clock.millis();
        long[] state = windows.get(key);
        if (state == null || now >= state[0] + window.toMillis()) {
            state = new long[] {now, 0};
            windows.put(key, state);
        }
        state[1]++;
        long end = state[0] + window.toMillis();
        boolean allowed = state[1] <= limit;
        return new RateLimitDecision(limit, (int) Math.max(0, limit - state[1]), ceilSeconds(end),
                window.toSeconds(), Math.max(1, ceilSeconds(end - now)), allowed);
    }

    /** What a 429 from this limiter looks like when a fault forces one, retrying after {@code retryAfter}. */
    synchronized RateLimitDecision forcedRefusal(Duration retryAfter) {
        long now = clock.millis();
        long retrySeconds = ceilSeconds(retryAfter.toMillis());
        return new RateLimitDecision(limit, 0, ceilSeconds(now) + retrySeconds, window.toSeconds(), retrySeconds, false);
    }

    private static long ceilSeconds(long millis) {
        return Math.floorDiv(millis + 999, 1000);
    }
}
