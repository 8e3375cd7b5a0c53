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
import java.util.List;
import java.util.Optional;

/**
 * Time-window partitions: the windows between consecutive cron ticks from {@code start}, keyed by
 * their start in the schedule's zone ({@code 2025-01-31} for daily or coarser windows,
 * {@code 2025-01-31T13:00} otherwise). A window exists once it has ended, as in Dagster.
 *
 * <p>Only the newest {@value #MAX_WINDOWS} windows are partitions: an hourly Asset keeps running
 * after 11 years, tracking its last 11, and says so ({@link TrackedWindows#olderDropped}). Instances are
 * shared per spec ({@link #of}) and remember the windows computed so far, so a reconcile costs the
 * windows that ended since the last one, whatever {@code start} is.
 */
public final class TimeWindows {

  /** The most windows tracked: the newest. */
  static final int MAX_WINDOWS = ApiLimits.MAX_TIME_WINDOW_PARTITIONS;
  /**
   * Ticks walked beyond {@link #MAX_WINDOWS} when the walk starts after {@code start}: the newest
   * day's ticks after now (at most 1,500) and windows merged when the clocks go back (at most 60).
   */
  private static final int MARGIN = 4_000;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  private static final SpecCache CACHE = new SpecCache(1_000, 1_000_000);

  private final CronClock clock;
  private final DayTicks ticks;
  private final ZonedDateTime start;
  private final ZonedDateTime end;
  private final boolean daily;
  private final int max;
  private WindowSeries series;

  /** The windows of {@code spec}, shared with every caller of the same spec. */
  public static TimeWindows of(TimeWindowPartitions spec) {
    return CACHE.get(spec);
  }

  TimeWindows(TimeWindowPartitions spec) {
    this(spec, MAX_WINDOWS);
  }

  TimeWindows(TimeWindowPartitions spec, int max) {
    this.clock = CronClock.of(spec.getCron(), spec.getTimezone());
    this.start = parse(spec.getStart()).atZone(clock.zone());
    this.end = spec.getEnd() == null ? null : parse(spec.getEnd()).atZone(clock.zone());
    this.max = max;
    this.ticks = new DayTicks(clock, start);
    ZonedDateTime first = ticks.next(start.minusNanos(1)).orElse(start);
    ZonedDateTime second = ticks.next(first).orElse(first.plusDays(1));
    // Local times: a daily schedule's windows are 23 or 25 hours long on clock-change days.
    this.daily = Duration.between(first.toLocalDateTime(), second.toLocalDateTime()).compareTo(Duration.ofDays(1)) >= 0;
  }

  static LocalDateTime parse(String text) {
    return text.length() <= 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text);
  }

  /** The newest windows ended by {@code now} (at most {@value #MAX_WINDOWS}), oldest first. */
  public List<String> keysUntil(Instant now) {
    return tracked(now).keys();
  }

  /** The newest windows ended by {@code now}, and whether older ones were left out. */
  public TrackedWindows tracked(Instant now) {
    synchronized (this) {
      if (series == null) {
        series = walkFrom(now);
      }
    }
    // A clock set back before the windows kept: walked again, not kept.
    return series.until(now).orElseGet(() -> walkFrom(now).until(now).orElseThrow());
  }

  /** Windows kept in memory, for the cache's bound. */
  int kept() {
    WindowSeries current;
    synchronized (this) {
      current = series;
    }
    return current == null ? 0 : current.size();
  }

  /**
   * A series that starts at the first window, or, when the windows until {@code now} are many
   * more than tracked, at the first tick of the day from which the newest days hold
   * {@code max + MARGIN} ticks: counting a day's ticks is one check, so this costs the days
   * counted, not the windows since {@code start}.
   */
  private WindowSeries walkFrom(Instant now) {
    ZonedDateTime first = firstWindowStart();
    Instant until = end != null && end.toInstant().isBefore(now) ? end.toInstant() : now;
    if (first == null || ticksAtMost(until) <= (long) max + MARGIN) {
      return new WindowSeries(ticks, this::format, end, max, first, false);
    }
    LocalDate firstDay = first.toLocalDate();
    LocalDate day = until.atZone(clock.zone()).toLocalDate();
    long counted = 0;
    while (day.isAfter(firstDay) && counted < (long) max + MARGIN) {
      counted += ticks.ticksOn(day);
      day = day.minusDays(1);
    }
    if (!day.isAfter(firstDay)) {
      return new WindowSeries(ticks, this::format, end, max, first, false);
    }
    ZonedDateTime from = ticks.next(day.plusDays(1).atStartOfDay(clock.zone()).minusNanos(1)).orElse(null);
    return new WindowSeries(ticks, this::format, end, max, from, true);
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
    Optional<ZonedDateTime> nextDay = ticks.next(first.toLocalDate().plusDays(1).atStartOfDay(clock.zone()).minusNanos(1));
    long perDay = Math.max(ticks.ticksOn(first.toLocalDate()), nextDay.map(tick -> ticks.ticksOn(tick.toLocalDate())).orElse(0));
    return perDay * days + 240 * (days / 365 + 2);
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
    return ticks.next(start.minusNanos(1)).orElse(null);
  }

  private String format(ZonedDateTime windowStart) {
    return (daily ? DAY : MINUTE).format(windowStart.toLocalDateTime());
  }
}
