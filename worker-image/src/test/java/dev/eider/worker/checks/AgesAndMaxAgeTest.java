package dev.eider.worker.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.contract.checks.CheckDefinition;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.run.WorkerFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A freshness check's maxAge is read with the contract's one duration syntax; ages are shown short. */
class AgesAndMaxAgeTest {

  @Test
  void maxAgeInTheSpecSyntaxIsAccepted() {
    for (String maxAge : new String[] {"26h", "30m", "2d", "1h30m", "500ms"}) {
      assertThat(CheckValidation.validated(freshness(maxAge), "test").maxAge()).isEqualTo(maxAge);
    }
  }

  @Test
  void isoMaxAgeIsBadInputNamingTheSpecForm() {
    // The worker alone accepted PT26H before; the schema never did. The message says what to write.
    assertThatThrownBy(() -> CheckValidation.validated(freshness("PT26H"), "checks.yaml"))
        .isInstanceOf(WorkerFailure.class)
        .hasMessage("check 'fresh' (checks.yaml): maxAge 'PT26H' is an ISO-8601 duration; Eider writes durations as 26h "
            + "(units ms, s, m, h, d)")
        .extracting(e -> ((WorkerFailure) e).exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void anythingElseIsBadInput() {
    for (String bad : new String[] {"", "26", "h", "26 h", " 26h", "1w", "-1h", "P1X", "1.5h"}) {
      assertThatThrownBy(() -> CheckValidation.validated(freshness(bad), "test")).as(bad)
          .isInstanceOf(WorkerFailure.class)
          .hasMessageStartingWith("check 'fresh' (test): maxAge '" + bad + "' is not a duration: write whole numbers with units");
    }
  }

  @Test
  void shortHumanForm() {
    assertThat(Ages.describe(Duration.ofHours(26))).isEqualTo("1d 2h");
    assertThat(Ages.describe(Duration.ofMinutes(90))).isEqualTo("1h 30m");
    assertThat(Ages.describe(Duration.ofSeconds(42))).isEqualTo("42s");
  }

  private static CheckDefinition freshness(String maxAge) {
    return new CheckDefinition("fresh", "freshness", "t", "at", null, null, null, maxAge, null, null, null);
  }
}
