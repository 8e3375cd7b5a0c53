package dev.eider.e2e.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.e2e.local.LocalCluster;
import dev.eider.e2e.local.LocalPipeline;
import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.support.TestCluster;
import dev.eider.testkit.bluesky.FakeBluesky;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The README's main job on the real control plane: {@code crds/samples/bluesky/} applied, the
 * operator running the real worker as pods of the test kubelet against a fake Bluesky, every
 * asset Ready, and the dashboard marts filled in the DuckDB file.
 */
class SamplePipelineTest {

  private final TestCluster cluster = TestCluster.get();

  // Under target/, not a temporary directory: the operator log and pod logs stay for a failed run.
  private final Path dir = TestCluster.tempDir("sample-pipeline");

  @Test
  void sampleAssetsRunFromStarterPackToDashboardMarts() throws Exception {
    try (FakeBluesky bluesky = FakeBluesky.builder().members(5).feedLength(60).start()) {
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      LocalPipeline pipeline = new LocalPipeline(options(bluesky.url(), bluesky.dataset().starterPack().uri()),
          new PrintStream(output, true, StandardCharsets.UTF_8));

      LocalPipeline.Result result;
      try {
        result = pipeline.run(this::sharedCluster);
      } finally {
        System.out.println(output.toString(StandardCharsets.UTF_8));
      }

      assertThat(result.rowCounts()).containsEntry("all_profiles", 5L).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
      String printed = output.toString(StandardCharsets.UTF_8);
      assertThat(printed).contains("== Top posts", "== Top links", "== Activity", "== Profiles", "DuckDB file: " + result.warehouse());
      // One look before starting (is Bluesky there?), then one snapshot run of the pack.
      assertThat(bluesky.stats().count("app.bsky.graph.getStarterPack")).isEqualTo(2);
    }
  }

  @Test
  void unreachableBlueskyIsOneLineNamingTheSetting() {
    LocalPipeline pipeline = new LocalPipeline(options("http://127.0.0.1:9", null), System.out);
    assertThatThrownBy(() -> pipeline.run(this::sharedCluster))
        .isInstanceOf(LocalPipeline.PipelineFailure.class)
        .hasMessageStartingWith("Bluesky cannot be reached at http://127.0.0.1:9")
        .hasMessageContaining("BLUESKY_APPVIEW_URL")
        .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
  }

  private LocalPipeline.Options options(String appview, String starterPack) {
    return new LocalPipeline.Options(TestCluster.repo(), TestCluster.workerJar(), OperatorProcess.defaultJar(), dir, appview,
        starterPack, Duration.ofMinutes(5));
  }

  private LocalCluster sharedCluster() {
    return LocalCluster.shared(cluster.controlPlane(), cluster.client(), cluster.kubelet(), cluster.s3());
  }
}
