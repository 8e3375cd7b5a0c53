package dev.eider.operator.asset.partition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.TimeWindowPartitions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Time-window partitions: one per interval between cron ticks, keyed by its start, once it has ended. */
class TimeWindowsTest {

  @Test
  void dailyWindowsAreKeyedByDate() {
    TimeWindows daily = windows("0 0 * * *", "2025-01-01", null, null);

    assertThat(daily.keysUntil(Instant.parse("2025-01-03T00:00:00Z"))).containsExactly("2025-01-01", "2025-01-02");
  }

  @Test
  void hourlyWindowsAreKeyedByDateAndMinute() {
    TimeWindows hourly = windows("0 * * * *", "2025-01-01T12:00", null, null);

    assertThat(hourly.keysUntil(Instant.parse("2025-01-01T14:30:00Z"))).containsExactly("2025-01-01T12:00", "2025-01-01T13:00");
  }

  @Test
  void windowExistsOnlyOnceItHasEnded() {
    TimeWindows daily = windows("0 0 * * *", "2025-01-01", null, null);

    assertThat(daily.keysUntil(Instant.parse("2025-01-01T23:59:59Z"))).isEmpty();
    assertThat(daily.keysUntil(Instant.parse("2025-01-02T00:00:00Z"))).containsExactly("2025-01-01");
  }

  @Test
  void windowsFollowTheirTimeZone() {
    TimeWindows paris = windows("0 0 * * *", "2025-01-01", null, "Europe/Paris");
    TimeWindows utc = windows("0 0 * * *", "2025-01-01", null, "UTC");
    Instant parisMidnight = Instant.parse("2025-01-01T23:00:00Z");

    assertThat(paris.keysUntil(parisMidnight)).containsExactly("2025-01-01");
    assertThat(utc.keysUntil(parisMidnight)).isEmpty();
  }

  @Test
  void dailyWindowsStartingOnADaylightSavingDayAreStillKeyedByDate() {
    // 2025-03-30 has 23 hours in Paris.
    TimeWindows paris = windows("0 0 * * *", "2025-03-30", null, "Europe/Paris");

    assertThat(paris.keysUntil(Instant.parse("2025-04-01T00:00:00Z"))).containsExactly("2025-03-30", "2025-03-31");
  }

  @Test
  void hourlyWindowsAcrossTheAutumnClockChangeHaveDistinctKeys() {
    // 2025-10-26 in Paris: 02:00-03:00 happens twice.
    TimeWindows paris = windows("0 * * * *", "2025-10-26T00:00", null, "Europe/Paris");

    List<String> keys = paris.keysUntil(Instant.parse("2025-10-26T05:00:00Z"));

    assertThat(keys).containsExactly("2025-10-26T00:00", "2025-10-26T01:00", "2025-10-26T02:00", "2025-10-26T03:00",
        "2025-10-26T04:00", "2025-10-26T05:00");
    // The doubled hour is one window that ends with its second occurrence.
    assertThat(paris.keysUntil(Instant.parse("2025-10-26T01:30:00Z"))).containsExactly("2025-10-26T00:00", "2025-10-26T01:00");
    assertThat(paris.shift("2025-10-26T03:00", -1)).contains("2025-10-26T02:00");
    assertThat(paris.shift("2025-10-26T02:00", -1)).contains("2025-10-26T01:00");
    assertThat(paris.shift("2025-10-26T01:00", 1)).contains("2025-10-26T02:00");
    assertThat(paris.shift("2025-10-26T02:00", 1)).contains("2025-10-26T03:00");
  }

  @Test
  void endBoundsTheLastWindow() {
    TimeWindows bounded = windows("0 0 * * *", "2025-01-01", "2025-01-04", null);

    assertThat(bounded.keysUntil(Instant.parse("2026-01-01T00:00:00Z"))).containsExactly("2025-01-01", "2025-01-02", "2025-01-03");
  }

  @Test
  void startBetweenTicksBeginsAtTheNextTick() {
    TimeWindows daily = windows("0 0 * * *", "2025-01-01T12:00", null, null);

    assertThat(daily.keysUntil(Instant.parse("2025-01-04T00:00:00Z"))).containsExactly("2025-01-02", "2025-01-03");
  }

  @Test
  void shiftMovesByWholeWindowsAndNotBeforeTheFirst() {
    TimeWindows daily = windows("0 0 * * *", "2025-01-01", null, null);

    assertThat(daily.shift("2025-01-05", 0)).contains("2025-01-05");
    assertThat(daily.shift("2025-01-05", -1)).contains("2025-01-04");
    assertThat(daily.shift("2025-01-05", 2)).contains("2025-01-07");
    assertThat(daily.shift("2025-01-02", -1)).contains("2025-01-01");
    assertThat(daily.shift("2025-01-01", -1)).isEmpty();
  }

  @Test
  void shiftOfHourlyWindows() {
    TimeWindows hourly = windows("0 * * * *", "2025-01-01T00:00", null, null);

    assertThat(hourly.shift("2025-01-01T13:00", -3)).contains("2025-01-01T10:00");
    assertThat(hourly.shift("2025-01-01T23:00", 1)).contains("2025-01-02T00:00");
  }

