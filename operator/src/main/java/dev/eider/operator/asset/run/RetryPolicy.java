package dev.eider.operator.asset.run;

import dev.eider.contract.time.Durations;
import dev.eider.operator.api.asset.BackoffSpec;
import dev.eider.operator.api.asset.RetrySpec;
import dev.eider.operator.platform.EiderConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * When a failed run is tried again: {@code initial * multiplier^(attempt-1)}, capped at {@code max},
 * spread by {@code jitter}. The jitter is derived from the run's name, not a random draw, so every
 * reconcile (and a restarted operator) computes the same time.
 */
public final class RetryPolicy {

  static final double DEFAULT_JITTER = 0.2;

  private final int maxAttempts;
  private final Duration initial;
  private final double multiplier;
  private final Duration max;
  private final double jitter;

  public RetryPolicy(RetrySpec spec, EiderConfig.Runs defaults) {
    BackoffSpec backoff = spec == null || spec.getBackoff() == null ? new BackoffSpec() : spec.getBackoff();
    this.maxAttempts = spec != null && spec.getMaxAttempts() != null ? spec.getMaxAttempts() : defaults.maxAttempts();
    this.initial = duration(backoff.getInitial()).orElse(defaults.backoffInitial());
    this.multiplier = backoff.getMultiplier() != null ? backoff.getMultiplier() : 2.0;
    this.max = duration(backoff.getMax()).orElse(defaults.backoffMax());
    // The CRD's default: runs that failed together (a rate limit, an outage) do not retry in lockstep.
    this.jitter = backoff.getJitter() != null ? backoff.getJitter() : DEFAULT_JITTER;
  }

  private static Optional<Duration> duration(String text) {
    return text == null ? Optional.empty() : Durations.parse(text);
  }

  /** Whether a run that was attempt {@code attempt} may be followed by another. */
  public boolean allowsAnotherAfter(int attempt) {
    return attempt < maxAttempts;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /** The pause after failed attempt {@code attempt} (1-based) of the run named {@code runName}. */
  public Duration delayAfter(int attempt, String runName) {
    double base = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
    double capped = Math.min(base, max.toMillis());
    // A fraction in [-1, 1) fixed by the run's name.
    double spread = ((runName.hashCode() & 0xffff) / 32768.0) - 1.0;
    // Jitter spreads the wait but never past max, the longest wait the spec allows.
    return Duration.ofMillis(Math.max(0, Math.min(max.toMillis(), Math.round(capped * (1 + jitter * spread)))));
  }
}
