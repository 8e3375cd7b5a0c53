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
   * The bound that decides whether a walk may start at the first window is never below the windows
   * there are, or a spec over the limit would be walked from its start: clock changes (an hour
   * skipped, an hour twice, a daily tick inside the skipped hour), weekdays only, a tick a minute,
   * a leap day.
   */
  @Test
  void theBoundIsNeverBelowTheWindows() {
    String[][] schedules = {{"0 * * * *", "Europe/Paris", "2000-01-01T00:00", "400"}, {"30 2 * * *", "Europe/Paris", "2000-01-01T00:00", "3000"},
        {"*/30 9-17 * * 1-5", "America/New_York", "2000-01-01T00:00", "600"}, {"* * * * *", "UTC", "2000-01-01T00:00", "10"},
        {"*/5 * * * 0", "Australia/Lord_Howe", "2000-01-01T00:00", "400"}, {"0 0 29 2 *", "UTC", "1990-01-01T00:00", "20000"},
        {"0 12 * * *", "UTC", "2025-03-10T13:00", "0"}};
    for (String[] schedule : schedules) {
      TimeWindows windows = windows(schedule[0], schedule[2], null, schedule[1]);
      Instant until = at(schedule[2], schedule[1]).plus(Duration.ofDays(Long.parseLong(schedule[3])));
      int actual = ReferenceWalk.keys(schedule[0], schedule[1], schedule[2], null, until).size();

      assertThat(windows.ticksAtMost(until)).as("%s in %s for %s days: %d windows", schedule[0], schedule[1], schedule[3], actual)
          .isGreaterThanOrEqualTo(actual);
    }
  }

  /**
   * About 481,000 hourly windows from 1970 to 2025-03-10T12:00Z: the newest 100,000 are the
   * partitions, from 2013-10-12T20:00 to 2025-03-10T11:00, and the older ones are said dropped.
   */
  @Test
  void hourlyWindowsSince1970KeepTheNewest100000() {
    TimeWindows since1970 = windows("0 * * * *", "1970-01-01", null, null);

    TrackedWindows tracked = since1970.tracked(Instant.parse("2025-03-10T12:00:00Z"));

    assertThat(tracked.keys()).hasSize(100_000);
    assertThat(tracked.keys().get(0)).isEqualTo("2013-10-12T20:00");
    assertThat(tracked.keys().get(99_999)).isEqualTo("2025-03-10T11:00");
    assertThat(tracked.olderDropped()).isTrue();
    assertThat(tracked.firstTracked()).contains("2013-10-12T20:00");
    // Walked from a day near the newest windows, not from 1970: at most the limit plus a margin kept.
    assertThat(since1970.kept()).isBetween(100_000, 104_100);
  }

  /** Control: from 2015 there are 89,316 hourly windows until the same time, all tracked. */
  @Test
  void hourlyWindowsSince2015AreAllTracked() {
    TrackedWindows tracked = windows("0 * * * *", "2015-01-01", null, null).tracked(Instant.parse("2025-03-10T12:00:00Z"));

    assertThat(tracked.keys()).hasSize(89_316);
    assertThat(tracked.keys().get(0)).isEqualTo("2015-01-01T00:00");
    assertThat(tracked.keys().get(89_315)).isEqualTo("2025-03-10T11:00");
    assertThat(tracked.olderDropped()).isFalse();
    assertThat(tracked.firstTracked()).isEmpty();
  }

  /** The newest 100,000 windows before an end in 1985: the last is the hour before the end. */
  @Test
  void anEndBoundsTheNewestWindowsKept() {
    TrackedWindows tracked = windows("0 * * * *", "1970-01-01", "1985-01-01", null).tracked(Instant.parse("2025-03-10T12:00:00Z"));

    assertThat(tracked.keys()).hasSize(100_000);
    assertThat(tracked.keys().get(0)).isEqualTo("1973-08-05T08:00");
    assertThat(tracked.keys().get(99_999)).isEqualTo("1984-12-31T23:00");
    assertThat(tracked.olderDropped()).isTrue();
  }

  /** Later calls extend the windows computed: two hours later, two new windows, the two oldest gone. */
  @Test
  void windowsAreExtendedAsTimePasses() {
    TimeWindows since1970 = windows("0 * * * *", "1970-01-01", null, null);
    since1970.tracked(Instant.parse("2025-03-10T12:00:00Z"));

    TrackedWindows later = since1970.tracked(Instant.parse("2025-03-10T14:00:00Z"));

    assertThat(later.keys()).hasSize(100_000);
    assertThat(later.keys().get(0)).isEqualTo("2013-10-12T22:00");
    assertThat(later.keys().get(99_999)).isEqualTo("2025-03-10T13:00");
  }

  /**
   * With a limit of 5, ten days of daily windows: the newest 5 at each time asked, older ones said
   * dropped, and at most twice the limit kept in memory however long the series runs.
   */
  @Test
  void onlyTheNewestWindowsAreKeptInMemory() {
    TimeWindows daily = new TimeWindows(spec("0 0 * * *", "2025-01-01", null, null), 5);

    assertThat(daily.tracked(Instant.parse("2025-01-04T00:00:00Z"))).isEqualTo(new TrackedWindows(
        List.of("2025-01-01", "2025-01-02", "2025-01-03"), false));
    assertThat(daily.tracked(Instant.parse("2025-01-11T00:00:00Z"))).isEqualTo(new TrackedWindows(
        List.of("2025-01-06", "2025-01-07", "2025-01-08", "2025-01-09", "2025-01-10"), true));
    assertThat(daily.tracked(Instant.parse("2025-03-01T00:00:00Z")).keys())
        .containsExactly("2025-02-24", "2025-02-25", "2025-02-26", "2025-02-27", "2025-02-28");
    assertThat(daily.kept()).isBetween(5, 10);
  }

  /** A clock set back before the windows kept: the answer is walked again, still the newest 5 then. */
  @Test
  void anEarlierTimeThanTheWindowsKeptIsWalkedAgain() {
    TimeWindows daily = new TimeWindows(spec("0 0 * * *", "2025-01-01", null, null), 5);
    daily.tracked(Instant.parse("2025-03-01T00:00:00Z"));

    assertThat(daily.tracked(Instant.parse("2025-01-11T00:00:00Z"))).isEqualTo(new TrackedWindows(
        List.of("2025-01-06", "2025-01-07", "2025-01-08", "2025-01-09", "2025-01-10"), true));
    assertThat(daily.tracked(Instant.parse("2025-02-27T12:00:00Z")).keys())
        .containsExactly("2025-02-22", "2025-02-23", "2025-02-24", "2025-02-25", "2025-02-26");
  }

  /**
   * The fast walk (one check a day) gives exactly the windows cron-utils gives tick by tick, across
   * clock changes, weekday schedules, a tick a minute, leap days, and a walk that starts after
   * {@code start} because the windows are more than the limit.
   */
  @Test
  void theFastWalkGivesTheWindowsCronUtilsGives() {
    String[][] schedules = {{"0 * * * *", "Europe/Paris", "2023-03-01", "250", "100000"},
        {"30 2 * * *", "Europe/Paris", "2015-01-01", "1500", "100000"},
        {"*/30 9-17 * * 1-5", "America/New_York", "2020-01-01", "400", "100000"},
        {"*/7 * * * *", "Australia/Lord_Howe", "2024-04-01", "12", "100000"},
        {"0 0 29 2 *", "UTC", "1990-01-01", "20000", "100000"},
        {"15 */3 * * *", "America/Sao_Paulo", "2017-10-01", "150", "100000"},
        {"0 * * * *", "Europe/Paris", "2020-03-01", "250", "5000"},
        {"0 0 * * *", "Europe/Paris", "2000-01-01", "5000", "3000"}};
    for (String[] schedule : schedules) {
      int max = Integer.parseInt(schedule[4]);
      Instant until = at(schedule[2], schedule[1]).plus(Duration.ofDays(Long.parseLong(schedule[3])));
      List<String> expected = ReferenceWalk.keys(schedule[0], schedule[1], schedule[2], null, until);
      TrackedWindows tracked = new TimeWindows(spec(schedule[0], schedule[2], null, schedule[1]), max).tracked(until);

      assertThat(tracked.keys()).as("%s in %s from %s", schedule[0], schedule[1], schedule[2])
          .isEqualTo(expected.subList(Math.max(0, expected.size() - max), expected.size()));
      assertThat(tracked.olderDropped()).as("%s dropped", schedule[0]).isEqualTo(expected.size() > max);
    }
  }

  /** Each spec's windows are computed once and shared: the same instance, until another spec evicts it. */
  @Test
  void specsShareTheirWindows() {
    SpecCache cache = new SpecCache(2, 1_000_000);
    TimeWindowPartitions hourly = spec("0 * * * *", "2025-01-01", null, null);

    TimeWindows first = cache.get(hourly);
    assertThat(cache.get(spec("0 * * * *", "2025-01-01", null, null))).isSameAs(first);
    cache.get(spec("0 0 * * *", "2025-01-01", null, null));
    cache.get(spec("0 0 * * *", "2024-01-01", null, null));

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get(hourly)).isNotSameAs(first);
  }

  /** Windows kept beyond the bound evict the least recently used spec, never the one asked for. */
  @Test
  void windowsKeptBeyondTheBoundEvictTheOldestSpec() {
    SpecCache cache = new SpecCache(100, 1_000);
    TimeWindows daily = cache.get(spec("0 0 * * *", "2020-01-01", null, null));
    daily.tracked(Instant.parse("2025-01-01T00:00:00Z"));
    TimeWindows hourly = cache.get(spec("0 * * * *", "2025-01-01", null, null));
    hourly.tracked(Instant.parse("2025-03-01T00:00:00Z"));

    assertThat(cache.get(spec("0 * * * *", "2025-01-01", null, null))).isSameAs(hourly);
    assertThat(cache.size()).isEqualTo(1);
  }

  static Instant at(String localTime, String zone) {
    return TimeWindows.parse(localTime).atZone(java.time.ZoneId.of(zone)).toInstant();
  }

  static TimeWindowPartitions spec(String cron, String start, String end, String timezone) {
    TimeWindowPartitions spec = new TimeWindowPartitions();
    spec.setCron(cron);
    spec.setStart(start);
    spec.setEnd(end);
    spec.setTimezone(timezone);
    return spec;
  }

  static TimeWindows windows(String cron, String start, String end, String timezone) {
    return new TimeWindows(spec(cron, start, end, timezone));
  }
}
