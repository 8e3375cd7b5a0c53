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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The README's main job on the real control plane: {@code crds/samples/bluesky/} applied, the
 * operator running the real worker as pods of the test kubelet against a fake Bluesky, every
 * asset Ready, the dashboard marts filled in the DuckDB file, and the dashboard page rendered from them.
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
      assertThat(printed).contains("== Top posts", "== Top links", "== Activity", "== Profiles", "DuckDB file: " + result.warehouse(),
          "Dashboard: " + result.dashboard() + "  (a copy of s3://eider/raw/_reports/dashboard.html; open it in a browser");
      assertDashboardShowsTheMarts(result);
      // One look before starting (is Bluesky there?), then one snapshot run of the pack.
      assertThat(bluesky.stats().count("app.bsky.graph.getStarterPack")).isEqualTo(2);
    }
  }

  /** The page the dashboard asset rendered shows what the marts hold (read here with DuckDB). */
  private static void assertDashboardShowsTheMarts(LocalPipeline.Result result) throws Exception {
    assertThat(result.dashboard()).isRegularFile();
    Document page = Jsoup.parse(Files.readString(result.dashboard()));
    assertThat(page.select("script, img, link, iframe, [src]")).isEmpty();
    assertThat(page.select("section").eachAttr("id"))
        .containsExactly("measures", "top-posts", "top-links", "top-domains", "activity", "members");
    assertThat(page.selectFirst("[data-measure=members] dd").text()).isEqualTo("5");
    assertThat(page.selectFirst("[data-measure=posts] dd").text().replace(",", ""))
        .isEqualTo(query(result.warehouse(), "select sum(posts) from member_stats"));
    assertThat(page.selectFirst("[data-measure=likes] dd").text().replace(",", ""))
        .isEqualTo(query(result.warehouse(), "select sum(likes_received) from member_stats"));
    assertThat(page.selectFirst("[data-measure=days] dd").text()).isEqualTo(query(result.warehouse(), "select count(*) from calendar"));
    assertThat(String.valueOf(page.select("#top-posts tr.post").size())).isEqualTo(query(result.warehouse(),
        "select least(count(*), 10) from top_daily_posts where post_date = (select max(post_date) from top_daily_posts)"));
    // The parser collapses white space as a browser shows it.
    assertThat(page.select("#top-posts tr.post .text").first().text()).isEqualTo(query(result.warehouse(),
        "select text from top_daily_posts where post_date = (select max(post_date) from top_daily_posts) and rank = 1")
        .replaceAll("\\s+", " ").strip());
    assertThat(page.select("#members tr.member")).hasSize(5);
    assertThat(String.valueOf(page.select("#activity svg.activity-chart rect.bar").size()))
        .isEqualTo(query(result.warehouse(), "select least(count(*), 182) from calendar"));
    assertThat(page.select("#activity svg.calendar rect.day").size()).isEqualTo(page.select("#activity svg.activity-chart rect.bar").size());
  }

  private static String query(Path warehouse, String sql) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + warehouse, readOnly());
         Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static Properties readOnly() {
    Properties properties = new Properties();
    properties.setProperty("duckdb.read_only", "true");
    return properties;
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
