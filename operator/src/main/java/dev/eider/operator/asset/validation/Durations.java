package dev.eider.operator.asset.validation;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the CRDs write them ({@code 30s}, {@code 1h30m}, {@code 2d}), the pattern the schema enforces. */
public final class Durations {

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
      long amount = Long.parseLong(part.group(1));
      total = total.plus(switch (part.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      });
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
