package dev.eider.operator.branch.assets;

import static dev.eider.operator.branch.assets.AssetCopiesTest.asset;
import static dev.eider.operator.branch.assets.AssetCopiesTest.overrides;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.branch.BranchOverrides;
import dev.eider.operator.branch.BranchLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Syncs happen when the commit, the overrides or the base change; in between the branch is left alone. */
class AssetSyncPlanTest {

  static final String NS = "eider-feature-x-1234abcd";
  final BranchOverrides overrides = overrides("img:1", "suspend");
  final Asset a = asset("metadata: {name: a, namespace: bluesky}\nspec: {transform: {models: [a]}}");
  final Asset b = asset("metadata: {name: b, namespace: bluesky}\nspec: {transform: {models: [b]}}");

  @Test
  void theFirstSyncCreatesACopyOfEverySource() {
    AssetSyncPlan plan = plan(List.of(a, b), List.of(), "c1", null);
    assertThat(plan.create()).extracting(asset -> asset.getMetadata().getName()).containsExactly("a", "b");
    assertThat(plan.create()).allSatisfy(copy -> assertThat(copy.getMetadata().getNamespace()).isEqualTo(NS));
    assertThat(plan.update()).isEmpty();
    assertThat(plan.delete()).isEmpty();
  }

  @Test
  void nothingIsWrittenWhileNothingChangedSoBranchEditsAndDeletionsStay() {
    AssetSyncPlan first = plan(List.of(a, b), List.of(), "c1", null);
    Asset editedA = copyOf(a, "c1");
    editedA.getSpec().getTransform().setModels(List.of("a", "a_v2"));
    // b was deleted in the branch, a was edited
    AssetSyncPlan again = plan(List.of(a, b), List.of(editedA), "c1", first.fingerprint());
    assertThat(again.isEmpty()).isTrue();
    assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
  }

  @Test
  void aNewCommitRewritesEveryCopyAndRecreatesDeletedOnes() {
    String synced = plan(List.of(a, b), List.of(), "c1", null).fingerprint();
    Asset editedA = copyOf(a, "c1");
    editedA.getSpec().getTransform().setModels(List.of("edited"));
    AssetSyncPlan plan = plan(List.of(a, b), List.of(editedA), "c2", synced);
    assertThat(plan.update()).extracting(asset -> asset.getMetadata().getName()).containsExactly("a");
    assertThat(plan.update().get(0).getSpec().getTransform().getModels()).containsExactly("a");
    assertThat(plan.update().get(0).getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(plan.create()).extracting(asset -> asset.getMetadata().getName()).containsExactly("b");
  }

  @Test
  void aChangedBaseAssetRewritesOnlyItsCopy() {
    String synced = plan(List.of(a, b), List.of(), "c1", null).fingerprint();
    Asset changedB = asset("metadata: {name: b, namespace: bluesky}\nspec: {transform: {models: [b, b2]}}");
    AssetSyncPlan plan = plan(List.of(a, changedB), List.of(copyOf(a, "c1"), copyOf(b, "c1")), "c1", synced);
    assertThat(plan.update()).extracting(asset -> asset.getMetadata().getName()).containsExactly("b");
    assertThat(plan.create()).isEmpty();
  }

  @Test
  void copiesOfBaseAssetsThatAreGoneAreDeletedButOtherAssetsAreNot() {
    String synced = plan(List.of(a, b), List.of(), "c1", null).fingerprint();
    Asset own = asset("metadata: {name: branch-only, namespace: " + NS + "}\nspec: {transform: {models: [x]}}");
    AssetSyncPlan plan = plan(List.of(a), List.of(copyOf(a, "c1"), copyOf(b, "c1"), own), "c1", synced);
    assertThat(plan.delete()).extracting(asset -> asset.getMetadata().getName()).containsExactly("b");
  }

  @Test
  void changedOverridesRewriteTheCopies() {
    String synced = plan(List.of(a), List.of(), "c1", null).fingerprint();
    AssetSyncPlan plan = AssetSyncPlan.plan("feature-x", NS, List.of(a), List.of(copyOf(a, "c1")), overrides("img:2", "suspend"), "c1", synced);
    assertThat(plan.update()).hasSize(1);
    assertThat(plan.update().get(0).getSpec().getWorker().getImage()).isEqualTo("img:2");
  }

  @Test
  void anOverwriteKeepsForeignLabelsAndAnnotations() {
    Asset existing = copyOf(a, "c1");
    existing.getMetadata().getLabels().put("someone", "else");
    existing.getMetadata().getAnnotations().put("kubectl.kubernetes.io/last-applied-configuration", "{}");
    Asset desired = AssetCopies.copy(a, NS, "feature-x", overrides, "c2");
    Asset updated = AssetSyncPlan.overwrite(existing, desired);
    assertThat(updated.getMetadata().getLabels()).containsEntry("someone", "else").containsEntry(BranchLabels.BRANCH_DEPLOYMENT, "feature-x");
    assertThat(updated.getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/last-applied-configuration")
        .containsEntry(BranchLabels.SYNC_ANNOTATION, desired.getMetadata().getAnnotations().get(BranchLabels.SYNC_ANNOTATION));
  }

  @Test
  void copiesThePlanReusesAreMarkedAndAChangeOfThePlanRewritesThem() {
    AssetSyncPlan first = AssetSyncPlan.plan("feature-x", NS, List.of(a, b), new ArrayList<>(), overrides, "c1", null, Set.of("a"));
    assertThat(first.create()).extracting(copy -> copy.getMetadata().getAnnotations().get("eider.dev/reused-from"))
        .containsExactly("bluesky", null);

    Asset reusedA = first.create().get(0);
    reusedA.getMetadata().setResourceVersion("7");
    Asset builtB = first.create().get(1);
    builtB.getMetadata().setResourceVersion("7");
    // The branch now changes a model of a: it is built, and loses the mark; b is untouched.
    AssetSyncPlan next = AssetSyncPlan.plan("feature-x", NS, List.of(a, b), List.of(reusedA, builtB), overrides, "c1",
        first.fingerprint(), Set.of());
    assertThat(next.fingerprint()).isNotEqualTo(first.fingerprint());
    assertThat(next.update()).singleElement().satisfies(updated -> {
      assertThat(updated.getMetadata().getName()).isEqualTo("a");
      assertThat(updated.getMetadata().getAnnotations()).doesNotContainKey("eider.dev/reused-from");
    });
  }

  private AssetSyncPlan plan(List<Asset> sources, List<Asset> branch, String commit, String synced) {
    return AssetSyncPlan.plan("feature-x", NS, sources, new ArrayList<>(branch), overrides, commit, synced);
  }

  private Asset copyOf(Asset source, String commit) {
    Asset copy = AssetCopies.copy(source, NS, "feature-x", overrides, commit);
    copy.getMetadata().setResourceVersion("7");
    return copy;
  }
}
