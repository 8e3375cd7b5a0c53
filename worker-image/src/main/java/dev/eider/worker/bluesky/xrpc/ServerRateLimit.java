package dev.eider.worker.bluesky.xrpc;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the server last said about our quota ({@code RateLimit-Remaining}, {@code RateLimit-Reset}).
 * When it is spent, the next call waits for the reset instead of earning a 429.
 */
final class ServerRateLimit {

  private final Clock clock;
  private volatile long remaining = Long.MAX_VALUE;
  private volatile Instant reset = Instant.EPOCH;

  ServerRateLimit(Clock clock) {
    this.clock = clock;
  }

  void observe(HttpHeaders headers) {
    headers.firstValue("ratelimit-remaining").flatMap(ServerRateLimit::parseLong).ifPresent(r -> remaining = r);
    headers.firstValue("ratelimit-reset").flatMap(ServerRateLimit::parseLong).ifPresent(r -> reset = Instant.ofEpochSecond(r));
  }

  /** How long to wait before the next call, if the quota is spent and not yet reset. */
  Optional<Duration> waitBeforeNextCall() {
    Instant now = clock.instant();
    if (remaining > 0 || !reset.isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, reset));
  }

  /** The wait a 429 asks for: {@code Retry-After} seconds, else until {@code RateLimit-Reset}. */
  Optional<Duration> retryAfter(HttpHeaders headers) {
    Optional<Duration> retryAfter = explicitRetryAfter(headers);
    if (retryAfter.isPresent()) {
      return retryAfter;
    }
    return headers.firstValue("ratelimit-reset").flatMap(ServerRateLimit::parseLong)
        .map(epoch -> Duration.between(clock.instant(), Instant.ofEpochSecond(epoch)))
        .filter(d -> !d.isNegative());
  }

  /** The wait a {@code Retry-After} header asks for, in seconds (the form Bluesky sends). */
  Optional<Duration> explicitRetryAfter(HttpHeaders headers) {
    return headers.firstValue("retry-after").flatMap(ServerRateLimit::parseLong).map(Duration::ofSeconds);
  }

  private static Optional<Long> parseLong(String value) {
    try {
      return Optional.of(Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
