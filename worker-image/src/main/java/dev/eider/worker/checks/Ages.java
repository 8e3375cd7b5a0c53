package dev.eider.worker.checks;

import java.time.Duration;

/** An age as a freshness check's message says it: {@code 1d 2h}, {@code 1h 30m}, {@code 42s}. */
final class Ages {

  private Ages() {}

  static String describe(Duration duration) {
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
}
