package dev.eider.e2e.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.local.SampleAssets;
import dev.eider.e2e.local.WarehouseDownload;
import dev.eider.e2e.support.AssetFixtures;
import dev.eider.e2e.support.Browser;
import dev.eider.e2e.support.EiderOperator;
import dev.eider.e2e.support.TestCluster;
import dev.eider.testkit.bluesky.FakeBluesky;
import dev.eider.operator.asset.history.RunHistory;
import dev.eider.operator.asset.history.RunRecord;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The operator's UI in a real browser (headless Chromium) after the Bluesky sample ran on the test
 * cluster with the real worker, next to one asset whose SQL fails at run time: the graph shows
 * every asset with its dependencies and state, an asset page its partitions and runs, the failing
 * asset its reason, the dashboard asset where its page is; a standby replica serves the same graph. Screenshots of every page are kept
 * under target/screenshots.
 */
class UiBrowserTest {

  /** crds/samples/bluesky: 11 assets, 18 dependencies between them. */
  private static final int SAMPLE_ASSETS = 11;
  private static final int SAMPLE_DEPENDENCIES = 18;
  private static final int MEMBERS = 5;

  private final TestCluster cluster = TestCluster.get();

  @Test
  void samplePipelineIsShownInTheBrowser() throws Exception {
    Browser.require();
    String namespace = cluster.newNamespace("ui");
    try (FakeBluesky bluesky = FakeBluesky.builder().members(MEMBERS).feedLength(60).start()) {
      SampleAssets samples = SampleAssets.load(TestCluster.repo());
      assertThat(samples.size()).isEqualTo(SAMPLE_ASSETS);
      samples.apply(cluster.client(), namespace, bluesky.dataset().starterPack().uri(), System.out);
      AssetFixtures assets = new AssetFixtures(cluster.client(), namespace);
      // Passes the operator's SQL check (one read-only query, no table) and fails in DuckDB; one attempt only.
      assets.create("""
          apiVersion: eider.dev/v1alpha1
          kind: Asset
          metadata: {name: broken-cast}
          spec:
            group: modeling
            transform: {sql: "SELECT CAST('not a number' AS INTEGER) AS n"}
            automation: {onMissing: true}
            retry: {maxAttempts: 1}
          """);
      EiderOperator eider = EiderOperator.forNamespace(cluster, namespace).without("eider.worker.image")
          .with("eider.worker.env.BLUESKY_APPVIEW_URL", bluesky.url());
      try (OperatorProcess operator = eider.start(); Browser browser = Browser.start()) {
        assertThat(samples.awaitReady(cluster.client(), namespace, Duration.ofMinutes(8), System.out))
            .as("every sample asset Ready; operator log in " + eider.dir()).isTrue();
        assets.awaitCondition("broken-cast", "Failed", "True", Duration.ofMinutes(3));

        WebDriver page = browser.driver();
        String ui = "http://127.0.0.1:" + operator.httpPort() + "/ui";

        page.get(ui);
        browser.screenshot("01-namespaces");
        assertThat(page.findElement(By.cssSelector("tr[data-namespace='" + namespace + "']")).getText())
            .contains(namespace, (SAMPLE_ASSETS + 1) + "");

        page.findElement(By.cssSelector("tr[data-namespace='" + namespace + "'] a")).click();
        browser.screenshot("02-asset-graph");
        assertThat(page.getCurrentUrl()).endsWith("/ui/ns/" + namespace);
        assertThat(page.findElements(By.cssSelector("svg.graph g.node"))).hasSize(SAMPLE_ASSETS + 1);
        assertThat(page.findElements(By.cssSelector("svg.graph path.edge"))).hasSize(SAMPLE_DEPENDENCIES);
        assertThat(page.findElements(By.cssSelector("svg.graph path.edge[data-to='dashboard']"))).hasSize(6);
        // Sample assets are Ready (or stale, when the fake feed's posts are older than a freshness check allows).
        List<String> sampleStates = page.findElements(By.cssSelector("svg.graph g.node")).stream()
            .filter(node -> !node.getDomAttribute("data-asset").equals("broken-cast"))
            .map(node -> node.getDomAttribute("data-state")).toList();
        assertThat(sampleStates).hasSize(SAMPLE_ASSETS).allMatch(state -> state.equals("ready") || state.equals("stale"));
        assertThat(page.findElement(By.cssSelector("g.node[data-asset='broken-cast']")).getDomAttribute("data-state")).isEqualTo("failed");
        // The boxes are drawn: the browser laid them out where the page placed them.
        WebElement node = page.findElement(By.cssSelector("g.node[data-asset='member-stats'] rect"));
        assertThat(node.getSize().getWidth()).isBetween(150, 260);

        page.findElement(By.cssSelector("tr[data-asset='actor-feed-snapshot'] a")).click();
        browser.screenshot("03-asset-partitions");
        assertThat(page.findElement(By.id("state")).getText()).isIn("ready", "stale");
        List<WebElement> partitions = page.findElements(By.cssSelector("table.partitions tr.partition"));
        assertThat(partitions).hasSize(MEMBERS);
        assertThat(partitions).allSatisfy(row -> assertThat(row.findElements(By.tagName("td")).get(1).getText()).isEqualTo("succeeded"));
        assertThat(page.findElement(By.cssSelector("a[data-phase='SUCCEEDED']")).getText()).isEqualTo("succeeded " + MEMBERS);
        assertThat(page.findElement(By.id("kubectl-commands")).getText())
            .contains("kubectl eider materialize actor-feed-snapshot -n " + namespace);
        assertRuns(page, namespace, "actor-feed-snapshot");
        page.get(page.getCurrentUrl() + "#events");
        browser.screenshot("04-asset-events-and-runs");
        assertThat(page.findElement(By.cssSelector("table.events")).getText()).contains("RunSucceeded");

        page.get(ui + "/ns/" + namespace + "/assets/broken-cast");
        browser.screenshot("05-failing-asset");
        assertThat(page.findElement(By.id("state")).getText()).isEqualTo("failed");
        String why = page.findElement(By.id("why")).getText();
        String failed = assets.condition("broken-cast", "Failed").orElseThrow().getMessage();
        assertThat(why).contains(failed).contains("not a number");
        assertThat(page.findElement(By.cssSelector("table.partitions tr.partition td.phase-FAILED")).getText()).isEqualTo("failed");

        page.get(ui + "/ns/" + namespace + "/assets/dashboard");
        browser.screenshot("06-report-asset");
        assertThat(page.findElement(By.id("report-object")).getText()).startsWith("s3://" + TestCluster.BUCKET + "/")
            .endsWith("/_reports/dashboard.html")
            .isEqualTo(SampleAssets.reportObject(cluster.client(), namespace, "dashboard").orElseThrow());
        assertDashboardIsDrawn(browser, page.findElement(By.id("report-object")).getText());
        page.get(ui + "/ns/" + namespace + "/assets/dashboard");

        page.get(ui + "/branches");
        browser.screenshot("07-branches");
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Branch deployments");

        page.get(ui + "/ns/" + namespace + "/assets/no-such-asset");
        browser.screenshot("08-not-found");
        assertThat(page.findElement(By.cssSelector("p.message")).getText()).isEqualTo("No Asset no-such-asset in namespace " + namespace + ".");

        // A standby replica (it does not hold the Lease) serves the same pages from its own informers.
        try (OperatorProcess standby = eider.start(false)) {
          String standbyGraph = "http://127.0.0.1:" + standby.httpPort() + "/ui/ns/" + namespace;
          await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
              .until(() -> Jsoup.parse(httpGet(standbyGraph)).select("svg.graph g.node").size() == SAMPLE_ASSETS + 1);
          Document graph = Jsoup.parse(httpGet(standbyGraph));
          assertThat(graph.select("svg.graph path.edge")).hasSize(SAMPLE_DEPENDENCIES);
          assertThat(graph.selectFirst("g.node[data-asset=broken-cast]").attr("data-state")).isEqualTo("failed");
        }
      }
    }
  }

