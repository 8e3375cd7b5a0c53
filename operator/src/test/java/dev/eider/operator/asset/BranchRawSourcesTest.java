package dev.eider.operator.asset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.asset.state.PartitionStates;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A branch's transforms read its own raw objects for the ingestions it ran, and the base's for the rest. */
class BranchRawSourcesTest {

  static final Instant T = Instant.parse("2025-03-10T12:00:00Z");

  @Test
  void onlyIngestionsBuiltAndMaterializedInTheBranchAreItsOwn() {
    Asset feed = asset("feed", "{ingest: {bluesky: {authorFeed: {}}}}", null);
    Asset pack = asset("pack", "{ingest: {bluesky: {starterPack: {uri: 'at://x'}}}}", "bluesky");
    Asset pending = asset("pending", "{ingest: {bluesky: {authorFeed: {}}}}", null);
    Asset failed = asset("failed", "{ingest: {bluesky: {authorFeed: {}}}}", null);
    Asset latest = asset("latest", "{transform: {models: [latest_feed]}}", null);
    Map<String, PartitionStates> states = Map.of(
        "feed", states(PartitionState.never("a").launched(T, false, null).succeeded(T.plusSeconds(5)), PartitionState.never("b")),
        // Taken from the base: materialized without a run of its own.
        "pack", states(PartitionState.never("").takenFromBase(T, null)),
        "pending", states(PartitionState.never("a").launched(T, false, null)),
        "failed", states(PartitionState.never("a").launched(T, false, null).failed("exit 2")),
        "latest", states(PartitionState.never("").launched(T, false, null).succeeded(T)));

    assertThat(BranchRawSources.ranHere(Stream.of(latest, pack, failed, pending, feed), asset -> states.get(asset.getMetadata().getName())))
        .containsExactly("feed");
    // Unmarked, the same taken-over states count as not run here: a reuse mark alone does not decide it.
    Asset packBuilt = asset("pack", "{ingest: {bluesky: {starterPack: {uri: 'at://x'}}}}", null);
    assertThat(BranchRawSources.ranHere(Stream.of(packBuilt), asset -> states.get("pack"))).isEmpty();
  }

  static Asset asset(String name, String spec, String reusedFrom) {
    Asset asset = Serialization.unmarshal("apiVersion: eider.dev/v1alpha1\nkind: Asset\nmetadata: {name: " + name
        + ", namespace: eider-x}\nspec: " + spec, Asset.class);
    if (reusedFrom != null) {
      asset.getMetadata().setAnnotations(Map.of("eider.dev/reused-from", reusedFrom));
    }
    return asset;
  }

  static PartitionStates states(PartitionState... states) {
    PartitionStates all = PartitionStates.empty();
    for (PartitionState state : states) {
      all.put(state);
    }
    return all;
  }
}
