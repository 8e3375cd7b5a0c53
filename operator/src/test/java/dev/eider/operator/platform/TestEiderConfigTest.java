package dev.eider.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test double carries the operator's own defaults, read from the mapping and application.properties. */
class TestEiderConfigTest {

  @Test
  void theDoubleHasTheShippedDefaultsAndTheReaderTakesOverrides() {
    TestEiderConfig config = new TestEiderConfig();

    assertThat(config.pools()).as("from application.properties").isEqualTo(Map.of("ingestion", 1));
    assertThat(config.runs().pendingTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.worker().resources().limits().memory()).isEqualTo("2Gi");
    assertThat(config.branch().cloneAttempts()).isEqualTo(3);
    config.runs.pendingTimeout = Duration.ofSeconds(5);
    assertThat(config.runs().pendingTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(new TestEiderConfig().runs().pendingTimeout()).as("each instance starts from the defaults").isEqualTo(Duration.ofMinutes(10));

    EiderConfig read = TestEiderConfig.with(Map.of("eider.runs.pending-timeout", "30s", "eider.pools.ingestion", "4"));
    assertThat(read.runs().pendingTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(read.pools()).isEqualTo(Map.of("ingestion", 4));
    assertThat(read.worker().timeout()).isEqualTo(Duration.ofHours(1));
  }
}
