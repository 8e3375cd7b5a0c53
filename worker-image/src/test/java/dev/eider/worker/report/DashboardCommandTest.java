package dev.eider.worker.report;

import static dev.eider.worker.warehouse.WarehouseTestSupport.BUCKET;
import static dev.eider.worker.warehouse.WarehouseTestSupport.environment;
import static dev.eider.worker.warehouse.WarehouseTestSupport.run;
import static dev.eider.worker.warehouse.WarehouseTestSupport.store;
import static dev.eider.worker.warehouse.WarehouseTestSupport.termination;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.storage.ObjectStore;
import dev.eider.worker.warehouse.SampleFixtureAccess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * {@code report dashboard} on the marts of the sample fixture: the page in object storage, parsed
 * with a real HTML parser, shows the values written out by hand from the fixture (see
 * WarehouseTransformTest for the marts they come from).
 */
class DashboardCommandTest {

  @TempDir static Path shared;
  static Map<String, String> env;
  static JsonNode result;
  static Document page;
  static GetObjectResponse object;
  static byte[] warehouseBefore;
  static byte[] warehouseAfter;

  @BeforeAll
  static void renderTheFixturesDashboard() throws Exception {
    env = environment(shared);
    try (ObjectStore store = store(env)) {
      SampleFixtureAccess.write(store, env.get("EIDER_PREFIX"));
    }
    assertThat(run(env, "transform", "--models", "all")).isEqualTo(ExitCodes.OK);
    Path warehouse = Path.of(env.get("EIDER_WAREHOUSE"));
    warehouseBefore = Files.readAllBytes(warehouse);

    assertThat(run(env, "report", "dashboard")).isEqualTo(ExitCodes.OK);

    warehouseAfter = Files.readAllBytes(warehouse);
    result = termination(env);
    try (ObjectStore store = store(env)) {
      ResponseBytes<GetObjectResponse> bytes = store.s3().getObjectAsBytes(b -> b.bucket(BUCKET)
          .key(env.get("EIDER_PREFIX") + "/_reports/dashboard.html"));
      object = bytes.response();
      page = Jsoup.parse(new String(bytes.asByteArray(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void resultNamesTheObjectAndCountsEachSection() {
    String key = env.get("EIDER_PREFIX") + "/_reports/dashboard.html";
    assertThat(result.path("command").asText()).isEqualTo("report");
    assertThat(result.path("report").asText()).isEqualTo("dashboard");
    assertThat(result.path("object").asText()).isEqualTo("s3://" + BUCKET + "/" + key);
    assertThat(result.path("topPostsDay").asText()).isEqualTo("2026-11-25");
    assertThat(result.path("sections").toString()).isEqualTo(
        "{\"measures\":12,\"topPosts\":1,\"topLinks\":8,\"linkTypes\":6,\"topDomains\":7,\"days\":5,\"members\":3}");
    assertThat(result.path("bytes").asLong()).isEqualTo(object.contentLength()).isBetween(5_000L, 200_000L);
    // The S3 server may drop the space; what counts is type and charset.
    assertThat(object.contentType().replace(" ", "")).isEqualTo("text/html;charset=utf-8");
  }

  @Test
  void theWarehouseIsOnlyRead() {
    assertThat(warehouseAfter).isEqualTo(warehouseBefore);
  }

  @Test
  void measuresAreTheMembersTotals() {
    Map<String, String> measures = new java.util.LinkedHashMap<>();
    page.select("#measures .measure").forEach(m -> measures.put(m.attr("data-measure"), m.selectFirst("dd").text()));
    // posts 4+2+13, replies alice's one, reposts alice 2 + bob 1, likes 21+9+67 over 20 written posts.
    assertThat(measures).containsExactly(Map.entry("members", "3"), Map.entry("posts", "19"), Map.entry("replies", "1"),
        Map.entry("reposts", "3"), Map.entry("likes", "97"), Map.entry("replies-received", "4"),
        Map.entry("reposts-received", "2"), Map.entry("quotes-received", "2"), Map.entry("engagement", "21.8"),
        Map.entry("avg-likes", "4.85"), Map.entry("days", "5"), Map.entry("domains", "7"));
  }

  @Test
  void topPostsAreThoseOfTheNewestDay() {
    assertThat(page.selectFirst("#top-posts h2").text()).isEqualTo("Top posts of 2026-11-25 (UTC)");
    Elements posts = page.select("#top-posts tr.post");
    assertThat(posts).hasSize(1);
    Element post = posts.get(0);
    assertThat(post.selectFirst(".text").text()).isEqualTo("Day two");
    assertThat(post.selectFirst(".author .name").text()).isEqualTo("Alice");
    assertThat(post.selectFirst(".author a").attr("href")).isEqualTo("https://bsky.app/profile/alice.test");
    assertThat(post.selectFirst(".handle a[href*='/post/']").attr("href"))
        .isEqualTo("https://bsky.app/profile/did:plc:alice/post/p9");
    assertThat(post.selectFirst(".handle a[href*='/post/']").text()).isEqualTo("2026-11-25 05:00 UTC");
    assertThat(List.of(post.selectFirst(".likes").text(), post.selectFirst(".replies").text(),
        post.selectFirst(".quotes").text(), post.selectFirst(".engagement").text())).containsExactly("0", "0", "0", "0.0");
    Elements bars = page.select("#top-posts svg rect.bar");
    assertThat(bars).hasSize(1);
    assertThat(bars.get(0).attr("data-key")).isEqualTo("#1 @alice.test");
    assertThat(bars.get(0).attr("width")).isEqualTo("0.0");
  }

  @Test
  void topLinksSumTheirSharesAndTypesCountEveryShare() {
    List<String> rows = page.select("#top-links tr.link").stream()
        .map(row -> row.selectFirst(".url").text() + " | " + row.selectFirst(".type").text() + " | "
            + row.selectFirst(".shares").text() + " | " + row.selectFirst(".engagement").text())
        .toList();
    assertThat(rows).containsExactly(
        "https://github.com/duckdb/duckdb | GitHub | 2 | 26.2",
        "https://atproto.com/guides/overview | Docs | 1 | 3.4",
        "https://www.youtube.com/watch?v=abc123 | YouTube | 1 | 1.6",
        "https://example.org/blog/hello | Blog | 1 | 0.6",
        "https://bob.substack.com/p/hello | SubStack | 1 | 0.4",
        "https://github.com/apache/arrow | GitHub | 1 | 0.4",
        "https://www.nytimes.com/2026/11/24/technology/data.html | News | 1 | 0.4",
        "https://docs.python.org/3/library/json.html | Docs | 1 | 0.2");
    assertThat(page.select("#top-links tr.link a").eachAttr("href")).hasSize(8).allMatch(href -> href.startsWith("https://"));
    assertThat(bars("#top-links svg.link-types-chart"))
        .containsExactly("GitHub=3", "Docs=2", "Blog=1", "News=1", "SubStack=1", "YouTube=1");
    // The widest bar is GitHub's; the others are in proportion (3 : 2 : 1).
    Elements typeBars = page.select("#top-links svg.link-types-chart rect.bar");
    double github = Double.parseDouble(typeBars.get(0).attr("width"));
    assertThat(github).isEqualTo(430.0);
    assertThat(Double.parseDouble(typeBars.get(1).attr("width"))).isEqualTo(286.7);
    assertThat(Double.parseDouble(typeBars.get(2).attr("width"))).isEqualTo(143.3);
  }

  @Test
  void topDomainsRankPostsPerDomain() {
    List<String> rows = page.select("#top-domains tr.domain").stream()
        .map(row -> row.selectFirst(".rank").text() + " | " + row.selectFirst(".name").text() + " | "
            + row.selectFirst(".posts").text() + " | " + row.selectFirst(".links").text() + " | "
            + row.selectFirst(".engagement").text())
        .toList();
    assertThat(rows).containsExactly("1 | github.com | 3 | 2 | 26.6", "2 | atproto.com | 1 | 1 | 3.4",
        "3 | youtube.com | 1 | 1 | 1.6", "4 | example.org | 1 | 1 | 0.6", "5 | bob.substack.com | 1 | 1 | 0.4",
        "6 | nytimes.com | 1 | 1 | 0.4", "7 | docs.python.org | 1 | 1 | 0.2");
    assertThat(bars("#top-domains svg.domains-chart")).hasSize(7).startsWith("github.com=3", "atproto.com=1");
  }

  @Test
  void activityChartHasABarPerCalendarDayScaledToTheBusiestDay() {
    Elements bars = page.select("#activity svg.activity-chart rect.bar");
    List<String> shown = bars.stream().map(bar -> bar.attr("data-key") + " " + bar.attr("data-value") + " "
        + bar.attr("height")).toList();
    // Posts + replies per UTC day: dan's eleven fillers on the 21st fill the 160 px; 1/11 of it is 14.5.
    assertThat(shown).containsExactly("2026-11-21 11 160.0", "2026-11-22 1 14.5", "2026-11-23 2 29.1",
        "2026-11-24 5 72.7", "2026-11-25 1 14.5");
    // Bars stand on the same baseline.
    assertThat(bars.stream().map(bar -> Math.round((Double.parseDouble(bar.attr("y")) + Double.parseDouble(bar.attr("height"))) * 10) / 10.0)
        .distinct()).containsExactly(172.0);
    assertThat(page.select("#activity svg.activity-chart text.x-label").eachText())
        .containsExactly("11-21", "11-22", "11-23", "11-24", "11-25");
    assertThat(page.select("#activity svg.activity-chart text.y-label").eachText()).containsExactly("11", "0");
  }

  @Test
  void calendarPlacesEachDayInItsWeekAndWeekday() {
    List<String> cells = page.select("#activity svg.calendar rect.day").stream()
        .map(cell -> cell.attr("data-day") + " " + cell.className() + " x" + cell.attr("x") + " y" + cell.attr("y"))
        .toList();
    // Saturday and Sunday of the week of 16 November, then Monday to Wednesday of the next.
    assertThat(cells).containsExactly("2026-11-21 day level-4 x36 y75", "2026-11-22 day level-1 x36 y90",
        "2026-11-23 day level-1 x51 y0", "2026-11-24 day level-2 x51 y15", "2026-11-25 day level-1 x51 y30");
  }

  @Test
  void membersAreRankedByEngagementWithTheirStats() {
    List<String> rows = page.select("#members tr.member").stream()
        .map(row -> row.selectFirst(".author .handle").text() + " | " + row.selectFirst(".posts").text() + " | "
            + row.selectFirst(".replies").text() + " | " + row.selectFirst(".reposts").text() + " | "
            + row.selectFirst(".likes").text() + " | " + row.selectFirst(".avg-likes").text() + " | "
            + row.selectFirst(".engagement").text() + " | " + row.selectFirst(".posts-per-day").text())
        .toList();
    assertThat(rows).containsExactly(
        "@dan.test | 13 | 0 | 0 | 67 | 5.15 | 13.4 | 4.33",
        "@alice.test | 4 | 1 | 2 | 21 | 4.20 | 5.8 | 1.67",
        "@bob.example | 2 | 0 | 1 | 9 | 4.50 | 2.6 | 2.00");
    assertThat(bars("#members svg.members-chart")).containsExactly("@dan.test=13.4", "@alice.test=5.8", "@bob.example=2.6");
  }

  @Test
  void thePageLoadsNothingAndRunsNothing() {
    assertThat(page.select("script, link, img, iframe, object, embed, [src]")).isEmpty();
    assertThat(page.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content")).startsWith("default-src 'none';");
    assertThat(page.select("section").eachAttr("id"))
        .containsExactly("measures", "top-posts", "top-links", "top-domains", "activity", "members");
  }

  @Test
  void badOutputPathsAndMissingMartsAreNamed() throws Exception {
    Map<String, String> other = environment(Files.createDirectories(shared.resolve("other")));
    assertThat(run(other, "report", "dashboard", "--output", "../prod/dashboard.html")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(other).path("error").asText()).startsWith("--output '../prod/dashboard.html' must be a relative path");
    assertThat(run(other, "report", "dashboard", "--output", "/abs.html")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run(other, "report")).isEqualTo(ExitCodes.BAD_INPUT);

    try (ObjectStore store = store(other)) {
      SampleFixtureAccess.write(store, other.get("EIDER_PREFIX"));
    }
    assertThat(run(other, "transform", "--models", "latest_feed,all_profiles,calendar")).isEqualTo(ExitCodes.OK);
    assertThat(run(other, "report", "dashboard")).isEqualTo(ExitCodes.FAILED);
    assertThat(termination(other).path("error").asText()).isEqualTo("report dashboard: the warehouse has no member_stats, "
        + "top_domains, top_daily_posts, top_external_links, activity_over_time: materialize the Bluesky sample's marts first");
  }

  /** A bar chart's bars as "key=value". */
  private static List<String> bars(String chart) {
    return page.select(chart + " rect.bar").stream().map(bar -> bar.attr("data-key") + "=" + bar.attr("data-value")).toList();
  }
}
