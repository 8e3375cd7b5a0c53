package dev.eider.operator.asset.partition;

import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.asset.TimeWindowPartitions;
import dev.eider.operator.asset.automation.CronClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Time-window partitions: the windows between consecutive cron ticks from {@code start}, keyed by
 * their start in the schedule's zone ({@code 2025-01-31} for daily or coarser windows,
 * {@code 2025-01-31T13:00} otherwise). A window exists once it has ended, as in Dagster.
 */
public final class TimeWindows {

  /**
   * An Asset with more windows is refused at validation ({@link #exceedsLimit}). Here the limit
   * only bounds memory where another Asset's spec is read (a downstream mapping an invalid upstream).
   */
  static final int MAX_WINDOWS = ApiLimits.MAX_TIME_WINDOW_PARTITIONS;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  private final CronClock clock;
  private final ZonedDateTime start;
  private final ZonedDateTime end;
  private final boolean daily;

  public TimeWindows(TimeWindowPartitions spec) {
    this.clock = CronClock.of(spec.getCron(), spec.getTimezone());
    this.start = parse(spec.getStart()).atZone(clock.zone());
    this.end = spec.getEnd() == null ? null : parse(spec.getEnd()).atZone(clock.zone());
    ZonedDateTime first = clock.nextTickAfter(start.minusNanos(1)).orElse(start);
    ZonedDateTime second = clock.nextTickAfter(first).orElse(first.plusDays(1));
    // Local times: a daily schedule's windows are 23 or 25 hours long on clock-change days.
    this.daily = Duration.between(first.toLocalDateTime(), second.toLocalDateTime()).compareTo(Duration.ofDays(1)) >= 0;
  }

  static LocalDateTime parse(String text) {
    return text.length() <= 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text);
  }

  /** Keys of every window that has ended by {@code now}, oldest first (the oldest {@value #MAX_WINDOWS} at most). */
  public List<String> keysUntil(Instant now) {
    return keysUntil(now, MAX_WINDOWS);
  }

  /**
   * Whether more than {@link ApiLimits#MAX_TIME_WINDOW_PARTITIONS} windows have ended by
   * {@code now} (or by {@code end}). Walking the windows costs about 15 µs each (cron-utils), and
   * this runs at every validation, so a bound comes first: a cron ticks the same minutes of the same
   * hours on every day it matches. Only a spec whose bound passes the limit is walked, up to one
   * window past it.
   */
  public boolean exceedsLimit(Instant now) {
    return exceeds(now, MAX_WINDOWS);
  }

  boolean exceeds(Instant now, int max) {
    Instant until = end != null && end.toInstant().isBefore(now) ? end.toInstant() : now;
    if (ticksAtMost(until) <= max) {
      return false;
    }
    return keysUntil(now, max + 1).size() > max;
  }

  /**
   * At least as many ticks as there are from the first window's start to {@code until}: the most
   * ticks of two matching days (one may have lost an hour to the clocks going forward) times the
   * days, plus 240 a year for days whose clocks change (an hour skipped or repeated, twice a year).
   */
  long ticksAtMost(Instant until) {
    ZonedDateTime first = firstWindowStart();
    if (first == null || first.toInstant().isAfter(until)) {
      return 0;
    }
    long days = ChronoUnit.DAYS.between(first.toLocalDate(), until.atZone(clock.zone()).toLocalDate()) + 1;
    Optional<ZonedDateTime> nextDay = clock.nextTickAfter(first.toLocalDate().plusDays(1).atStartOfDay(clock.zone()).minusNanos(1));
    long perDay = Math.max(ticksOn(first.toLocalDate()), nextDay.map(tick -> ticksOn(tick.toLocalDate())).orElse(0));
    return perDay * days + 240 * (days / 365 + 2);
  }

  /** Ticks on {@code day} in the schedule's zone: at most one a minute. */
  private int ticksOn(LocalDate day) {
    int ticks = 0;
    Optional<ZonedDateTime> tick = clock.nextTickAfter(day.atStartOfDay(clock.zone()).minusNanos(1));
    while (tick.isPresent() && tick.get().toLocalDate().equals(day) && ticks <= 2 * 24 * 60) {
      ticks++;
      tick = clock.nextTickAfter(tick.get());
    }
    return ticks;
  }

  List<String> keysUntil(Instant now, int max) {
    List<String> keys = new ArrayList<>();
    ZonedDateTime windowStart = firstWindowStart();
    while (windowStart != null && keys.size() < max) {
      Optional<ZonedDateTime> windowEnd = clock.nextTickAfter(windowStart);
      if (windowEnd.isEmpty() || windowEnd.get().toInstant().isAfter(now)
          || (end != null && windowEnd.get().isAfter(end))) {
        break;
      }
      String key = format(windowStart);
      // When the clocks go back, two sub-daily windows start at the same local time: they are one
      // window under that key, which ends with the second.
      if (!key.equals(format(windowEnd.get()))) {
        keys.add(key);
      }
      windowStart = windowEnd.get();
    }
    return keys;
  }

  /** The key of the window {@code offset} windows away from the one starting at {@code key}. */
  public Optional<String> shift(String key, int offset) {
    // The window's first tick: a date key of a schedule that does not tick at midnight says less.
    ZonedDateTime keyStart = parse(key).atZone(clock.zone());
    ZonedDateTime at = clock.nextTickAfter(keyStart.minusNanos(1)).orElse(keyStart);
    for (int i = 0; i < offset; i++) {
      String current = format(at);
      do {
        at = clock.nextTickAfter(at).orElse(null);
        if (at == null) {
          return Optional.empty();
        }
      } while (format(at).equals(current));
    }
    for (int i = 0; i > offset; i--) {
      String current = format(at);
      do {
        Optional<Instant> previous = clock.lastTickAtOrBefore(at.toInstant().minusSeconds(1));
        if (previous.isEmpty()) {
          return Optional.empty();
        }
        at = previous.get().atZone(clock.zone());
      } while (format(at).equals(current));
    }
    return at.isBefore(firstWindowStart()) ? Optional.empty() : Optional.of(format(at));
  }

  /** The key of the window that ended at {@code tick}. */
  public Optional<String> windowEndingAt(Instant tick) {
    return clock.lastTickAtOrBefore(tick.minusSeconds(1)).map(start -> format(start.atZone(clock.zone())));
  }

  /**
   * The key of the newest window that has ended by {@code at}: the one ending at {@code at} when
   * it is a tick of the windows' schedule, else the one before the window {@code at} falls in.
   */
  public Optional<String> newestWindowEndedBy(Instant at) {
    return clock.lastTickAtOrBefore(at).flatMap(this::windowEndingAt);
  }

  private ZonedDateTime firstWindowStart() {
    return clock.lastTickAtOrBefore(start.toInstant()).filter(tick -> !tick.isBefore(start.toInstant()))
        .map(tick -> tick.atZone(clock.zone()))
        .orElseGet(() -> clock.nextTickAfter(start).orElse(null));
  }

  private String format(ZonedDateTime windowStart) {
    return (daily ? DAY : MINUTE).format(windowStart.toLocalDateTime());
  }
}
