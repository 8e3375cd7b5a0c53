package dev.eider.worker.bluesky.xrpc;

import dev.eider.worker.bluesky.BlueskyConfig;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.RateLimitType;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every XRPC call of a run goes through here: a client-side rate limit below the server's, and
 * bounded retries with exponential backoff and jitter on transient failures (429, 5xx, network),
 * honouring {@code Retry-After}. Built on SmallRye Fault Tolerance.
 */
public final class GuardedXrpc {

  private final Guard guard;
  private final int maxRetries;
  private final AtomicInteger retries = new AtomicInteger();

  public GuardedXrpc(BlueskyConfig config) {
    this.maxRetries = config.maxRetries();
    BlueskyConfig.RateLimit limit = config.clientRateLimit();
    this.guard = Guard.create()
        .withDescription("bluesky-xrpc")
        .withRateLimit()
            .limit(limit.requests())
            .window(limit.window().toMillis(), ChronoUnit.MILLIS)
            // A rolling window, as the server counts: bursts are fine until the window's quota is
            // spent, then a call waits (a retry after the limiter's own retry-after) for room.
            .type(RateLimitType.ROLLING)
            .done()
        .withRetry()
            .maxRetries(config.maxRetries())
            .delay(config.initialBackoff().toMillis(), ChronoUnit.MILLIS)
            .jitter(0, ChronoUnit.MILLIS)
            .maxDuration(30, ChronoUnit.MINUTES)
            .whenException(GuardedXrpc::retryable)
            .beforeRetry(() -> retries.incrementAndGet())
            .withCustomBackoff().strategy(() -> new RetryAfterBackoff(config.maxBackoff())).done()
            .done()
        .build();
  }

  static boolean retryable(Throwable failure) {
    return failure instanceof RateLimitException || (failure instanceof XrpcException xrpc && xrpc.isTransient());
  }

  /** Runs {@code call} under the rate limit and retry policy; rethrows the last failure when they give up. */
  public <T> T call(Callable<T> call, Class<T> type) {
    try {
      return guard.call(call, type);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Retries so far in this run: reported in the result, useful when a run is slow. */
  public int retries() {
    return retries.get();
  }

  public int maxRetries() {
    return maxRetries;
  }
}
