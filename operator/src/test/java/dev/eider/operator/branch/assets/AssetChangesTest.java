package dev.eider.operator.branch.assets;

import static dev.eider.operator.branch.assets.AssetCopiesTest.asset;
import static dev.eider.operator.branch.assets.AssetCopiesTest.overrides;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.branch.BranchDeploymentStatus.AssetChange;
import dev.eider.operator.api.branch.BranchOverrides;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Added, Modified and Removed, against the base, with the overrides left out of the comparison. */
class AssetChangesTest {

  final BranchOverrides overrides = overrides("ghcr.io/acme/worker:3f9c2ab", "suspend");
  final Asset feed = asset("""
      metadata: {name: feed, namespace: bluesky}
      spec:
        ingest: {bluesky: {authorFeed: {filter: posts_with_replies}}}
        automation: {cron: {schedule: "0 * * * *", suspend: false}}
        worker: {image: ghcr.io/eider/worker:0.1.0}
      """);
  final Asset links = asset("metadata: {name: links, namespace: bluesky}\nspec: {transform: {models: [top_external_links]}}");

  @Test
  void anUntouchedCopyIsNoChange() {
    Map<String, AssetSpec> base = specs(feed, links);
    Map<String, AssetSpec> branch = specs(AssetCopies.copy(feed, "ns", "bd", overrides, "c"), AssetCopies.copy(links, "ns", "bd", overrides, "c"));
    assertThat(AssetChanges.compare(base, branch, overrides)).isEmpty();
  }

  @Test
  void addedModifiedAndRemovedAreListedByName() {
    Asset modified = AssetCopies.copy(links, "ns", "bd", overrides, "c");
    modified.getSpec().getTransform().setModels(List.of("top_external_links", "link_domains"));
    Asset added = asset("metadata: {name: domains, namespace: ns}\nspec: {transform: {models: [link_domains]}}");
    List<AssetChange> changes = AssetChanges.compare(specs(feed, links), specs(modified, added), overrides);
    assertThat(changes).extracting(AssetChange::getAsset, AssetChange::getChange).containsExactly(
        org.assertj.core.groups.Tuple.tuple("domains", AssetChange.Change.Added),
        org.assertj.core.groups.Tuple.tuple("feed", AssetChange.Change.Removed),
        org.assertj.core.groups.Tuple.tuple("links", AssetChange.Change.Modified));
  }

  @Test
  void aDifferentImageIsAChangeWhenTheBranchDoesNotOverrideIt() {
    Asset copy = AssetCopies.copy(feed, "ns", "bd", overrides(null, "suspend"), "c");
    copy.getSpec().getWorker().setImage("ghcr.io/someone/else:1");
    assertThat(AssetChanges.compare(specs(feed), specs(copy), overrides(null, "suspend")))
        .extracting(AssetChange::getChange).containsExactly(AssetChange.Change.Modified);
    assertThat(AssetChanges.compare(specs(feed), specs(copy), overrides)).isEmpty();
  }

  @Test
  void aSuspendedCronIsAChangeWhenTheBranchKeepsCron() {
    Asset copy = AssetCopies.copy(feed, "ns", "bd", overrides(null, "keep"), "c");
    copy.getSpec().getAutomation().getCron().setSuspend(true);
    assertThat(AssetChanges.compare(specs(feed), specs(copy), overrides(null, "keep"))).hasSize(1);
  }

  private static Map<String, AssetSpec> specs(Asset... assets) {
    Map<String, AssetSpec> specs = new LinkedHashMap<>();
    for (Asset asset : assets) {
      specs.put(asset.getMetadata().getName(), asset.getSpec());
    }
    return specs;
  }
}
