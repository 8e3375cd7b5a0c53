package dev.eider.operator.asset.partition;

import dev.eider.operator.asset.automation.CronClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ticks of a five-field cron in its zone, many times faster than asking cron-utils for each
 * (15 to 45 µs a tick): the minute and hour fields do not depend on the day, so every day the day
 * fields match ticks at the same local times. cron-utils finds the next matching day (one call a
 * day, not a tick); the times come from a pattern read once. Days near a clock change (a local
 * time skipped or repeated) are left to cron-utils entirely.
 */
final class DayTicks {

  /** What is known of one day: whether it is plain, and the first tick from its start. */
  private record Day(LocalDate date, boolean plain, Optional<ZonedDateTime> firstTick) {}

  private final CronClock clock;
  private final ZoneId zone;
  private final ZoneRules rules;
  /** The local times a matching day ticks, ascending; null when none could be read: cron-utils alone. */
  private final LocalTime[] times;
  /** The last day looked at: consecutive ticks mostly fall on one day. Replaced whole, so shared safely. */
  private volatile Day last;

  DayTicks(CronClock clock, ZonedDateTime from) {
    this.clock = clock;
    this.zone = clock.zone();
    this.rules = zone.getRules();
    this.times = pattern(from);
  }

  /** The first tick strictly after {@code at}. */
  Optional<ZonedDateTime> next(ZonedDateTime at) {
    if (times == null) {
      return clock.nextTickAfter(at);
    }
    LocalDate date = at.withZoneSameInstant(zone).toLocalDate();
    while (true) {
      Day day = day(date);
      if (!day.plain()) {
        ZonedDateTime dayStart = date.atStartOfDay(zone).minusNanos(1);
        return clock.nextTickAfter(at.isAfter(dayStart) ? at : dayStart);
      }
      if (day.firstTick().isEmpty()) {
        return Optional.empty();
      }
      LocalDate matching = day.firstTick().get().toLocalDate();
      if (!matching.equals(date)) {
        // No tick on this day: the next one is on the day cron-utils found.
        date = matching;
        continue;
      }
      for (LocalTime time : times) {
        ZonedDateTime tick = date.atTime(time).atZone(zone);
        if (tick.isAfter(at)) {
          return Optional.of(tick);
        }
      }
      date = date.plusDays(1);
    }
  }

  /** How many ticks fall on {@code date}. */
  int ticksOn(LocalDate date) {
    Day day = day(date);
    if (times != null && day.plain()) {
      return day.firstTick().filter(tick -> tick.toLocalDate().equals(date)).isPresent() ? times.length : 0;
    }
    int ticks = 0;
    Optional<ZonedDateTime> tick = day.firstTick();
    while (tick.isPresent() && tick.get().toLocalDate().equals(date)) {
      ticks++;
      tick = clock.nextTickAfter(tick.get());
    }
    return ticks;
  }

  private Day day(LocalDate date) {
    Day known = last;
    if (known != null && known.date().equals(date)) {
      return known;
    }
    Day day = new Day(date, plain(date), clock.nextTickAfter(date.atStartOfDay(zone).minusNanos(1)));
    last = day;
    return day;
  }

  /**
   * A day whose local times all exist once, and whose neighbours' too (a clock change at midnight
   * moves the start of the next day): no offset transition from the day before to the day after.
   */
  private boolean plain(LocalDate day) {
    if (rules.isFixedOffset()) {
      return true;
    }
    Instant from = day.minusDays(1).atStartOfDay(zone).toInstant();
    ZoneOffsetTransition transition = rules.nextTransition(from);
    return transition == null || !transition.getInstant().isBefore(day.plusDays(2).atStartOfDay(zone).toInstant());
  }

  /** The times of the first plain day with a tick at or after {@code from}, as cron-utils gives them. */
  private LocalTime[] pattern(ZonedDateTime from) {
    ZonedDateTime probe = from.minusNanos(1);
    for (int tries = 0; tries < 30; tries++) {
      Optional<ZonedDateTime> first = clock.nextTickAfter(probe);
      if (first.isEmpty()) {
        return null;
      }
      LocalDate day = first.get().toLocalDate();
      if (plain(day)) {
        List<LocalTime> found = new ArrayList<>();
        Optional<ZonedDateTime> tick = clock.nextTickAfter(day.atStartOfDay(zone).minusNanos(1));
        while (tick.isPresent() && tick.get().toLocalDate().equals(day)) {
          found.add(tick.get().toLocalTime());
          tick = clock.nextTickAfter(tick.get());
        }
        return found.toArray(LocalTime[]::new);
      }
      probe = day.plusDays(1).atStartOfDay(zone).minusNanos(1);
    }
    return null;
  }
}
