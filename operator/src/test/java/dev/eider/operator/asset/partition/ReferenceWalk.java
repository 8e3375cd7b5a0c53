package dev.eider.operator.asset.partition;

import dev.eider.operator.asset.automation.CronClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Time windows as the operator computed them before the fast walk: every tick from cron-utils,
 * from the first window on. Slow (15 to 45 µs a tick), and independent of {@link DayTicks}.
 */
final class ReferenceWalk {

  private ReferenceWalk() {}

  static List<String> keys(String cron, String timezone, String start, String end, Instant now) {
    CronClock clock = CronClock.of(cron, timezone);
    ZonedDateTime from = TimeWindows.parse(start).atZone(clock.zone());
    ZonedDateTime until = end == null ? null : TimeWindows.parse(end).atZone(clock.zone());
    ZonedDateTime first = clock.nextTickAfter(from.minusNanos(1)).orElseThrow();
    ZonedDateTime second = clock.nextTickAfter(first).orElseThrow();
    boolean daily = Duration.between(first.toLocalDateTime(), second.toLocalDateTime()).compareTo(Duration.ofDays(1)) >= 0;
    DateTimeFormatter format = daily ? DateTimeFormatter.ISO_LOCAL_DATE : DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    List<String> keys = new ArrayList<>();
    ZonedDateTime windowStart = first;
    while (true) {
      Optional<ZonedDateTime> windowEnd = clock.nextTickAfter(windowStart);
      if (windowEnd.isEmpty() || windowEnd.get().toInstant().isAfter(now) || (until != null && windowEnd.get().isAfter(until))) {
        return keys;
      }
      String key = format.format(windowStart.toLocalDateTime());
      if (!key.equals(format.format(windowEnd.get().toLocalDateTime()))) {
        keys.add(key);
      }
      windowStart = windowEnd.get();
    }
  }
}
