package dev.eider.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.support.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator jar refuses to start with a warehouse its worker pods could not share, and says in
 * its last line what to set. It needs no cluster: the check runs before the operator connects (the
 * kubeconfig points at a closed port).
 */
class OperatorStartupTest {

  static final String REFUSAL = "eider.warehouse.connection is the file path /var/lib/eider/eider.duckdb, which worker pods"
      + " do not share: set eider.warehouse.volume-claim to a PersistentVolumeClaim to mount at /var/lib/eider, or use"
      + " s3://<bucket>/<key>.duckdb or md:<database> (unset: s3://eider/raw/warehouse/eider.duckdb)";

  final Path dir = TestCluster.tempDir("eider-startup");

  @Test
  void aPlainPathWarehouseWithoutAVolumeClaimStopsTheOperatorWithOneLine() {
    OperatorProcess.Exit exit = OperatorProcess.runUntilExit(OperatorProcess.defaultJar(), TestCluster.unreachableKubeconfig(dir),
        Map.of("eider.warehouse.connection", "/var/lib/eider/eider.duckdb"), dir.resolve("refused.log"), Duration.ofSeconds(90));

    assertThat(exit.code()).as(exit.log()).isNotZero();
    assertThat(exit.lastLine()).isEqualTo(REFUSAL);
    assertThat(exit.log()).doesNotContain("Starting operator");
  }

  @Test
  void withItsVolumeClaimTheSameWarehouseGetsPastTheCheck() {
    // Positive control: the operator goes on to start (and then stops, for want of an API server).
    OperatorProcess.Exit exit = OperatorProcess.runUntilExit(OperatorProcess.defaultJar(), TestCluster.unreachableKubeconfig(dir),
        Map.of("eider.warehouse.connection", "/var/lib/eider/eider.duckdb", "eider.warehouse.volume-claim", "eider-warehouse"),
        dir.resolve("accepted.log"), Duration.ofSeconds(120));

    assertThat(exit.log()).contains("Starting operator").doesNotContain("worker pods do not share");
  }
}