  /** The body of a GET, or "" when the server does not answer 200 (yet). */
  private static String httpGet(String url) {
    try {
      HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()
          .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The run history the operator keeps in {@code <asset>-runs}: each run on the page, with its log
   * tail; without such a ConfigMap the page says no run is recorded.
   */
  /**
   * The dashboard the report asset wrote, opened from its object in Chromium: every chart is laid
   * out, and each bar is drawn to scale (the longest bar is the largest value).
   */
  private void assertDashboardIsDrawn(Browser browser, String object) throws IOException {
    Path file = TestCluster.tempDir("eider-dashboard").resolve("dashboard.html");
    Files.writeString(file, WarehouseDownload.text(cluster.s3(), object));
    WebDriver page = browser.driver();
    page.get(file.toUri().toString());
    browser.screenshot("09-dashboard");
    List<WebElement> charts = page.findElements(By.cssSelector("svg.chart"));
    assertThat(charts).hasSizeGreaterThanOrEqualTo(3);
    for (WebElement chart : charts) {
      // Laid out at its size (the calendar is a few weeks wide: ~50 px), not collapsed to nothing.
      assertThat(chart.getSize().getWidth()).as("chart %s", chart.getDomAttribute("class")).isGreaterThan(20);
      assertThat(chart.getSize().getHeight()).as("chart %s", chart.getDomAttribute("class")).isGreaterThan(20);
    }
    List<WebElement> bars = page.findElements(By.cssSelector("svg.activity-chart rect.bar"));
    assertThat(bars).isNotEmpty();
    WebElement largest = bars.stream().max(java.util.Comparator.comparingDouble(bar -> Double.parseDouble(bar.getDomAttribute("data-value"))))
        .orElseThrow();
    int tallest = bars.stream().mapToInt(bar -> bar.getSize().getHeight()).max().orElseThrow();
    assertThat(largest.getSize().getHeight()).isEqualTo(tallest).isGreaterThan(0);
    assertThat(page.findElements(By.cssSelector("#measures .measure"))).isNotEmpty();
    assertThat(page.findElements(By.tagName("script"))).isEmpty();
  }

  /** The asset page lists the runs the operator kept, newest first, each with the worker's real log tail. */
  private void assertRuns(WebDriver page, String namespace, String asset) {
    // Runs still being recorded may land between two reads: compare once the page and the ConfigMap agree.
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).until(() -> {
      ConfigMap stored = cluster.client().configMaps().inNamespace(namespace).withName(asset + "-runs").get();
      page.navigate().refresh();
      int kept = stored == null ? 0 : RunHistory.fromData(stored.getData(), asset + "-runs").runs().size();
      return kept > 0 && page.findElements(By.cssSelector("details.run")).size() == kept;
    });
    ConfigMap stored = cluster.client().configMaps().inNamespace(namespace).withName(asset + "-runs").get();
    List<RunRecord> kept = RunHistory.fromData(stored.getData(), asset + "-runs").runs();
    List<WebElement> shown = page.findElements(By.cssSelector("details.run"));
    assertThat(shown).hasSize(kept.size());
    assertThat(shown.get(0).getAttribute("data-job")).isEqualTo(kept.get(0).job());
    shown.get(0).findElement(By.tagName("summary")).click();
    String tail = shown.get(0).findElement(By.cssSelector("pre.log")).getText();
    assertThat(kept.get(0).logTail()).isNotBlank();
    assertThat(tail).isNotBlank().isEqualTo(kept.get(0).logTail().strip());
    assertThat(shown.get(0).findElement(By.tagName("summary")).getText()).contains(kept.get(0).job());
  }

}
