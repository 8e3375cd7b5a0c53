package dev.eider.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text format as the API server and the operator write it. */
class PrometheusScrapeTest {

  @Test
  void infinitiesAndLabelsAreRead() {
    PrometheusScrape scrape = PrometheusScrape.parse("""
        # HELP apiserver_request_duration_seconds request latency
        apiserver_request_duration_seconds_bucket{resource="jobs",verb="POST",le="+Inf"} 12
        apiserver_request_duration_seconds_sum{resource="jobs",verb="POST"} 0.75
        some_gauge_max +Inf
        some_gauge_min -Inf
        some_ratio NaN
        """);

    assertThat(scrape.value("apiserver_request_duration_seconds_bucket", Map.of("le", "+Inf"))).contains(12.0);
    assertThat(scrape.value("apiserver_request_duration_seconds_sum", Map.of("verb", "POST"))).contains(0.75);
    assertThat(scrape.value("some_gauge_max", Map.of())).contains(Double.POSITIVE_INFINITY);
    assertThat(scrape.value("some_gauge_min", Map.of())).contains(Double.NEGATIVE_INFINITY);
    assertThat(scrape.value("some_ratio", Map.of()).orElseThrow()).isNaN();
  }

  @Test
  void aLineThatIsNoSampleIsRefused() {
    assertThatThrownBy(() -> PrometheusScrape.parse("not a sample\n")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a Prometheus sample line: not a sample");
  }
}
