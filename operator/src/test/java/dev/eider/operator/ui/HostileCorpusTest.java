package dev.eider.operator.ui;

import static dev.eider.operator.ui.UiFixtures.asset;
import static dev.eider.operator.ui.UiFixtures.condition;
import static dev.eider.operator.ui.UiFixtures.stateConfigMap;
import static dev.eider.operator.ui.UiFixtures.withConditions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.CheckResult;
import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.api.branch.BranchDeploymentSpec;
import dev.eider.operator.api.branch.BranchDeploymentStatus;
import dev.eider.operator.asset.history.RunHistory;
import dev.eider.operator.asset.history.RunRecord;
import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.asset.state.PartitionStateStore;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every string a user can write into the cluster (names as far as the UI takes them, labels,
 * annotations, messages, check results, partition keys, log tails, branch fields) is shown as
 * text: no element, attribute or URL of the corpus survives into a page.
 */
class HostileCorpusTest {

  static final List<String> CORPUS = List.of(
      "<script>alert(1)</script>",
      "\"><img src=x onerror=alert(2)>",
      "</textarea><svg onload=alert(3)>",
      "'><iframe src=javascript:alert(4)>",
      "</title><script>alert(5)</script>",
      "</pre><object data=x></object>",
      "--><!--<form action=x><input name=y>",
      "&lt;script&gt;already escaped");

  private static final Set<String> FORBIDDEN = Set.of("script", "img", "iframe", "textarea", "object", "embed", "form", "input", "style");

  private final MapClusterView cluster = new MapClusterView();
  private final UiPages pages = new UiPages(cluster, Clock.systemUTC());

  /** Every hostile element or attribute in a parsed page. */
  static List<String> violations(Document page) {
    List<String> found = new ArrayList<>();
    for (Element element : page.getAllElements()) {
      String tag = element.normalName();
      if (FORBIDDEN.contains(tag) || tag.equals("svg") && !element.hasClass("graph")
          || tag.equals("link") && !"/ui/static/eider.css".equals(element.attr("href"))) {
        found.add("<" + tag + ">");
      }
      for (Attribute attribute : element.attributes()) {
        if (attribute.getKey().toLowerCase().startsWith("on") || attribute.getValue().trim().toLowerCase().startsWith("javascript:")) {
          found.add(tag + " " + attribute.getKey() + "=" + attribute.getValue());
        }
      }
    }
    return found;
  }

