package dev.eider.contract.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one duration syntax: what samples and docs write parses to fixed values; anything else is named. */
class DurationsTest {

  @Test
  void theFormsSamplesAndDocsUseParse() {
    // crds/samples (backoff 30s and 10m, maxAge 26h, ttl 72h), docs/gitops (timeout 15m), helm values (1h).
    Map<String, Duration> written = Map.of(
        "30s", Duration.ofSeconds(30),
        "10m", Duration.ofMinutes(10),
        "26h", Duration.ofHours(26),
        "72h", Duration.ofHours(72),
        "15m", Duration.ofMinutes(15),
        "1h", Duration.ofHours(1),
        "2d", Duration.ofDays(2),
        "1h30m", Duration.ofMinutes(90),
        "500ms", Duration.ofMillis(500),
        "1d2h3m4s5ms", Duration.ofMillis(93_784_005));
    written.forEach((text, expected) -> assertThat(Durations.parse(text)).as(text).contains(expected));
  }

  @Test
  void leadingZerosAndTheLongestDurationParse() {
    assertThat(Durations.parse("0s")).contains(Duration.ZERO);
    assertThat(Durations.parse("00000000000000000000030s")).contains(Duration.ofSeconds(30));
    assertThat(Durations.parse("3650d")).contains(Duration.ofDays(3650));
    assertThat(Durations.parse("87600h")).contains(Duration.ofDays(3650));
  }

  @Test
  void beyondTenYearsIsNoDuration() {
    assertThat(Durations.parse("3651d")).isEmpty();
    assertThat(Durations.parse("3650d1ms")).isEmpty();
    assertThat(Durations.parse("99999999999999999999h")).isEmpty();
    assertThat(Durations.problem("3651d")).contains("'3651d' is longer than 87600h, the longest duration allowed");
  }

  @Test
  void isoIsRefusedNamingTheEiderForm() {
    assertThat(Durations.parse("PT26H")).isEmpty();
    assertThat(Durations.problem("PT26H")).contains("'PT26H' is an ISO-8601 duration; Eider writes durations as 26h (units ms, s, m, h, d)");
    assertThat(Durations.problem("PT1M")).contains("'PT1M' is an ISO-8601 duration; Eider writes durations as 1m (units ms, s, m, h, d)");
    assertThat(Durations.problem("P2DT30M")).contains("'P2DT30M' is an ISO-8601 duration; Eider writes durations as 48h30m (units ms, s, m, h, d)");
    assertThat(Durations.problem("pt1.5s")).contains("'pt1.5s' is an ISO-8601 duration; Eider writes durations as 1s500ms (units ms, s, m, h, d)");
    // Negative and month-based ISO values get the general message: there is no Eider form for them.
    assertThat(Durations.problem("PT-5H")).contains("'PT-5H' is not a duration: write whole numbers with units ms, s, m, h or d, "
        + "e.g. 30s, 10m, 26h, 2d or 1h30m");
    assertThat(Durations.problem("P1M")).get().asString().startsWith("'P1M' is not a duration");
  }

  @Test
  void anythingElseIsNoDuration() {
    for (String bad : new String[] {"", "26", "h", "26 h", " 26h", "26h ", "1w", "-1h", "+1h", "1.5h", "1H", "26hours", "1h-30m"}) {
      assertThat(Durations.parse(bad)).as(bad).isEmpty();
      assertThat(Durations.problem(bad)).as(bad).contains("'" + bad + "' is not a duration: write whole numbers with units ms, s, m, h or d, "
          + "e.g. 30s, 10m, 26h, 2d or 1h30m");
    }
    assertThat(Durations.parse(null)).isEmpty();
    assertThat(Durations.problem(null)).get().asString().startsWith("null is not a duration");
  }

  @Test
  void theSchemaPatternAcceptsWhatParseAccepts() {
    Pattern schema = Pattern.compile(Durations.PATTERN);
    for (String text : List.of("30s", "1h30m", "500ms", "2d", "0s", "1d2h3m4s5ms")) {
      assertThat(schema.matcher(text).matches()).as(text).isTrue();
      assertThat(Durations.parse(text)).as(text).isPresent();
    }
    for (String text : List.of("PT26H", "26", "1.5h", " 1h", "1w", "")) {
      assertThat(schema.matcher(text).matches()).as(text).isFalse();
      assertThat(Durations.parse(text)).as(text).isEmpty();
    }
  }

  @Test
  void problemIsEmptyForADuration() {
    assertThat(Durations.problem("26h")).isEmpty();
  }
}
