package dev.eider.worker.diff;

import java.util.Locale;

/** A column as DuckDB describes it: its name and its type's text ({@code BIGINT}, {@code VARCHAR[]}). */
public record Column(String name, String type) {

  /** Numbers get a mean; the rest only nulls, distinct values and, when ordered, min and max. */
  boolean numeric() {
    String t = type.toUpperCase(Locale.ROOT);
    return t.matches("(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|FLOAT|DOUBLE|REAL|DECIMAL(\\(.*\\))?|NUMERIC(\\(.*\\))?)");
  }

  /** Nested and binary values have no useful min/max to show a reader. */
  boolean ordered() {
    String t = type.toUpperCase(Locale.ROOT);
    return !(t.endsWith("]") || t.startsWith("STRUCT") || t.startsWith("MAP") || t.startsWith("UNION")
        || t.equals("BLOB"));
  }
}