  @Test
  void shiftOfDailyWindowsThatDoNotStartAtMidnight() {
    // Daily windows from 06:00 to 06:00 are keyed by their date, which does not say 06:00.
    TimeWindows morning = windows("0 6 * * *", "2025-01-01T06:00", null, null);

    assertThat(morning.keysUntil(Instant.parse("2025-01-04T06:00:00Z"))).containsExactly("2025-01-01", "2025-01-02", "2025-01-03");
    assertThat(morning.shift("2025-01-02", 1)).contains("2025-01-03");
    assertThat(morning.shift("2025-01-02", -1)).contains("2025-01-01");
    assertThat(morning.shift("2025-01-02", 0)).contains("2025-01-02");
  }

  @Test
  void windowEndingAtATickIsTheOneBeforeIt() {
    TimeWindows daily = windows("0 0 * * *", "2025-01-01", null, "Europe/Paris");

    assertThat(daily.windowEndingAt(Instant.parse("2025-01-02T23:00:00Z"))).contains("2025-01-02");
    assertThat(daily.newestWindowEndedBy(Instant.parse("2025-01-03T05:00:00Z"))).contains("2025-01-02");
    assertThat(daily.newestWindowEndedBy(Instant.parse("2025-01-02T23:00:00Z"))).contains("2025-01-02");
  }

  /**
   * The limit is 100,000 windows (see theLimitHoldsAtItsBoundary for where it falls), and a bound
   * spares the walk to specs far from it: ten years of hourly windows, or any with an end.
   */
  @Test
  void specsFarFromTheLimitAreNotWalked() {
    assertThat(TimeWindows.MAX_WINDOWS).isEqualTo(100_000);
    Instant now = Instant.parse("2025-03-10T12:00:00Z");

    assertThat(windows("0 * * * *", "2015-03-10", null, null).ticksAtMost(now)).isBetween(87_000L, 100_000L);
    assertThat(windows("0 * * * *", "1970-01-01", "1980-01-01", null).ticksAtMost(Instant.parse("1980-01-01T00:00:00Z"))).isLessThan(100_000L);
    assertThat(windows("0 * * * *", "1970-01-01", "1980-01-01", null).exceedsLimit(now)).isFalse();
  }

  /**
   * The bound that spares most validations the walk is never below the windows there are, or a
   * spec over the limit would get through: clock changes (an hour skipped, an hour twice, a daily
   * tick inside the skipped hour), weekdays only, a tick a minute, a leap day.
   */
  @Test
  void theBoundIsNeverBelowTheWindows() {
    String[][] schedules = {{"0 * * * *", "Europe/Paris", "2000-01-01T00:00", "400"}, {"30 2 * * *", "Europe/Paris", "2000-01-01T00:00", "3000"},
        {"*/30 9-17 * * 1-5", "America/New_York", "2000-01-01T00:00", "600"}, {"* * * * *", "UTC", "2000-01-01T00:00", "10"},
        {"*/5 * * * 0", "Australia/Lord_Howe", "2000-01-01T00:00", "400"}, {"0 0 29 2 *", "UTC", "1990-01-01T00:00", "20000"},
        {"0 12 * * *", "UTC", "2025-03-10T13:00", "0"}};
    for (String[] schedule : schedules) {
      TimeWindows windows = windows(schedule[0], schedule[2], null, schedule[1]);
      Instant until = TimeWindows.parse(schedule[2]).atZone(java.time.ZoneId.of(schedule[1])).toInstant().plus(Duration.ofDays(Long.parseLong(schedule[3])));
      int actual = windows.keysUntil(until, Integer.MAX_VALUE).size();

      assertThat(windows.ticksAtMost(until)).as("%s in %s for %s days: %d windows", schedule[0], schedule[1], schedule[3], actual)
          .isGreaterThanOrEqualTo(actual);
    }
  }

  /** At the end of the limit's last window the spec is within it; at the end of the next, beyond it. */
  @Test
  void theLimitHoldsAtItsBoundary() {
    TimeWindows hourly = windows("0 * * * *", "2000-01-01T00:00", null, "Europe/Paris");
    List<String> keys = hourly.keysUntil(Instant.parse("2999-01-01T00:00:00Z"), 5_002);
    // The 5,002nd window starts where the 5,001st ends.
    Instant boundary = TimeWindows.parse(keys.get(5_001)).atZone(java.time.ZoneId.of("Europe/Paris")).toInstant();

    assertThat(hourly.exceeds(boundary, 5_000)).isTrue();
    assertThat(hourly.exceeds(boundary.minusSeconds(1), 5_000)).isFalse();
  }

  static TimeWindows windows(String cron, String start, String end, String timezone) {
    TimeWindowPartitions spec = new TimeWindowPartitions();
    spec.setCron(cron);
    spec.setStart(start);
    spec.setEnd(end);
    spec.setTimezone(timezone);
    return new TimeWindows(spec);
  }
}
