package dev.eider.operator.asset.partition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.TimeWindowPartitions;
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

  static TimeWindows windows(String cron, String start, String end, String timezone) {
    TimeWindowPartitions spec = new TimeWindowPartitions();
    spec.setCron(cron);
    spec.setStart(start);
    spec.setEnd(end);
    spec.setTimezone(timezone);
    return new TimeWindows(spec);
  }
}
