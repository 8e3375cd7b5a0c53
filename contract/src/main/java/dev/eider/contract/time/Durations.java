package dev.eider.contract.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of Eider, for every spec field ({@code timeout}, {@code ttl},
 * {@code retry.backoff}, a freshness check's {@code maxAge}) and every check the worker reads: whole
 * numbers with a unit, one after the other: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 26h},
 * {@code 2d}, {@code 1h30m}. Units are {@code ms}, {@code s}, {@code m}, {@code h}, {@code d} (24
 * hours), lower case; no sign, no fraction, no spaces; at most {@link #MAX}. ISO-8601
 * ({@code PT26H}) is not Eider's: its {@code M} is months before the {@code T} and minutes after
 * it, the CRDs never accepted it, and a message names the equivalent to write instead.
 *
 * <p>Parsing never throws, and an instant plus a parsed duration never overflows.
 */
public final class Durations {

  /** The schema pattern of every duration field; {@link #parse} accepts exactly these, up to {@link #MAX}. */
  public static final String PATTERN = "^([0-9]+(ms|s|m|h|d))+$";
  /** The longest duration any field may say: ten years. */
  public static final Duration MAX = Duration.ofDays(3650);
  /** How the syntax is described in messages. */
  public static final String EXAMPLES = "e.g. 30s, 10m, 26h, 2d or 1h30m";

  private static final Pattern WHOLE = Pattern.compile(PATTERN);
  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

  private Durations() {}

  /** The duration {@code text} says, or empty when it is not one (or longer than {@link #MAX}). */
  public static Optional<Duration> parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      return Optional.empty();
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      // More than 12 digits is more than MAX in any unit (10^12 ms is about 31 years).
      String digits = part.group(1).replaceFirst("^0+(?=.)", "");
      if (digits.length() > 12) {
        return Optional.empty();
      }
      long amount = Long.parseLong(digits);
      total = total.plus(switch (part.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      });
      if (total.compareTo(MAX) > 0) {
        return Optional.empty();
      }
    }
    return Optional.of(total);
  }

  /**
   * Why {@code text} is not a duration, or empty when it is one: the sentence names the value
   * (shortened), and for an ISO-8601 duration the Eider form to write instead.
   */
  public static Optional<String> problem(String text) {
    if (parse(text).isPresent()) {
      return Optional.empty();
    }
    String shown = text == null ? "null" : "'" + shorten(text) + "'";
    if (text != null && WHOLE.matcher(text).matches()) {
      return Optional.of(shown + " is longer than " + format(MAX) + ", the longest duration allowed");
    }
    Optional<Duration> iso = iso(text);
    if (iso.isPresent()) {
      return Optional.of(shown + " is an ISO-8601 duration; Eider writes durations as " + format(iso.get())
          + " (units ms, s, m, h, d)");
    }
    return Optional.of(shown + " is not a duration: write whole numbers with units ms, s, m, h or d, " + EXAMPLES);
  }

  /** {@code 26h}, {@code 90s} as {@code 1m30s}, {@code 500ms}: the syntax above, so the text parses back to the same duration (to the millisecond). */
  public static String format(Duration duration) {
    long seconds = duration.toSeconds();
    long millis = duration.toMillisPart();
    if (seconds == 0) {
      return millis + "ms";
    }
    StringBuilder text = new StringBuilder();
    if (seconds >= 3600) {
      text.append(seconds / 3600).append('h');
      seconds %= 3600;
    }
    if (seconds >= 60) {
      text.append(seconds / 60).append('m');
      seconds %= 60;
    }
    if (seconds > 0) {
      text.append(seconds).append('s');
    }
    if (millis > 0) {
      text.append(millis).append("ms");
    }
    return text.toString();
  }

  /** A non-negative ISO-8601 duration within MAX, for the hint only. */
  private static Optional<Duration> iso(String text) {
    if (text == null || text.length() > 40 || !text.toUpperCase(Locale.ROOT).startsWith("P")) {
      return Optional.empty();
    }
    try {
      Duration duration = Duration.parse(text);
      return duration.isNegative() || duration.compareTo(MAX) > 0 ? Optional.empty() : Optional.of(duration);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String shorten(String text) {
    String oneLine = text.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() > 40 ? oneLine.substring(0, 40) + "..." : oneLine;
  }
}
