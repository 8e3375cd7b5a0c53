package dev.eider.worker.checks;

import dev.eider.worker.cli.WorkerFailure;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Asset specs write them: {@code 26h}, {@code 30m}, {@code 2d}, {@code 1h30m}, or ISO-8601 {@code PT26H}. */
public final class Durations {

  private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  public static Duration parse(String text, String what) {
    String value = text == null ? "" : text.strip();
    if (value.startsWith("P") || value.startsWith("p")) {
      try {
        return Duration.parse(value);
      } catch (DateTimeParseException e) {
        throw invalid(value, what);
      }
    }
    if (!WHOLE.matcher(value).matches()) {
      throw invalid(value, what);
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(value);
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
    return total;
  }

  /** A short human form: {@code 1d 7h}, {@code 26h}, {@code 5m 3s}. */
  public static String format(Duration duration) {
    long seconds = Math.abs(duration.getSeconds());
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3600;
    long minutes = seconds % 3600 / 60;
    StringBuilder text = new StringBuilder(duration.isNegative() ? "-" : "");
    if (days > 0) {
      text.append(days).append("d ");
    }
    if (hours > 0) {
      text.append(hours).append("h ");
    }
    if (minutes > 0 && days == 0) {
      text.append(minutes).append("m ");
    }
    if (days == 0 && hours == 0 && (seconds % 60 != 0 || minutes == 0)) {
      text.append(seconds % 60).append("s ");
    }
    return text.toString().strip();
  }

  private static WorkerFailure invalid(String value, String what) {
    return WorkerFailure.badInput(what + " '" + value + "' is not a duration: write e.g. 26h, 30m, 2d, 1h30m or PT26H");
  }
}
