package dev.eider.operator.asset.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.BackoffSpec;
import dev.eider.operator.api.asset.RetrySpec;
import dev.eider.operator.platform.TestEiderConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a failed run is tried again: exponential, capped, spread by a jitter fixed by the run's name. */
class RetryPolicyTest {

  final TestEiderConfig.TestRuns defaults = new TestEiderConfig().runs;

  @Test
  void delayGrowsExponentiallyUntilItsCap() {
    RetryPolicy policy = new RetryPolicy(retry(5, "30s", 2.0, "10m", 0.0), defaults);

    assertThat(policy.delayAfter(1, "run")).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.delayAfter(2, "run")).isEqualTo(Duration.ofSeconds(60));
    assertThat(policy.delayAfter(3, "run")).isEqualTo(Duration.ofSeconds(120));
    assertThat(policy.delayAfter(5, "run")).isEqualTo(Duration.ofSeconds(480));
    assertThat(policy.delayAfter(6, "run")).isEqualTo(Duration.ofMinutes(10));
    assertThat(policy.delayAfter(100, "run")).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void jitterStaysWithinItsFractionAndIsFixedByTheRunName() {
    RetryPolicy policy = new RetryPolicy(retry(5, "30s", 2.0, "10m", 0.2), defaults);
    Set<Duration> seen = new HashSet<>();

    for (int i = 0; i < 500; i++) {
      String run = "actor-feed-snapshot-" + Integer.toHexString(i * 7919) + "-1";
      Duration delay = policy.delayAfter(2, run);
      assertThat(delay).isBetween(Duration.ofSeconds(48), Duration.ofSeconds(72));
      assertThat(policy.delayAfter(2, run)).isEqualTo(delay);
      seen.add(delay);
    }
    assertThat(seen).hasSizeGreaterThan(100);
    // As BackoffSpec documents: min(max, initial * multiplier^(attempt-1)) * (1 +- jitter), so the
    // spread applies around the cap too.
    assertThat(policy.delayAfter(9, "actor-feed-snapshot-0-1")).isBetween(Duration.ofMinutes(8), Duration.ofMinutes(12));
  }

  @Test
  void jitterOfOneNeverMakesANegativeDelay() {
    RetryPolicy policy = new RetryPolicy(retry(5, "30s", 2.0, "10m", 1.0), defaults);

    for (int i = 0; i < 200; i++) {
      assertThat(policy.delayAfter(1, "r" + i)).isBetween(Duration.ZERO, Duration.ofSeconds(60));
    }
  }

  @Test
  void withoutARetrySpecTheOperatorDefaultsApply() {
    defaults.maxAttempts = 4;
    defaults.backoffInitial = Duration.ofSeconds(10);
    defaults.backoffMax = Duration.ofSeconds(25);
    RetryPolicy policy = new RetryPolicy(null, defaults);

    // The CRD's default jitter (0.2) spreads each wait, never past max.
    assertThat(policy.maxAttempts()).isEqualTo(4);
    assertThat(policy.delayAfter(1, "run")).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
    assertThat(policy.delayAfter(2, "run")).isBetween(Duration.ofSeconds(16), Duration.ofSeconds(24));
    assertThat(policy.delayAfter(3, "run")).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(25));
  }

  @Test
  void retrySpecWithoutBackoffTakesTheDefaultBackoff() {
    RetrySpec spec = new RetrySpec();
    spec.setMaxAttempts(7);

    RetryPolicy policy = new RetryPolicy(spec, defaults);

    assertThat(policy.maxAttempts()).isEqualTo(7);
    assertThat(policy.delayAfter(1, "run")).isBetween(defaults.backoffInitial.multipliedBy(8).dividedBy(10),
        defaults.backoffInitial.multipliedBy(12).dividedBy(10));
  }

  @Test
  void anotherAttemptIsAllowedUntilMaxAttempts() {
    RetryPolicy policy = new RetryPolicy(retry(3, "30s", 2.0, "10m", 0.0), defaults);

    assertThat(policy.allowsAnotherAfter(1)).isTrue();
    assertThat(policy.allowsAnotherAfter(2)).isTrue();
    assertThat(policy.allowsAnotherAfter(3)).isFalse();
    assertThat(new RetryPolicy(retry(1, "30s", 2.0, "10m", 0.0), defaults).allowsAnotherAfter(1)).isFalse();
  }

  static RetrySpec retry(int maxAttempts, String initial, double multiplier, String max, double jitter) {
    BackoffSpec backoff = new BackoffSpec();
    backoff.setInitial(initial);
    backoff.setMultiplier(multiplier);
    backoff.setMax(max);
    backoff.setJitter(jitter);
    RetrySpec spec = new RetrySpec();
    spec.setMaxAttempts(maxAttempts);
    spec.setBackoff(backoff);
    return spec;
  }
}
