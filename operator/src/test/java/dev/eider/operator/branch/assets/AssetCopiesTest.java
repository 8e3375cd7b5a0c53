package dev.eider.operator.branch.assets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.branch.BranchOverrides;
import dev.eider.operator.branch.BranchLabels;
import dev.eider.operator.platform.Labels;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

/** A copy runs the base asset with the branch's overrides and never carries the source's annotations. */
class AssetCopiesTest {

  static final String FEED = """
      apiVersion: eider.dev/v1alpha1
      kind: Asset
      metadata:
        name: starter-pack-snapshot
        namespace: bluesky
        labels: {team: data}
        annotations: {eider.dev/materialize: "2025-03-01", note: production only}
        resourceVersion: "42"
        uid: 1234
      spec:
        ingest: {bluesky: {starterPack: {uri: "at://did:plc:abc/app.bsky.graph.starterpack/3k"}}}
        automation: {cron: {schedule: "0 0 * * *", timezone: UTC, suspend: false}}
        worker: {image: ghcr.io/eider/worker:0.1.0, timeout: 30m}
      """;

  @Test
  void overridesSetTheImageAndSuspendCron() {
    Asset source = asset(FEED);
    Asset copy = AssetCopies.copy(source, "eider-feature-x-1234abcd", "feature-x", overrides("ghcr.io/acme/worker:3f9c2ab", "suspend"), "3f9c2ab");
    assertThat(copy.getMetadata().getNamespace()).isEqualTo("eider-feature-x-1234abcd");
    assertThat(copy.getMetadata().getName()).isEqualTo("starter-pack-snapshot");
    assertThat(copy.getSpec().getWorker().getImage()).isEqualTo("ghcr.io/acme/worker:3f9c2ab");
    assertThat(copy.getSpec().getWorker().getTimeout()).isEqualTo("30m");
    assertThat(copy.getSpec().getAutomation().getCron().getSuspend()).isTrue();
    assertThat(copy.getSpec().getAutomation().getCron().getSchedule()).isEqualTo("0 0 * * *");
    // the source is left as it was
    assertThat(source.getSpec().getWorker().getImage()).isEqualTo("ghcr.io/eider/worker:0.1.0");
    assertThat(source.getSpec().getAutomation().getCron().getSuspend()).isFalse();
  }

  @Test
  void cronIsSuspendedByDefaultAndKeptOnRequest() {
    assertThat(AssetCopies.copy(asset(FEED), "ns", "bd", null, null).getSpec().getAutomation().getCron().getSuspend()).isTrue();
    assertThat(AssetCopies.copy(asset(FEED), "ns", "bd", overrides(null, "keep"), null).getSpec().getAutomation().getCron().getSuspend()).isFalse();
    assertThat(AssetCopies.copy(asset(FEED), "ns", "bd", overrides(null, "keep"), null).getSpec().getWorker().getImage())
        .isEqualTo("ghcr.io/eider/worker:0.1.0");
  }

  @Test
  void anAssetWithoutWorkerOrCronGetsOnlyTheImage() {
    Asset source = asset("""
        metadata: {name: latest-feed, namespace: bluesky}
        spec: {transform: {models: [latest_feed]}}
        """);
    Asset copy = AssetCopies.copy(source, "ns", "bd", overrides("img:1", "suspend"), "abc1234");
    assertThat(copy.getSpec().getWorker().getImage()).isEqualTo("img:1");
    assertThat(copy.getSpec().getAutomation()).isNull();
  }

  @Test
  void theCopyIsLabelledAsTheBranchsAndAnnotatedOnlyByTheOperator() {
    Asset copy = AssetCopies.copy(asset(FEED), "ns", "feature-x", null, "3f9c2ab");
    assertThat(copy.getMetadata().getLabels()).containsEntry("team", "data")
        .containsEntry(BranchLabels.BRANCH_DEPLOYMENT, "feature-x").containsEntry(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
        .containsEntry("app.kubernetes.io/name", "eider-branch").containsEntry("app.kubernetes.io/instance", "feature-x")
        .containsEntry("app.kubernetes.io/component", "asset-copy").containsEntry("app.kubernetes.io/part-of", "eider");
    assertThat(copy.getMetadata().getAnnotations()).containsOnlyKeys(BranchLabels.COPIED_FROM_ANNOTATION,
        BranchLabels.SOURCE_SPEC_HASH_ANNOTATION, BranchLabels.SYNC_ANNOTATION);
    assertThat(copy.getMetadata().getAnnotations()).containsEntry(BranchLabels.COPIED_FROM_ANNOTATION, "bluesky/starter-pack-snapshot")
        .containsEntry(BranchLabels.SOURCE_SPEC_HASH_ANNOTATION, AssetCopies.specHash(asset(FEED).getSpec()));
    assertThat(copy.getMetadata().getResourceVersion()).isNull();
    assertThat(copy.getMetadata().getUid()).isNull();
  }

  @Test
  void specHashIgnoresKeyOrderAndEmptyValues() {
    Asset a = asset("metadata: {name: a}\nspec: {transform: {models: [m]}, deps: [], checks: []}");
    Asset b = asset("metadata: {name: a}\nspec: {checks: [], transform: {models: [m]}}");
    assertThat(AssetCopies.specHash(a.getSpec())).isEqualTo(AssetCopies.specHash(b.getSpec()));
    Asset c = asset("metadata: {name: a}\nspec: {transform: {models: [n]}}");
    assertThat(AssetCopies.specHash(c.getSpec())).isNotEqualTo(AssetCopies.specHash(a.getSpec()));
  }

  static BranchOverrides overrides(String image, String cron) {
    BranchOverrides overrides = new BranchOverrides();
    overrides.setImage(image);
    if (cron != null) {
      BranchOverrides.AutomationOverride automation = new BranchOverrides.AutomationOverride();
      automation.setCron(cron.equals("keep") ? BranchOverrides.AutomationOverride.Cron.KEEP : BranchOverrides.AutomationOverride.Cron.SUSPEND);
      overrides.setAutomation(automation);
    }
    return overrides;
  }

  static Asset asset(String yaml) {
    String full = yaml.contains("kind: Asset") ? yaml : "apiVersion: eider.dev/v1alpha1\nkind: Asset\n" + yaml;
    return Serialization.unmarshal(full, Asset.class);
  }
}
