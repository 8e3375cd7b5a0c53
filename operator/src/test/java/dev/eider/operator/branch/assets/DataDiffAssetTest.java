package dev.eider.operator.branch.assets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.DependencySpec;
import dev.eider.operator.api.branch.BranchOverrides;
import dev.eider.operator.api.branch.DataDiffStatus;
import dev.eider.operator.asset.run.WorkerArgs;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataDiffAssetTest {

  private static final String PRODUCTION = "s3://lake/eider/warehouse/eider.duckdb";

  private static AssetSpec spec(String yaml) {
    return Serialization.unmarshal(yaml, AssetSpec.class);
  }

  private static Map<String, AssetSpec> branch() {
    Map<String, AssetSpec> branch = new LinkedHashMap<>();
    branch.put("latest-feed", spec("ingest: {bluesky: {authorFeed: {mode: full}}}"));
    branch.put("top-domains", spec("transform: {models: [top_domains], keys: {top_domains: [domain]}}\ndeps: [{asset: latest-feed}]"));
    branch.put("member-stats", spec("transform: {models: [member_stats, member_days], keys: {member_stats: [did]}}"));
    branch.put("calendar", spec("transform: {models: [calendar]}"));
    return branch;
  }

  private static List<String> models(String name, AssetSpec spec) {
    return spec.getTransform().getModels();
  }

  @Test
  void comparesTheTablesOfRebuiltTransformsOnlyWithTheirKeys() {
    List<DataDiffAsset.Table> tables = DataDiffAsset.tables(branch(), Set.of("latest-feed", "top-domains", "member-stats"),
        DataDiffAssetTest::models);
    assertThat(tables).containsExactly(
        new DataDiffAsset.Table("member-stats", "member_stats", List.of("did")),
        new DataDiffAsset.Table("member-stats", "member_days", List.of()),
        new DataDiffAsset.Table("top-domains", "top_domains", List.of("domain")));
    assertThat(DataDiffAsset.tables(branch(), Set.of("latest-feed"), DataDiffAssetTest::models)).isEmpty();
  }

  @Test
  void theAssetDependsOnTheRebuiltTransformsAndRunsTheWorkersDiff() {
    List<DataDiffAsset.Table> tables = DataDiffAsset.tables(branch(), Set.of("top-domains", "member-stats"), DataDiffAssetTest::models);
    BranchOverrides overrides = Serialization.unmarshal("image: registry.example/eider-worker:pr-7", BranchOverrides.class);
    Asset asset = DataDiffAsset.desired("pr-7", "eider-br-feature-x", "feature/x", tables, PRODUCTION, overrides).orElseThrow();
    assertThat(asset.getMetadata().getName()).isEqualTo("eider-data-diff");
    assertThat(asset.getMetadata().getNamespace()).isEqualTo("eider-br-feature-x");
    assertThat(asset.getMetadata().getAnnotations()).containsEntry("eider.dev/generated-for", "pr-7");
    assertThat(DataDiffAsset.isGenerated(asset)).isTrue();
    assertThat(asset.getSpec().getDeps()).extracting(DependencySpec::getAsset).containsExactly("member-stats", "top-domains");
    assertThat(asset.getSpec().getDeps()).allMatch(dep -> dep.getPartitionMapping() == DependencySpec.PartitionMapping.ALL);
    assertThat(asset.getSpec().getAutomation().getEager()).isTrue();
    assertThat(asset.getSpec().getWorker().getImage()).isEqualTo("registry.example/eider-worker:pr-7");
    assertThat(WorkerArgs.of(asset.getMetadata().getName(), asset.getSpec(), "")).containsExactly("diff", "--base", PRODUCTION,
        "--table", "member_stats:did", "--table", "member_days", "--table", "top_domains:domain",
        "--title", "Data diff of branch feature/x");
    assertThat(DataDiffAsset.desired("pr-7", "ns", "x", List.of(), PRODUCTION, null)).isEmpty();
    assertThat(DataDiffAsset.desired("pr-7", "ns", "x", tables, null, null)).isEmpty();
  }

  @Test
  void aChangedTableListMakesTheAssetOutdated() {
    List<DataDiffAsset.Table> one = List.of(new DataDiffAsset.Table("a", "a", List.of()));
    List<DataDiffAsset.Table> two = List.of(new DataDiffAsset.Table("a", "a", List.of()), new DataDiffAsset.Table("b", "b", List.of("id")));
    Asset first = DataDiffAsset.desired("d", "ns", "x", one, PRODUCTION, null).orElseThrow();
    assertThat(DataDiffAsset.outdated(first, DataDiffAsset.desired("d", "ns", "x", one, PRODUCTION, null).orElseThrow())).isFalse();
    assertThat(DataDiffAsset.outdated(first, DataDiffAsset.desired("d", "ns", "x", two, PRODUCTION, null).orElseThrow())).isTrue();
  }

  @Test
  void statusIsPendingUntilTheDiffMaterializedThenTheWorkersSummary() {
    Asset asset = DataDiffAsset.desired("d", "ns", "x", List.of(new DataDiffAsset.Table("top-domains", "top_domains", List.of("domain"))),
        PRODUCTION, null).orElseThrow();
    DataDiffStatus pending = DataDiffAsset.status(asset);
    assertThat(pending.getPhase()).isEqualTo(DataDiffStatus.Phase.Pending);
    assertThat(pending.getMessage()).isEqualTo("waits for the rebuilt transforms to run: top-domains");
    assertThat(pending.getBase()).isEqualTo(PRODUCTION);

    asset.setStatus(Serialization.unmarshal("""
        conditions: [{type: Ready, status: "True", reason: Materialized}, {type: Failed, status: "False", reason: NoFailures}]
        lastMaterialization:
          job: eider-data-diff-x1
          finishedAt: "2026-12-06T09:00:00Z"
          metadata:
            command: diff
            report: s3://lake/eider/branches/x/_reports/data-diff.md
            tablesCompared: 1
            tablesDiffering: 1
            tablesOmitted: 0
            tables:
              - {table: top_domains, differs: true, baseRows: 12, branchRows: 10, added: 1, removed: 3, changed: 2,
                 columnsChanged: [posts], columnsAdded: [share]}
        """, dev.eider.operator.api.asset.AssetStatus.class));
    DataDiffStatus ready = DataDiffAsset.status(asset);
    assertThat(ready.getPhase()).isEqualTo(DataDiffStatus.Phase.Ready);
    assertThat(ready.getJob()).isEqualTo("eider-data-diff-x1");
    assertThat(ready.getReport()).isEqualTo("s3://lake/eider/branches/x/_reports/data-diff.md");
    assertThat(ready.getTablesCompared()).isEqualTo(1L);
    assertThat(ready.getTables()).singleElement().satisfies(table -> {
      assertThat(table.getTable()).isEqualTo("top_domains");
      assertThat(List.of(table.getBaseRows(), table.getBranchRows(), table.getAdded(), table.getRemoved(), table.getChanged()))
          .containsExactly(12L, 10L, 1L, 3L, 2L);
      assertThat(table.getColumnsChanged()).containsExactly("posts");
      assertThat(table.getColumnsAdded()).containsExactly("share");
    });

    asset.getStatus().getConditions().get(1).setStatus("True");
    asset.getStatus().getConditions().get(1).setMessage("base database s3://lake/x.duckdb: access denied (403 AccessDenied)");
    DataDiffStatus failed = DataDiffAsset.status(asset);
    assertThat(failed.getPhase()).isEqualTo(DataDiffStatus.Phase.Failed);
    assertThat(failed.getMessage()).isEqualTo("base database s3://lake/x.duckdb: access denied (403 AccessDenied)");
    assertThat(failed.getTablesCompared()).as("the last summary stays").isEqualTo(1L);
  }
}
