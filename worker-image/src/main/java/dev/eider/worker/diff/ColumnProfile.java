package dev.eider.worker.diff;

/**
 * One side's summary of one column: NULLs, distinct non-NULL values, and for ordered types the
 * smallest and largest value as text (null when the column has no such values or no order), for
 * numbers the mean.
 */
public record ColumnProfile(long nulls, long distinct, String min, String max, Double mean) {

  boolean sameAs(ColumnProfile other) {
    return other != null && nulls == other.nulls && distinct == other.distinct
        && java.util.Objects.equals(min, other.min) && java.util.Objects.equals(max, other.max)
        && sameMean(mean, other.mean);
  }

  /**
   * Means are sums of doubles added in whatever order DuckDB's threads finish, so two runs over
   * the same values can differ in the last bits: equal within a relative 1e-9 counts as the same.
   */
  private static boolean sameMean(Double a, Double b) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    return Math.abs(a - b) <= 1e-9 * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
  }
}
