package dev.eider.contract.exit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The exit codes are API: fixed numbers, and only bad input is never retried. */
class ExitCodesTest {

  @Test
  void theCodesAreFixed() {
    assertThat(ExitCodes.OK).isZero();
    assertThat(ExitCodes.FAILED).isEqualTo(1);
    assertThat(ExitCodes.BAD_INPUT).isEqualTo(2);
    assertThat(ExitCodes.RETRYABLE).isEqualTo(3);
  }

  @Test
  void eachCodeMeansOneThing() {
    assertThat(ExitCodes.meaning(0)).isEqualTo(ExitCodes.Meaning.DONE);
    assertThat(ExitCodes.meaning(1)).isEqualTo(ExitCodes.Meaning.FAILED);
    assertThat(ExitCodes.meaning(2)).isEqualTo(ExitCodes.Meaning.BAD_INPUT);
    assertThat(ExitCodes.meaning(3)).isEqualTo(ExitCodes.Meaning.TRANSIENT);
    assertThat(ExitCodes.meaning(4)).isEqualTo(ExitCodes.Meaning.UNKNOWN);
    assertThat(ExitCodes.meaning(137)).isEqualTo(ExitCodes.Meaning.UNKNOWN);
    assertThat(ExitCodes.meaning(-1)).isEqualTo(ExitCodes.Meaning.UNKNOWN);
  }

  @Test
  void badInputAndSuccessAreNeverRetried() {
    assertThat(ExitCodes.retried(0)).isFalse();
    assertThat(ExitCodes.retried(2)).isFalse();
    assertThat(ExitCodes.retried(1)).isTrue();
    assertThat(ExitCodes.retried(3)).isTrue();
    // A kill (137, 143), a JVM crash (134) or no code at all (-1): something happened to the process.
    assertThat(ExitCodes.retried(137)).isTrue();
    assertThat(ExitCodes.retried(143)).isTrue();
    assertThat(ExitCodes.retried(134)).isTrue();
    assertThat(ExitCodes.retried(-1)).isTrue();
  }
}
