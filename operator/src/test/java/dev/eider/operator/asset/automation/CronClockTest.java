package dev.eider.operator.asset.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Ticks of a five-field cron expression, read in a time zone. */
class CronClockTest {

  final CronClock hourly = CronClock.of("0 * * * *", "UTC");

  @Test
  void tickExactlyAtTheInstantIsTheLastTick() {
    Instant tick = Instant.parse("2025-01-01T13:00:00Z");

    assertThat(hourly.lastTickAtOrBefore(tick)).contains(tick);
  }

  @Test
  void betweenTicksTheLastTickIsThePreviousOne() {
    assertThat(hourly.lastTickAtOrBefore(Instant.parse("2025-01-01T13:00:30Z"))).contains(Instant.parse("2025-01-01T13:00:00Z"));
    assertThat(hourly.lastTickAtOrBefore(Instant.parse("2025-01-01T13:59:59.999Z"))).contains(Instant.parse("2025-01-01T13:00:00Z"));
    assertThat(hourly.lastTickAtOrBefore(Instant.parse("2025-01-01T13:00:00.001Z"))).contains(Instant.parse("2025-01-01T13:00:00Z"));
  }

  @Test
  void nextTickIsStrictlyAfter() {
    assertThat(hourly.nextTickAfter(Instant.parse("2025-01-01T13:00:00Z"))).contains(Instant.parse("2025-01-01T14:00:00Z"));
    assertThat(hourly.nextTickAfter(Instant.parse("2025-01-01T13:59:59.500Z"))).contains(Instant.parse("2025-01-01T14:00:00Z"));
  }

  @Test
  void scheduleIsReadInItsTimeZoneAcrossDaylightSaving() {
    CronClock paris = CronClock.of("0 6 * * *", "Europe/Paris");

    assertThat(paris.nextTickAfter(Instant.parse("2025-01-15T00:00:00Z"))).contains(Instant.parse("2025-01-15T05:00:00Z"));
    assertThat(paris.nextTickAfter(Instant.parse("2025-07-15T00:00:00Z"))).contains(Instant.parse("2025-07-15T04:00:00Z"));
    assertThat(paris.lastTickAtOrBefore(Instant.parse("2025-07-15T04:00:00Z"))).contains(Instant.parse("2025-07-15T04:00:00Z"));
  }

  @Test
  void missingTimeZoneMeansUtc() {
    assertThat(CronClock.of("0 0 * * *", null).zone().getId()).isEqualTo("UTC");
  }

  @Test
  void invalidExpressionIsAProgrammingErrorHere() {
    assertThatThrownBy(() -> CronClock.of("61 * * * *", "UTC")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CronClock.of("0 * * * *", "Mars/Olympus")).isInstanceOf(IllegalArgumentException.class);
  }
}
