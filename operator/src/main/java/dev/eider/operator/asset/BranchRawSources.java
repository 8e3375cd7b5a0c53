package dev.eider.operator.asset;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.asset.state.PartitionStates;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Where a branch's transforms read raw objects, asset by asset (deferring to production correctly):
 * an ingestion asset the branch ran itself (not taken from the base by its plan, and materialized
 * here at least once) wrote its objects under the branch's own prefix, and those are what the
 * branch's transforms read for it; for every other ingestion asset they read the base's (production's)
 * raw objects, as the staging database cloned from it already holds.
 */
final class BranchRawSources {

  private BranchRawSources() {}

  /** The ingestion assets among {@code assets} that ran in their (branch) namespace, in name order. */
  static List<String> ranHere(Stream<Asset> assets, Function<Asset, PartitionStates> states) {
    return assets.filter(asset -> asset.getSpec() != null && asset.getSpec().getIngest() != null)
        .filter(asset -> UpstreamViews.reusedFrom(asset) == null)
        .filter(asset -> states.apply(asset).all().stream().anyMatch(BranchRawSources::materializedHere))
        .map(asset -> asset.getMetadata().getName())
        .sorted()
        .toList();
  }

  /** Materialized by a run of its own: a partition taken from the base was never launched here. */
  private static boolean materializedHere(PartitionState state) {
    return state.materializedAt() != null && state.everLaunched();
  }
}
