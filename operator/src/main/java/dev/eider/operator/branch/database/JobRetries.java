package dev.eider.operator.branch.database;

import java.time.Duration;

/**
 * How clone and drop Jobs are retried: up to {@code maxAttempts} clones, drops until they succeed;
 * the wait doubles from {@code backoff} with each failed attempt, up to {@link #MAX_WAIT}.
 */
public record JobRetries(int maxAttempts, Duration backoff) {

  public static final Duration MAX_WAIT = Duration.ofMinutes(5);

  /** The wait after the {@code attempt}-th failure. */
  public Duration after(int attempt) {
    Duration wait = backoff;
    for (int i = 1; i < attempt && wait.compareTo(MAX_WAIT) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
  }
}
