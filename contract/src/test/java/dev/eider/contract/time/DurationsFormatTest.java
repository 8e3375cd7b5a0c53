package dev.eider.contract.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations in messages are written as the CRDs write them, down to the second. */
class DurationsFormatTest {

  @Test
  void durationsAreWrittenInTheCrdSyntax() {
    assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(Durations.format(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(Durations.format(Duration.ofMinutes(10))).isEqualTo("10m");
    assertThat(Durations.format(Duration.ofSeconds(3600 + 30))).isEqualTo("1h30s");
    assertThat(Durations.format(Duration.ofHours(26))).isEqualTo("26h");
  }

  @Test
  void writtenDurationsParseBackToTheSameDuration() {
    for (Duration duration : new Duration[] {Duration.ofMillis(250), Duration.ofSeconds(45), Duration.ofSeconds(90),
        Duration.ofSeconds(3661), Duration.ofDays(3)}) {
      assertThat(Durations.parse(Durations.format(duration))).as("%s", duration).contains(duration);
    }
  }
}
