package dev.eider.operator.ui;

import static dev.eider.operator.ui.UiFixtures.asset;
import static dev.eider.operator.ui.UiFixtures.condition;
import static dev.eider.operator.ui.UiFixtures.stateConfigMap;
import static dev.eider.operator.ui.UiFixtures.withConditions;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.CheckResult;
import dev.eider.operator.api.asset.Materialization;
import dev.eider.operator.api.asset.PartitionCounts;
import dev.eider.operator.api.asset.ReportSpec;
import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.api.branch.BranchDeploymentSpec;
import dev.eider.operator.api.branch.BranchDeploymentStatus;
import dev.eider.operator.api.branch.BranchPlan;
import dev.eider.operator.api.branch.DataDiffStatus;
import dev.eider.operator.api.branch.DataDiffTable;
import dev.eider.operator.asset.history.RunHistory;
import dev.eider.operator.asset.history.RunHistoryStore;
import dev.eider.operator.asset.history.RunRecord;
import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.asset.state.PartitionStateStore;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class UiPagesTest {

  private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
  private final MapClusterView cluster = new MapClusterView();
  private final UiPages pages = new UiPages(cluster, Clock.fixed(NOW, ZoneOffset.UTC));

  private UiPages.Response get(String path) {
    return get(path, Map.of());
  }

  private UiPages.Response get(String path, Map<String, String> query) {
    return pages.get(path, query::get);
  }

  @Test
  void unknownNamespaceAssetBranchAndPathAreAPlain404NamingWhatIsMissing() {
    cluster.add(asset("bluesky", "latest-feed"));
    assertThat(get("/ui/ns/nowhere")).satisfies(r -> {
      assertThat(r.status()).isEqualTo(404);
      assertThat(Jsoup.parse(r.body()).selectFirst("p.message").text()).isEqualTo("No Assets in namespace nowhere (or the operator does not watch it).");
    });
    assertThat(get("/ui/ns/bluesky/assets/missing").status()).isEqualTo(404);
    assertThat(Jsoup.parse(get("/ui/ns/bluesky/assets/missing").body()).text()).contains("No Asset missing in namespace bluesky.");
    assertThat(get("/ui/branches/feature-x").status()).isEqualTo(404);
    assertThat(get("/ui/nothing/here").status()).isEqualTo(404);
    assertThat(get("/ui/ns/bluesky/assets/latest-feed/extra").status()).isEqualTo(404);
    // Positive controls: the same paths for things that exist.
    assertThat(get("/ui/ns/bluesky").status()).isEqualTo(200);
    assertThat(get("/ui/ns/bluesky/assets/latest-feed").status()).isEqualTo(200);
    assertThat(get("/ui").status()).isEqualTo(200);
    assertThat(get("/ui/").status()).isEqualTo(200);
    assertThat(get("/ui/branches").status()).isEqualTo(200);
  }

  @Test
  void aHostile404EchoesTheNameAsText() {
    UiPages.Response response = get("/ui/ns/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    assertThat(response.status()).isEqualTo(404);
    Document page = Jsoup.parse(response.body());
    assertThat(page.select("script")).isEmpty();
    assertThat(page.selectFirst("p.message").text()).contains("<script>alert(1)</script>");
  }

  @Test
  void badQueryValuesAre400NamingTheParameter() {
    cluster.add(asset("bluesky", "latest-feed"));
    assertThat(get("/ui/ns/bluesky/assets/latest-feed", Map.of("page", "0"))).satisfies(r -> {
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).contains("page must be a whole number from 1, not 0.");
    });
    assertThat(get("/ui/ns/bluesky/assets/latest-feed", Map.of("page", "x")).status()).isEqualTo(400);
    assertThat(get("/ui/ns/bluesky/assets/latest-feed", Map.of("state", "<b>")).body()).contains("state must be one of").contains("&lt;b&gt;");
    assertThat(get("/ui/ns/bluesky/assets/latest-feed", Map.of("page", "3", "state", "FAILED")).status()).isEqualTo(200);
  }

  @Test
  void beforeTheCachesExistTheUiSays503() {
    cluster.ready = false;
    assertThat(get("/ui").status()).isEqualTo(503);
    assertThat(get("/ui/static/eider.css").status()).isEqualTo(200);
  }

  @Test
  void assetPageShowsPartitionsRunsWithLogTailsEventsChecksAndCommands() {
    Asset asset = withConditions(asset("bluesky", "actor-feed-snapshot", "starter-pack-snapshot"),
        condition("Ready", "False", "PartitionsFailed", "1 of 3 partitions failed"),
        condition("Failed", "True", "OOMKilled", "partition did:plc:c: the worker was killed at its memory limit 512Mi"),
        condition("Fresh", "True", "WithinMaxAge", "materialized 2h ago"));
    PartitionCounts counts = new PartitionCounts();
    counts.setTotal(3);
    counts.setMaterialized(2);
    counts.setFailed(1);
    asset.getStatus().setPartitions(counts);
    Materialization last = new Materialization();
    last.setPartition("did:plc:a");
    last.setJob("actor-feed-snapshot-0a1b-1");
    last.setFinishedAt("2026-12-06T06:00:00Z");
    last.setMetadata(JsonNodeFactory.instance.objectNode().put("items", 812));
    asset.getStatus().setLastMaterialization(last);
    CheckResult check = new CheckResult();
    check.setName("has_rows");
    check.setPassed(false);
    check.setMessage("0 rows");
    asset.getStatus().setChecks(List.of(check));
    cluster.add(asset);
    Instant t = Instant.parse("2026-12-06T06:00:00Z");
    cluster.add(stateConfigMap("bluesky", PartitionStateStore.singleName("actor-feed-snapshot"), List.of(
        PartitionState.never("did:plc:a").launched(t, false, null).succeeded(t.plusSeconds(30)),
        PartitionState.never("did:plc:b").launched(t, false, null).succeeded(t.plusSeconds(40)),
        PartitionState.never("did:plc:c").launched(t, false, null).failed("exit 137", "OOMKilled"))));
    RunHistory history = RunHistory.empty()
        .with(new RunRecord("actor-feed-snapshot-0a1b-1", List.of("did:plc:a"), 1, 1, "EAGER", t, t.plusSeconds(30), "SUCCEEDED",
            null, 0, "812 items", "fetching feed of did:plc:a\nwrote 812 items to raw/actor_feed/"))
        .with(new RunRecord("actor-feed-snapshot-77cc-1", List.of("did:plc:c"), 1, 1, "EAGER", t, t.plusSeconds(50), "PERMANENT",
            "OOMKilled", 137, "the worker was killed at its memory limit 512Mi", null));
    cluster.add(new ConfigMapBuilder().withNewMetadata().withName(RunHistoryStore.configMapName("actor-feed-snapshot")).withNamespace("bluesky")
        .endMetadata().withData(history.toData()).build());
    cluster.events.add(new EventBuilder().withNewMetadata().withName("e1").withNamespace("bluesky").endMetadata()
        .withNewInvolvedObject().withKind("Asset").withName("actor-feed-snapshot").endInvolvedObject()
        .withType("Warning").withReason("RunFailed").withMessage("run actor-feed-snapshot-77cc-1 failed: OOMKilled")
        .withLastTimestamp("2026-12-06T06:01:00Z").build());

    Document page = Jsoup.parse(get("/ui/ns/bluesky/assets/actor-feed-snapshot").body());

    assertThat(page.selectFirst("#state").text()).isEqualTo("failed");
    assertThat(page.selectFirst("#why").text()).isEqualTo("OOMKilled: partition did:plc:c: the worker was killed at its memory limit 512Mi");
    assertThat(page.select("table.partitions tr.partition")).hasSize(3);
    assertThat(page.select("table.partitions tr.partition").get(2).text()).contains("did:plc:c", "failed", "OOMKilled: exit 137");
    assertThat(page.select("table.partitions tr.partition").get(0).text()).contains("did:plc:a", "succeeded", "{\"items\":812}");
    assertThat(page.selectFirst("a[data-phase=FAILED]").text()).isEqualTo("failed 1");
    assertThat(page.selectFirst("a[data-phase=SUCCEEDED]").text()).isEqualTo("succeeded 2");
    assertThat(page.select("details.run")).hasSize(2);
    assertThat(page.selectFirst("details.run[data-job=actor-feed-snapshot-0a1b-1] pre.log").wholeText())
        .isEqualTo("fetching feed of did:plc:a\nwrote 812 items to raw/actor_feed/");
    assertThat(page.selectFirst("details.run[data-job=actor-feed-snapshot-77cc-1] summary").text()).contains("PERMANENT (OOMKilled)", "exit 137");
    assertThat(page.selectFirst("table.events").text()).contains("RunFailed", "run actor-feed-snapshot-77cc-1 failed: OOMKilled");
    assertThat(page.selectFirst("table.checks").text()).contains("has_rows", "FAILED", "0 rows");
    assertThat(page.selectFirst("#freshness").text()).isEqualTo("Fresh: True (WithinMaxAge: materialized 2h ago)");
    assertThat(page.selectFirst("#kubectl-commands").wholeText()).isEqualTo("""
        kubectl eider status actor-feed-snapshot -n bluesky
        kubectl eider materialize actor-feed-snapshot -n bluesky
        kubectl eider materialize actor-feed-snapshot did:plc:a -n bluesky
        kubectl eider backfill actor-feed-snapshot did:plc:a..did:plc:c -n bluesky
        kubectl eider logs actor-feed-snapshot -n bluesky""");
  }

  @Test
  void filteringByStateShowsOnlyThosePartitions() {
    cluster.add(asset("bluesky", "a"));
    Instant t = Instant.parse("2026-12-06T06:00:00Z");
    cluster.add(stateConfigMap("bluesky", PartitionStateStore.singleName("a"), List.of(
        PartitionState.never("k1").launched(t, false, null).succeeded(t),
        PartitionState.never("k2").launched(t, false, null).failed("bad input"))));
    Document page = Jsoup.parse(get("/ui/ns/bluesky/assets/a", Map.of("state", "FAILED")).body());
    assertThat(page.select("tr.partition")).hasSize(1);
    assertThat(page.selectFirst("tr.partition").text()).contains("k2", "bad input");
  }

  @Test
  void aChangedStateConfigMapIsShownAsItIsNow() {
    cluster.add(asset("bluesky", "a"));
    Instant t = Instant.parse("2026-12-06T06:00:00Z");
    PartitionState launched = PartitionState.never("k1").launched(t, false, null);
    cluster.add(stateConfigMap("bluesky", PartitionStateStore.singleName("a"), List.of(launched)));
    assertThat(Jsoup.parse(get("/ui/ns/bluesky/assets/a").body()).selectFirst("tr.partition").text()).contains("running");
    cluster.add(stateConfigMap("bluesky", PartitionStateStore.singleName("a"), List.of(launched.failed("exit 2: bad input"))));
    assertThat(Jsoup.parse(get("/ui/ns/bluesky/assets/a").body()).selectFirst("tr.partition").text()).contains("failed", "exit 2: bad input");
  }

  @Test
  void unreadableRunHistoryIsSaidNotThrown() {
    cluster.add(asset("bluesky", "a"));
    cluster.add(new ConfigMapBuilder().withNewMetadata().withName("a-runs").withNamespace("bluesky").endMetadata()
        .withData(Map.of(RunHistory.DATA_KEY, "{not json")).build());
    cluster.eventsUnavailable = true;
    UiPages.Response response = get("/ui/ns/bluesky/assets/a");
    assertThat(response.status()).isEqualTo(200);
    Document page = Jsoup.parse(response.body());
    assertThat(page.text()).contains("unreadable run history in ConfigMap a-runs key runs.json",
        "Events cannot be read in this namespace");
  }

  @Test
  void reportAssetShowsWhereItsPageIs() {
    Asset dashboard = asset("bluesky", "dashboard", "top-daily-posts");
    ReportSpec report = new ReportSpec();
    report.setKind(ReportSpec.Kind.values()[0]);
    report.setOutput("_reports/dashboard.html");
    dashboard.getSpec().setReport(report);
    Materialization last = new Materialization();
    last.setFinishedAt("2026-12-06T07:00:00Z");
    last.setMetadata(JsonNodeFactory.instance.objectNode().put("object", "s3://eider/raw/_reports/dashboard.html"));
    dashboard.getStatus().setLastMaterialization(last);
    cluster.add(dashboard);
    Document page = Jsoup.parse(get("/ui/ns/bluesky/assets/dashboard").body());
    assertThat(page.selectFirst("#report-object").text()).isEqualTo("s3://eider/raw/_reports/dashboard.html");
    assertThat(page.selectFirst("#report").nextElementSibling().text()).contains("_reports/dashboard.html");
  }

  @Test
  void hundredThousandPartitionsRenderOnePageOfBoundedSize() {
    Asset asset = asset("bluesky", "events");
    cluster.add(asset);
    cluster.configMaps.putAll(hundredThousandPartitions("bluesky", "events"));

    String body = get("/ui/ns/bluesky/assets/events", Map.of("page", "7")).body();
    Document page = Jsoup.parse(body);

    assertThat(page.select("tr.partition")).hasSize(AssetPage.PAGE_SIZE);
    assertThat(page.selectFirst("tr.partition td").text()).isEqualTo(key(600));
    assertThat(page.selectFirst("#pager").text()).startsWith("Page 7 of 1000 (100000 partitions)");
    assertThat(page.selectFirst("a[data-phase=SUCCEEDED]").text()).isEqualTo("succeeded 90000");
    assertThat(page.selectFirst("a[data-phase=FAILED]").text()).isEqualTo("failed 10000");
    // One page of rows, not 100,000: a row is about 250 bytes.
    assertThat(body.length()).isBetween(20_000, 60_000);
    // The last page is the end, and a page past it shows the last.
    assertThat(Jsoup.parse(get("/ui/ns/bluesky/assets/events", Map.of("page", "5000")).body()).selectFirst("#pager").text())
        .startsWith("Page 1000 of 1000");
  }

  /** 100,000 partitions in the 16 shards PartitionStateStore uses beyond 2,000; every tenth failed. */
  static Map<String, io.fabric8.kubernetes.api.model.ConfigMap> hundredThousandPartitions(String namespace, String asset) {
    Instant t = Instant.parse("2026-12-01T00:00:00Z");
    List<List<PartitionState>> shards = new ArrayList<>();
    for (int s = 0; s < 16; s++) {
      shards.add(new ArrayList<>());
    }
    for (int i = 0; i < 100_000; i++) {
      PartitionState launched = PartitionState.never(key(i)).launched(t, false, null);
      shards.get(i % 16).add(i % 10 == 0 ? launched.failed("exit 2: bad input") : launched.succeeded(t.plusSeconds(i)));
    }
    Map<String, io.fabric8.kubernetes.api.model.ConfigMap> configMaps = new java.util.LinkedHashMap<>();
    for (int s = 0; s < 16; s++) {
      String name = PartitionStateStore.shardName(asset, s);
      configMaps.put(namespace + "/" + name, stateConfigMap(namespace, name, shards.get(s)));
    }
    return configMaps;
  }

  static String key(int i) {
    return String.format("2025-%06d", i);
  }

  @Test
  void branchPageShowsNamespaceDatabaseChangesPlanAndTtlLeft() {
    BranchDeployment branch = new BranchDeployment();
    branch.setMetadata(new ObjectMetaBuilder().withName("feature-top-links").build());
    BranchDeploymentSpec spec = new BranchDeploymentSpec();
    spec.setBranch("feature/top-links");
    spec.setCommit("3f9c2ab");
    spec.setBaseNamespace("bluesky");
    branch.setSpec(spec);
    BranchDeploymentStatus status = new BranchDeploymentStatus();
    status.setNamespace("eider-br-feature-top-links");
    status.setExpiresAt("2026-12-08T11:30:00Z");
    BranchDeploymentStatus.DatabaseStatus database = new BranchDeploymentStatus.DatabaseStatus();
    database.setName("s3://eider/branches/feature-top-links/eider.duckdb");
    database.setPhase("Ready");
    status.setDatabase(database);
    BranchDeploymentStatus.AssetChange change = new BranchDeploymentStatus.AssetChange();
    change.setAsset("top-external-links");
    change.setChange(BranchDeploymentStatus.AssetChange.Change.Modified);
    change.setModels(List.of("top_external_links"));
    status.setChanges(List.of(change));
    BranchPlan plan = new BranchPlan();
    plan.setRebuild(List.of(new BranchPlan.Rebuild("top-external-links", BranchPlan.Rebuild.Reason.Modified, null),
        new BranchPlan.Rebuild("dashboard", BranchPlan.Rebuild.Reason.Downstream, "top-external-links")));
    plan.setReuse(List.of("latest-feed"));
    status.setPlan(plan);
    status.setConditions(List.of(condition("Ready", "True", "Synced", "3 assets")));
    DataDiffStatus diff = new DataDiffStatus();
    diff.setPhase(DataDiffStatus.Phase.Ready);
    diff.setBase("s3://eider/warehouse/eider.duckdb");
    diff.setTablesCompared(2L);
    diff.setTablesDiffering(1L);
    diff.setReport("s3://eider/branches/feature-top-links/_reports/data-diff.md");
    DataDiffTable links = new DataDiffTable();
    links.setTable("top_external_links");
    links.setDiffers(true);
    links.setBaseRows(40L);
    links.setBranchRows(38L);
    links.setAdded(1L);
    links.setRemoved(3L);
    links.setChanged(2L);
    links.setColumnsAdded(List.of("domain"));
    diff.setTables(List.of(links));
    status.setDataDiff(diff);
    branch.setStatus(status);
    cluster.branches.add(branch);

    Document page = Jsoup.parse(get("/ui/branches/feature-top-links").body());
    assertThat(page.selectFirst("#branch-namespace a").attr("href")).isEqualTo("/ui/ns/eider-br-feature-top-links");
    assertThat(page.select("tr.change")).hasSize(1);
    assertThat(page.selectFirst("tr.change").text()).isEqualTo("top-external-links Modified top_external_links");
    assertThat(page.selectFirst("table.plan").text()).contains("dashboard Downstream top-external-links");
    assertThat(page.selectFirst("table.summary").text()).contains("TTL left 2d 3h", "ready True (Synced)");
    assertThat(page.selectFirst("table.database").text()).contains("s3://eider/branches/feature-top-links/eider.duckdb", "Ready");
    assertThat(page.selectFirst("#data-diff-summary").text())
        .isEqualTo("Ready: 1 of 2 tables differ from s3://eider/warehouse/eider.duckdb");
    assertThat(page.selectFirst("tr.diff[data-table=top_external_links]").text())
        .isEqualTo("top_external_links yes 40 → 38 1 3 2 added: domain");
    assertThat(page.selectFirst("#data-diff-report").text()).isEqualTo("s3://eider/branches/feature-top-links/_reports/data-diff.md");
    // The branch's namespace links back to its BranchDeployment.
    cluster.add(asset("eider-br-feature-top-links", "top-external-links"));
    assertThat(Jsoup.parse(get("/ui/ns/eider-br-feature-top-links").body()).selectFirst("#branch a").attr("href"))
        .isEqualTo("/ui/branches/feature-top-links");
    cluster.add(asset("plain", "x"));
    assertThat(get("/ui/ns/plain").status()).isEqualTo(200);
    assertThat(Jsoup.parse(get("/ui/ns/plain").body()).selectFirst("#branch")).isNull();
    Document list = Jsoup.parse(get("/ui/branches").body());
    assertThat(list.select("tr[data-branch]")).hasSize(1);
    assertThat(list.selectFirst("tr[data-branch]").text()).contains("feature/top-links", "2d 3h");
  }

  @Test
  void ttlLeftCountsDownToExpired() {
    BranchDeploymentStatus status = new BranchDeploymentStatus();
    status.setExpiresAt("2026-12-06T08:45:00Z");
    assertThat(BranchPage.ttlLeft(status, NOW)).isEqualTo("45m");
    status.setExpiresAt("2026-12-06T10:15:00Z");
    assertThat(BranchPage.ttlLeft(status, NOW)).isEqualTo("2h 15m");
    status.setExpiresAt("2026-12-06T07:00:00Z");
    assertThat(BranchPage.ttlLeft(status, NOW)).isEqualTo("expired");
    assertThat(BranchPage.ttlLeft(new BranchDeploymentStatus(), NOW)).isEqualTo("no TTL");
  }
}
