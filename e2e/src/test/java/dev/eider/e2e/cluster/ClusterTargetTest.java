package dev.eider.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the real node's tests find it, in particular one that bin/test starts beside the build. */
class ClusterTargetTest {

  @TempDir Path dir;

  @Test
  void aClusterStillStartingIsWaitedForAndThenFound() throws Exception {
    Path kubeconfig = Files.writeString(dir.resolve("admin.kubeconfig"), "apiVersion: v1\n");
    Path status = dir.resolve("status");
    Map<String, String> env = Map.of(ClusterTarget.KUBECONFIG, kubeconfig.toString(), ClusterTarget.HOST_ADDRESS, "10.244.77.1",
        ClusterTarget.STARTING, status.toString());
    CompletableFuture<Void> starter = CompletableFuture.runAsync(() -> {
      try {
        Thread.sleep(1_500);
        Files.writeString(status, "up after 31 s\n");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    Instant asked = Instant.now();
    ClusterTarget.Lookup lookup = ClusterTarget.fromEnvironment(env);

    // It waited for the status (written 1.5 s later), not only for the kubeconfig, which was there at once.
    assertThat(Duration.between(asked, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1_400));
    assertThat(starter).isCompleted();
    assertThat(lookup.target()).isPresent();
    assertThat(lookup.target().get().kubeconfig()).isEqualTo(kubeconfig);
    assertThat(lookup.target().get().hostAddress()).isEqualTo("10.244.77.1");
  }

  @Test
  void aClusterThatFailedToStartIsAnErrorCarryingWhyNotASkip() throws Exception {
    Path status = Files.writeString(dir.resolve("status"), "failed (exit 1), the end of up.log:\n[real-node] dockerd did not start\n");
    Map<String, String> env = Map.of(ClusterTarget.STARTING, status.toString());

    assertThatThrownBy(() -> ClusterTarget.fromEnvironment(env)).isInstanceOf(IllegalStateException.class)
        .hasMessage("the real cluster did not start: failed (exit 1), the end of up.log:\n[real-node] dockerd did not start");
  }

  @Test
  void withoutAStartingClusterTheLookupSaysWhatIsMissing() {
    // A positive control for the skip: no variables, no wait, and the reason names the variable.
    ClusterTarget.Lookup lookup = ClusterTarget.fromEnvironment(Map.of());

    assertThat(lookup.target()).isEmpty();
    assertThat(lookup.reason()).startsWith("no real cluster: EIDER_CLUSTER_KUBECONFIG is not set");
  }

  @Test
  void aClusterWhoseStatusNeverAppearsIsAnErrorNamingTheFile() {
    Path status = dir.resolve("status");

    Instant asked = Instant.now();
    assertThatThrownBy(() -> ClusterTarget.awaitStarted(status, Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class)
        .hasMessage("the real cluster did not start within 1 s: " + status + " never appeared");
    assertThat(Duration.between(asked, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }
}
