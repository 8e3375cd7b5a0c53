package dev.eider.worker.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.worker.cli.WorkerFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void assetSpecDurations() {
    assertThat(Durations.parse("26h", "x")).isEqualTo(Duration.ofHours(26));
    assertThat(Durations.parse("30m", "x")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Durations.parse("2d", "x")).isEqualTo(Duration.ofDays(2));
    assertThat(Durations.parse("1h30m", "x")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("500ms", "x")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("PT26H", "x")).isEqualTo(Duration.ofHours(26));
  }

  @Test
  void anythingElseIsBadInput() {
    for (String bad : new String[] {"", "26", "h", "26 h", "1w", "-1h", "P1X"}) {
      assertThatThrownBy(() -> Durations.parse(bad, "check 'fresh' maxAge")).as(bad)
          .isInstanceOf(WorkerFailure.class).hasMessageStartingWith("check 'fresh' maxAge '" + bad.strip() + "' is not a duration");
    }
  }

  @Test
  void shortHumanForm() {
    assertThat(Durations.format(Duration.ofHours(26))).isEqualTo("1d 2h");
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h 30m");
    assertThat(Durations.format(Duration.ofSeconds(42))).isEqualTo("42s");
  }
}
