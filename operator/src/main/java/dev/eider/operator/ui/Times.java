package dev.eider.operator.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Times as the pages show them: UTC to the second ({@code 2026-12-06 08:30:18Z}), or short ({@code 12-06 08:30}) in the graph. */
final class Times {

  private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private Times() {
  }

  static String of(Instant instant) {
    return instant == null ? "" : FULL.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** An RFC 3339 time from a status; shown as written when it does not parse. */
  static String of(String rfc3339) {
    Instant parsed = parse(rfc3339);
    return parsed == null ? (rfc3339 == null ? "" : rfc3339) : of(parsed);
  }

  static String shortly(String rfc3339) {
    Instant parsed = parse(rfc3339);
    return parsed == null ? (rfc3339 == null ? "" : rfc3339) : SHORT.format(parsed);
  }

  private static Instant parse(String rfc3339) {
    if (rfc3339 == null) {
      return null;
    }
    try {
      return Instant.parse(rfc3339);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
