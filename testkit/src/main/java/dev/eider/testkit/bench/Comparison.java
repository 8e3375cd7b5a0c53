package dev.eider.testkit.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Times of one subject and its baseline, measured in the same run round after round, and the ratio
 * of their medians: what a benchmark asserts against its target and prints in one line.
 */
public final class Comparison {

  private final String name;
  private final String subject;
  private final String baseline;
  private final List<Long> subjectMillis = new ArrayList<>();
  private final List<Long> baselineMillis = new ArrayList<>();

  public Comparison(String name, String subject, String baseline) {
    this.name = name;
    this.subject = subject;
    this.baseline = baseline;
  }

  public void add(long subjectMs, long baselineMs) {
    subjectMillis.add(subjectMs);
    baselineMillis.add(baselineMs);
  }

  public int rounds() {
    return subjectMillis.size();
  }

  public long subjectMedian() {
    return median(subjectMillis);
  }

  public long baselineMedian() {
    return median(baselineMillis);
  }

  /** Subject time over baseline time, medians of the rounds: below 1 the subject is faster. */
  public double ratio() {
    return (double) subjectMedian() / baselineMedian();
  }

  /** One line: the medians, every round, the ratio and whether it meets {@code target} (at most). */
  public String line(double target) {
    return String.format(Locale.ROOT, "BENCH %s: %s median %,d ms, %s median %,d ms, ratio %.3f (target <= %.2f: %s);"
            + " %d rounds after warm-up, %s %s ms, %s %s ms",
        name, subject, subjectMedian(), baseline, baselineMedian(), ratio(), target, ratio() <= target ? "met" : "MISSED",
        rounds(), subject, joined(subjectMillis), baseline, joined(baselineMillis));
  }

  static long median(List<Long> values) {
    if (values.isEmpty()) {
      throw new IllegalStateException("no rounds measured");
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static String joined(List<Long> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining("/", "[", "]"));
  }

  @Override
  public String toString() {
    return name + " " + Arrays.asList(subjectMillis, baselineMillis);
  }
}