  @Test
  void theCheckFindsAnUnescapedCorpus() {
    // The last two hide rather than inject (a comment, already-escaped text): the first six add elements.
    for (String hostile : CORPUS.subList(0, 6)) {
      assertThat(violations(Jsoup.parse("<html><body><p>" + hostile + "</p></body></html>"))).as(hostile).isNotEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
  void everyPageShowsTheCorpusAsText(int index) {
    String hostile = CORPUS.get(index);
    String name = "asset" + hostile;
    Asset asset = withConditions(asset("ns" + hostile, name, "up" + hostile),
        condition("Ready", "False", "Reason" + hostile, "message " + hostile),
        condition("Failed", "True", "RunFailed" + hostile, "failed " + hostile),
        condition("Fresh", "False", "Stale", "stale " + hostile));
    asset.getMetadata().setLabels(Map.of("team", "label" + hostile));
    asset.getMetadata().setAnnotations(Map.of("eider.dev/partitions", "annotation" + hostile,
        "kubectl.kubernetes.io/last-applied-configuration", "{\"env\":\"SECRET-VALUE\"}"));
    asset.getSpec().setGroup("group" + hostile);
    asset.getSpec().setDescription("description" + hostile);
    CheckResult check = new CheckResult();
    check.setName("check" + hostile);
    check.setPassed(false);
    check.setMessage("check message" + hostile);
    asset.getStatus().setChecks(List.of(check));
    cluster.add(asset).add(asset("ns" + hostile, "up" + hostile));
    Instant t = Instant.parse("2026-12-06T06:00:00Z");
    cluster.add(stateConfigMap(asset.getMetadata().getNamespace(), PartitionStateStore.singleName(name), List.of(
        PartitionState.never("key" + hostile).launched(t, false, null).failed("error" + hostile, "Reason" + hostile))));
    RunHistory history = RunHistory.empty().with(new RunRecord("job" + hostile, List.of("key" + hostile), 1, 1, "MANUAL" + hostile,
        t, t, "PERMANENT" + hostile, "reason" + hostile, 2, "run message" + hostile, "log line 1\n" + hostile + "\nlast line"));
    cluster.add(new ConfigMapBuilder().withNewMetadata().withName(name + "-runs").withNamespace(asset.getMetadata().getNamespace())
        .endMetadata().withData(history.toData()).build());
    cluster.events.add(new EventBuilder().withNewMetadata().withName("e").withNamespace(asset.getMetadata().getNamespace()).endMetadata()
        .withNewInvolvedObject().withKind("Asset").withName(name).endInvolvedObject().withType("Warning")
        .withReason("RunFailed" + hostile).withMessage("event " + hostile).build());
    BranchDeployment branch = branch("branch" + hostile, hostile);
    cluster.branches.add(branch);

    String ns = Html.segment(asset.getMetadata().getNamespace());
    Map<String, String> shown = Map.of(
        "/ui", "ns" + hostile,
        "/ui/ns/" + ns, "group" + hostile,
        "/ui/ns/" + ns + "/assets/" + Html.segment(name), "run message" + hostile,
        "/ui/branches", "branch" + hostile,
        "/ui/branches/" + Html.segment(branch.getMetadata().getName()), "changed: column" + hostile + " note" + hostile);
    shown.forEach((path, expectedText) -> {
      UiPages.Response response = pages.get(path, q -> null);
      assertThat(response.status()).as(path).isEqualTo(200);
      Document page = Jsoup.parse(response.body());
      assertThat(violations(page)).as(path).isEmpty();
      assertThat(page.body().text()).as(path).contains(expectedText);
      assertThat(response.body()).as(path).doesNotContain("SECRET-VALUE");
    });
    Document assetPage = Jsoup.parse(pages.get("/ui/ns/" + ns + "/assets/" + Html.segment(name), q -> null).body());
    assertThat(assetPage.selectFirst("pre.log").wholeText()).isEqualTo("log line 1\n" + hostile + "\nlast line");
    assertThat(assetPage.selectFirst("p.labels").text()).contains("team=label" + hostile, "eider.dev/partitions=annotation" + hostile);
    assertThat(assetPage.selectFirst("table.events").text()).contains("event " + hostile);
    assertThat(assetPage.selectFirst("tr.partition").text()).contains("key" + hostile, "error" + hostile);
    assertThat(assetPage.selectFirst("table.checks").text()).contains("check message" + hostile);
    // The shell command quotes the asset name: pasting it runs kubectl with exactly this name.
    assertThat(assetPage.selectFirst("#kubectl-commands").wholeText()).contains("kubectl eider status " + Shell.quote(name));
  }

  private static BranchDeployment branch(String name, String hostile) {
    BranchDeployment branch = new BranchDeployment();
    branch.setMetadata(new ObjectMetaBuilder().withName(name).build());
    BranchDeploymentSpec spec = new BranchDeploymentSpec();
    spec.setBranch("feature/" + hostile);
    spec.setCommit("commit" + hostile);
    branch.setSpec(spec);
    BranchDeploymentStatus status = new BranchDeploymentStatus();
    status.setNamespace("ns" + hostile);
    BranchDeploymentStatus.DatabaseStatus database = new BranchDeploymentStatus.DatabaseStatus();
    database.setName("db" + hostile);
    database.setMessage("database message " + hostile);
    status.setDatabase(database);
    BranchDeploymentStatus.AssetChange change = new BranchDeploymentStatus.AssetChange();
    change.setAsset("asset" + hostile);
    change.setChange(BranchDeploymentStatus.AssetChange.Change.Added);
    status.setChanges(List.of(change));
    status.setConditions(List.of(condition("Ready", "False", "Reason" + hostile, "branch " + hostile)));
    dev.eider.operator.api.branch.DataDiffStatus diff = new dev.eider.operator.api.branch.DataDiffStatus();
    diff.setMessage("diff " + hostile);
    diff.setReport("s3://x/" + hostile);
    dev.eider.operator.api.branch.DataDiffTable table = new dev.eider.operator.api.branch.DataDiffTable();
    table.setTable("table" + hostile);
    table.setNote("note" + hostile);
    table.setColumnsChanged(List.of("column" + hostile));
    diff.setTables(List.of(table));
    status.setDataDiff(diff);
    branch.setStatus(status);
    return branch;
  }
}
