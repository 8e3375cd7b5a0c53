package dev.eider.operator.branch.assets;

import static dev.eider.operator.branch.assets.AssetCopiesTest.asset;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.branch.BranchDeploymentStatus.AssetChange;
import dev.eider.operator.api.branch.BranchDeploymentSpec;
import dev.eider.operator.api.branch.BranchPlan;
import io.fabric8.kubernetes.client.utils.Serialization;
import dev.eider.operator.sql.CodeVersion;
import dev.eider.operator.sql.TransformModels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a branch builds (changed, and everything downstream of a change) and what it takes from the base. */
class BranchPlannerTest {

  // pack -> feed -> latest -> {top, links}; profiles <- pack; models <- pack (a ConfigMap of models)
  final Map<String, AssetSpec> branch = specs(
      asset("metadata: {name: pack}\nspec: {ingest: {bluesky: {starterPack: {uri: 'at://x'}}}}"),
      asset("metadata: {name: feed}\nspec: {ingest: {bluesky: {authorFeed: {}}}, deps: [{asset: pack}]}"),
      asset("metadata: {name: latest}\nspec: {transform: {models: [latest_feed]}, deps: [{asset: feed}]}"),
      asset("metadata: {name: top}\nspec: {transform: {models: [top_daily_posts]}, deps: [{asset: latest}, {asset: profiles}]}"),
      asset("metadata: {name: links}\nspec: {transform: {models: [top_external_links]}, deps: [{asset: latest}]}"),
      asset("metadata: {name: profiles}\nspec: {transform: {models: [all_profiles]}, deps: [{asset: pack}]}"),
      asset("metadata: {name: team}\nspec: {transform: {configMapRef: {name: team-models}}, deps: [{asset: pack}]}"));

  @Test
  void nothingChangedTakesEverythingFromTheBase() {
    BranchPlanner.Result result = BranchPlanner.plan(branch, List.of());

    assertThat(result.plan().getRebuild()).isEmpty();
    assertThat(result.plan().getReuse()).containsExactly("feed", "latest", "links", "pack", "profiles", "team", "top");
    assertThat(result.plan().getOmitted()).isNull();
  }

  @Test
  void aChangeIsRebuiltWithEverythingDownstreamOfItAndTheRestIsReused() {
    BranchPlanner.Result result = BranchPlanner.plan(branch, List.of(modified("latest"), removed("gone")));

    assertThat(result.plan().getRebuild()).extracting(r -> r.getAsset() + ":" + r.getReason() + (r.getUpstream() == null ? "" : "<" + r.getUpstream()))
        .containsExactly("latest:Modified", "links:Downstream<latest", "top:Downstream<latest");
    assertThat(result.reused()).containsExactly("feed", "pack", "profiles", "team");
  }

  @Test
  void aChangeUpstreamRebuildsEveryLevelBelowIt() {
    BranchPlanner.Result result = BranchPlanner.plan(branch, List.of(modified("feed")));

    assertThat(result.plan().getRebuild()).extracting(BranchPlan.Rebuild::getAsset).containsExactly("feed", "latest", "links", "top");
    assertThat(result.plan().getRebuild()).filteredOn(r -> r.getAsset().equals("top")).singleElement()
        .satisfies(r -> assertThat(r.getUpstream()).isEqualTo("latest"));
    assertThat(result.reused()).containsExactly("pack", "profiles", "team");
  }

  @Test
  void aChangedModelInTheBranchsConfigMapIsAChangeNamingTheModels() {
    ConfigMap base = models(Map.of("members.sql", "SELECT did FROM raw_list_items", "counted.sql", "SELECT count(*) AS n FROM members",
        "other.sql", "SELECT 1 AS one"));
    ConfigMap commentsOnly = models(Map.of("members.sql", "-- reworded\nSELECT did\nFROM raw_list_items;",
        "counted.sql", "SELECT count(*) AS n FROM members", "other.sql", "SELECT 1 AS one"));
    ConfigMap changed = models(Map.of("members.sql", "SELECT did FROM raw_list_items LIMIT 2", "counted.sql", "SELECT count(*) AS n FROM members",
        "other.sql", "SELECT 1 AS one"));

    assertThat(AssetChanges.compare(branch, branch, null, code(base), code(commentsOnly))).isEmpty();
    List<AssetChange> changes = AssetChanges.compare(branch, branch, null, code(base), code(changed));
    assertThat(changes).singleElement().satisfies(change -> {
      assertThat(change.getAsset()).isEqualTo("team");
      assertThat(change.getChange()).isEqualTo(AssetChange.Change.Modified);
      assertThat(change.getSpec()).isFalse();
      // counted reads members: its fingerprint changed with it; other did not.
      assertThat(change.getModels()).containsExactly("counted", "members");
    });
    assertThat(BranchPlanner.plan(branch, changes).plan().getRebuild()).extracting(BranchPlan.Rebuild::getAsset).containsExactly("team");
  }

