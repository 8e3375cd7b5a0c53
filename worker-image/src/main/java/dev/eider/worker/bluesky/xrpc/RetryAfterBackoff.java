package dev.eider.worker.bluesky.xrpc;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.RateLimitException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter that gives way to the server: a 429's {@code Retry-After} (or
 * {@code RateLimit-Reset}) and our own rate limiter's next permit are waited for as asked.
 * One instance per guarded call (SmallRye creates it through a supplier), so the attempt count
 * is that call's.
 */
final class RetryAfterBackoff implements CustomBackoffStrategy {

  static final double JITTER = 0.2;

  private final Duration maxBackoff;
  private long initialMillis;
  private int attempt;

  RetryAfterBackoff(Duration maxBackoff) {
    this.maxBackoff = maxBackoff;
  }

  @Override
  public void init(long initialDelayInMillis) {
    this.initialMillis = initialDelayInMillis;
  }

  @Override
  public long nextDelayInMillis(Throwable failure) {
    if (failure instanceof RateLimitException limited) {
      return Math.max(1, limited.getRetryAfterMillis());
    }
    if (failure instanceof XrpcException xrpc && xrpc.retryAfter().isPresent()) {
      // The server knows when it will take us again; guessing shorter only earns another 429.
      return Math.max(1, xrpc.retryAfter().get().toMillis());
    }
    long exponential = initialMillis << Math.min(attempt++, 30);
    long capped = Math.min(Math.max(exponential, 1), maxBackoff.toMillis());
    double spread = 1 + ThreadLocalRandom.current().nextDouble(-JITTER, JITTER);
    return Math.max(1, Math.round(capped * spread));
  }
}
