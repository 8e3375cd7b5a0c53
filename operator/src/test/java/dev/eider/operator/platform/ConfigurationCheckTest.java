package dev.eider.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.operator.platform.TestEiderConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator refuses to start with a configuration its worker pods could not work with, saying what to set. */
class ConfigurationCheckTest {

  @Test
  void theDefaultsStart() {
    assertThat(ConfigurationCheck.problems(TestEiderConfig.with(Map.of()))).isEmpty();
    new ConfigurationCheck(TestEiderConfig.with(Map.of())).onStart(null);
  }

  @Test
  void aPlainPathWarehouseWithoutAClaimStopsTheStartWithOneLine() {
    ConfigurationCheck check = new ConfigurationCheck(TestEiderConfig.with(Map.of("eider.warehouse.connection", "/var/lib/eider/eider.duckdb")));

    // Quarkus prints only the message of a ConfigurationException, and exits with 1.
    assertThatThrownBy(() -> check.onStart(null)).isInstanceOf(ConfigurationException.class)
        .hasMessage("eider.warehouse.connection is the file path /var/lib/eider/eider.duckdb, which worker pods do not share:"
            + " set eider.warehouse.volume-claim to a PersistentVolumeClaim to mount at /var/lib/eider, or use"
            + " s3://<bucket>/<key>.duckdb or md:<database> (unset: s3://eider/raw/warehouse/eider.duckdb)")
        .hasNoCause();
  }

  @Test
  void branchesThatWouldRunWithProductionsCredentialsStopTheStart() {
    assertThat(ConfigurationCheck.problems(TestEiderConfig.with(Map.of("eider.branch.storage-credentials-secret", "eider-storage"))))
        .containsExactly("eider.branch.storage-credentials-secret and eider.branch.warehouse-credentials-secret must name Secrets"
            + " other than production's (eider.storage.credentials-secret, eider.warehouse.credentials-secret), but eider-storage is both:"
            + " branches would run with production's credentials");
    assertThat(ConfigurationCheck.problems(TestEiderConfig.with(Map.of("eider.warehouse.credentials-secret", "md",
        "eider.branch.warehouse-credentials-secret", "md")))).hasSize(1);
  }

  @Test
  void everyProblemIsNamed() {
    assertThat(ConfigurationCheck.problems(TestEiderConfig.with(Map.of("eider.warehouse.volume-claim", "wh",
        "eider.branch.pod-security", "strict")))).hasSize(2);
  }
}