  @Test
  void rebuildingAllReusesNothingAndKeepsTheReasonsOfTheChanges() {
    BranchPlanner.Result result = BranchPlanner.all(branch, List.of(modified("latest")));

    assertThat(result.reused()).isEmpty();
    assertThat(result.plan().getReuse()).isEmpty();
    assertThat(result.plan().getRebuild()).extracting(r -> r.getAsset() + ":" + r.getReason()).containsExactly("feed:All",
        "latest:Modified", "links:Downstream", "pack:All", "profiles:All", "team:All", "top:Downstream");
  }

  @Test
  void aBranchWithItsOwnImageOrAskingForAllBuildsAll() {
    BranchDeploymentSpec spec = Serialization.unmarshal("---\n{branch: x, baseNamespace: bluesky}", BranchDeploymentSpec.class);
    assertThat(AssetSyncStep.rebuildsAll(spec)).isFalse();
    spec.setAssets(Serialization.unmarshal("---\n{from: base, rebuild: all}", dev.eider.operator.api.branch.AssetSource.class));
    assertThat(AssetSyncStep.rebuildsAll(spec)).isTrue();
    spec.setAssets(Serialization.unmarshal("---\n{from: base, rebuild: changed}", dev.eider.operator.api.branch.AssetSource.class));
    assertThat(AssetSyncStep.rebuildsAll(spec)).isFalse();
    spec.setOverrides(AssetCopiesTest.overrides("ghcr.io/acme/worker:3f9c2ab", null));
    assertThat(AssetSyncStep.rebuildsAll(spec)).isTrue();
  }

  @Test
  void thePlanInTheStatusIsBounded() {
    Map<String, AssetSpec> many = new LinkedHashMap<>();
    for (int i = 0; i < ApiLimits.MAX_BRANCH_STATUS_ASSETS + 20; i++) {
      many.put(String.format("a%04d", i), asset("metadata: {name: x}\nspec: {transform: {models: [calendar]}}").getSpec());
    }
    BranchPlanner.Result result = BranchPlanner.plan(many, List.of(modified("a0000"), modified("a0001")));

    assertThat(result.plan().getRebuild()).hasSize(2);
    assertThat(result.plan().getReuse()).hasSize(ApiLimits.MAX_BRANCH_STATUS_ASSETS - 2);
    assertThat(result.plan().getOmitted()).isEqualTo(20);
    assertThat(result.reused()).hasSize(ApiLimits.MAX_BRANCH_STATUS_ASSETS + 18);
  }

  private Map<String, CodeVersion> code(ConfigMap models) {
    TransformModels.Resolution resolved = TransformModels.resolve("team", branch.get("team").getTransform(),
        name -> name.equals("team-models") ? Optional.of(models) : Optional.empty());
    assertThat(resolved.problems()).isEmpty();
    return Map.of("team", resolved.set().codeVersion());
  }

  static ConfigMap models(Map<String, String> data) {
    return new ConfigMapBuilder().withNewMetadata().withName("team-models").withNamespace("bluesky").addToLabels("eider.dev/sql", "models")
        .endMetadata().withData(new LinkedHashMap<>(data)).build();
  }

  static AssetChange modified(String asset) {
    AssetChange change = new AssetChange();
    change.setAsset(asset);
    change.setChange(AssetChange.Change.Modified);
    return change;
  }

  static AssetChange removed(String asset) {
    AssetChange change = modified(asset);
    change.setChange(AssetChange.Change.Removed);
    return change;
  }

  static Map<String, AssetSpec> specs(Asset... assets) {
    Map<String, AssetSpec> specs = new LinkedHashMap<>();
    for (Asset asset : assets) {
      specs.put(asset.getMetadata().getName(), asset.getSpec());
    }
    return specs;
  }
}
