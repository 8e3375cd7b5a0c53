package dev.eider.operator.asset.validation;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the CRDs write them ({@code 30s}, {@code 1h30m}, {@code 2d}), the pattern the schema enforces.
 * The pattern bounds no digit count, so a value beyond {@link #MAX} (or beyond a long) is no duration:
 * parsing never throws, and an instant plus a parsed duration never overflows.
 */
public final class Durations {

  /** The longest duration any field may say: ten years. */
  public static final Duration MAX = Duration.ofDays(3650);

  private static final Pattern WHOLE = Pattern.compile("([0-9]+(ms|s|m|h|d))+");
  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

  private Durations() {}

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

  /** {@code 26h}, {@code 90s}, {@code 1h30m}: the CRD's own syntax, for messages. */
  public static String format(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds == 0) {
      return duration.toMillis() + "ms";
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
    return text.toString();
  }
}
