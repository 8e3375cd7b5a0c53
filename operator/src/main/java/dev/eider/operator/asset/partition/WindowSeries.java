package dev.eider.operator.asset.partition;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The windows of one time-window spec computed so far, extended from the last one's end as time
 * passes: a reconcile costs the windows that ended since the previous one, not a walk from
 * {@code start}. Only the newest {@code max} windows are kept (at most twice that between
 * compactions), so memory does not grow with how long ago {@code start} is.
 *
 * <p>Thread-safe: reconciles of the Assets that share a spec (an upstream read by its downstream)
 * run in parallel. Returned lists are views of an array that is only ever appended to past them, or
 * replaced, so they stay valid.
 */
final class WindowSeries {

  private final DayTicks ticks;
  private final Function<ZonedDateTime, String> format;
  private final ZonedDateTime end;
  private final int max;
  private String[] keys;
  /** Epoch second each window ends at. */
  private long[] ends;
  private int size;
  /** The start of the next window to compute (the end of the last one); null once the schedule ends. */
  private ZonedDateTime cursor;
  /** Windows before {@code keys[0]} exist. */
  private boolean dropped;

  /**
   * @param from where the walk starts: the first window's start, or a later tick when the windows
   *     between are many more than {@code max} ({@code dropped} then)
   */
  WindowSeries(DayTicks ticks, Function<ZonedDateTime, String> format, ZonedDateTime end, int max, ZonedDateTime from, boolean dropped) {
    this.ticks = ticks;
    this.format = format;
    this.end = end;
    this.max = max;
    this.keys = new String[(int) Math.min(16, 2L * max)];
    this.ends = new long[keys.length];
    this.cursor = from;
    this.dropped = dropped;
  }

  /**
   * The newest {@code max} windows ended by {@code now}, or empty when {@code now} is before the
   * windows kept (a clock set back by more than the kept span): the caller walks again from the start.
   */
  synchronized Optional<TrackedWindows> until(Instant now) {
    extend(now);
    int ended = endedBy(now.getEpochSecond());
    if (dropped && ended < Math.min(max, size)) {
      return Optional.empty();
    }
    int from = Math.max(0, ended - max);
    List<String> view = Collections.unmodifiableList(Arrays.asList(keys).subList(from, ended));
    return Optional.of(new TrackedWindows(view, dropped || from > 0));
  }

  synchronized int size() {
    return size;
  }

  private void extend(Instant now) {
    while (cursor != null) {
      Optional<ZonedDateTime> windowEnd = ticks.next(cursor);
      if (windowEnd.isEmpty() || (end != null && windowEnd.get().isAfter(end))) {
        cursor = null;
        return;
      }
      if (windowEnd.get().toInstant().isAfter(now)) {
        return;
      }
      String key = format.apply(cursor);
      // When the clocks go back, two sub-daily windows start at the same local time: they are one
      // window under that key, which ends with the second.
      if (!key.equals(format.apply(windowEnd.get()))) {
        append(key, windowEnd.get().toEpochSecond());
      }
      cursor = windowEnd.get();
    }
  }

  private void append(String key, long endSecond) {
    if (size == keys.length) {
      if (size >= 2 * max) {
        // Into new arrays: views handed out keep the old ones.
        keys = Arrays.copyOfRange(keys, size - max, size - max + keys.length);
        ends = Arrays.copyOfRange(ends, size - max, size - max + ends.length);
        size = max;
        dropped = true;
      } else {
        int capacity = (int) Math.min(2L * max, Math.max(16L, 2L * size));
        keys = Arrays.copyOf(keys, capacity);
        ends = Arrays.copyOf(ends, capacity);
      }
    }
    keys[size] = key;
    ends[size] = endSecond;
    size++;
  }

  /** How many kept windows end at or before {@code second}. */
  private int endedBy(long second) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (ends[mid] <= second) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
