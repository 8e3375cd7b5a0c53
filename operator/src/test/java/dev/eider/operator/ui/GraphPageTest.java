package dev.eider.operator.ui;

import static dev.eider.operator.ui.UiFixtures.asset;
import static dev.eider.operator.ui.UiFixtures.condition;
import static dev.eider.operator.ui.UiFixtures.withConditions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.Asset;
import java.time.Clock;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class GraphPageTest {

  /** The Bluesky sample's lineage (crds/samples/bluesky/): 11 assets, 18 dependencies. */
  static List<Asset> sample(String ns) {
    return List.of(
        asset(ns, "starter-pack-snapshot"),
        asset(ns, "actor-feed-snapshot", "starter-pack-snapshot"),
        asset(ns, "latest-feed", "actor-feed-snapshot"),
        asset(ns, "all-profiles", "starter-pack-snapshot"),
        asset(ns, "top-daily-posts", "latest-feed", "all-profiles"),
        asset(ns, "top-external-links", "latest-feed"),
        asset(ns, "activity-over-time", "latest-feed", "all-profiles"),
        asset(ns, "calendar", "latest-feed"),
        asset(ns, "top-domains", "latest-feed"),
        asset(ns, "member-stats", "activity-over-time", "all-profiles"),
        asset(ns, "dashboard", "top-daily-posts", "top-external-links", "top-domains", "activity-over-time", "calendar", "member-stats"));
  }

  @Test
  void sampleGraphHasOneNodePerAssetAndOneEdgePerDependency() {
    MapClusterView cluster = new MapClusterView();
    sample("bluesky").forEach(cluster::add);
    Document page = Jsoup.parse(new UiPages(cluster, Clock.systemUTC()).get("/ui/ns/bluesky", q -> null).body());

    assertThat(page.select("svg.graph g.node")).hasSize(11);
    assertThat(page.select("svg.graph path.edge")).hasSize(18);
    assertThat(page.select("svg.graph path.edge[data-from=latest-feed]")).hasSize(5);
    assertThat(page.select("svg.graph path.edge[data-to=dashboard]")).hasSize(6);
    assertThat(page.select("table.assets tr[data-asset]")).hasSize(11);
    assertThat(page.select("svg.graph a").eachAttr("href")).contains("/ui/ns/bluesky/assets/member-stats");
  }

  @Test
  void layersFollowTheLongestDependencyPath() {
    GraphLayout layout = GraphLayout.of(java.util.Map.of(
        "a", List.of(), "b", List.of("a"), "c", List.of("a", "b"), "d", List.of("c", "elsewhere")));
    assertThat(layout.nodes().get("a").layer()).isZero();
    assertThat(layout.nodes().get("b").layer()).isEqualTo(1);
    assertThat(layout.nodes().get("c").layer()).isEqualTo(2);
    assertThat(layout.nodes().get("d").layer()).isEqualTo(3);
    // An upstream outside the namespace draws no edge.
    assertThat(layout.edges()).hasSize(4).noneMatch(edge -> edge.from().equals("elsewhere"));
    assertThat(layout.width()).isEqualTo(2 * GraphLayout.MARGIN + 4 * GraphLayout.NODE_WIDTH + 3 * GraphLayout.GAP_X);
  }

  @Test
  void assetsOnACycleAreStillShownInALastColumn() {
    GraphLayout layout = GraphLayout.of(java.util.Map.of("root", List.of(), "x", List.of("y", "root"), "y", List.of("x")));
    assertThat(layout.nodes()).containsOnlyKeys("root", "x", "y");
    assertThat(layout.nodes().get("x").layer()).isEqualTo(1).isEqualTo(layout.nodes().get("y").layer());
    assertThat(layout.edges()).hasSize(3);
  }

  @Test
  void eachAssetIsColouredByItsState() {
    String ns = "states";
    MapClusterView cluster = new MapClusterView()
        .add(withConditions(asset(ns, "ok"), condition("Ready", "True", "Materialized", "")))
        .add(withConditions(asset(ns, "broken"), condition("Ready", "False", "PartitionsFailed", ""),
            condition("Failed", "True", "OOMKilled", "the worker ran out of its 512Mi")))
        .add(withConditions(asset(ns, "held"), condition("Blocked", "True", "UpstreamCheckFailed", "latest-feed: has_posts")))
        .add(withConditions(asset(ns, "running"), condition("Materializing", "True", "RunsInProgress", "1 running")))
        .add(withConditions(asset(ns, "old"), condition("Ready", "True", "Materialized", ""),
            condition("Fresh", "False", "Stale", "last materialized 30h ago")))
        .add(withConditions(asset(ns, "invalid"), condition("Ready", "False", "InvalidSpec", "spec.deps: unknown")))
        .add(asset(ns, "new"));
    Document page = Jsoup.parse(new UiPages(cluster, Clock.systemUTC()).get("/ui/ns/" + ns, q -> null).body());

    assertThat(page.selectFirst("g.node[data-asset=ok]").attr("data-state")).isEqualTo("ready");
    assertThat(page.selectFirst("g.node[data-asset=broken]").attr("data-state")).isEqualTo("failed");
    assertThat(page.selectFirst("g.node[data-asset=held]").attr("data-state")).isEqualTo("blocked");
    assertThat(page.selectFirst("g.node[data-asset=running]").attr("data-state")).isEqualTo("materializing");
    assertThat(page.selectFirst("g.node[data-asset=old]").attr("data-state")).isEqualTo("stale");
    assertThat(page.selectFirst("g.node[data-asset=invalid]").attr("data-state")).isEqualTo("failed");
    assertThat(page.selectFirst("g.node[data-asset=new]").attr("data-state")).isEqualTo("pending");
    assertThat(page.selectFirst("tr[data-asset=broken]").text()).contains("OOMKilled: the worker ran out of its 512Mi");
    assertThat(page.selectFirst("g.node[data-asset=broken]").hasClass("state-failed")).isTrue();
  }
}
