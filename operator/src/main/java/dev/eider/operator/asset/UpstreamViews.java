package dev.eider.operator.asset;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.DependencySpec;
import dev.eider.operator.asset.automation.RunPlanner.Upstream;
import dev.eider.operator.asset.automation.UpstreamView;
import dev.eider.operator.asset.partition.PartitionKeys;
import dev.eider.operator.asset.run.NamespaceProfile;
import dev.eider.operator.asset.state.PartitionStateStore;
import dev.eider.operator.asset.state.PublishedKeys;
import dev.eider.operator.asset.status.AssetStatusBuilder;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the view an asset has of its upstream assets, all from caches. */
final class UpstreamViews {

  private final PartitionStateStore states;
  private final PublishedKeys published;

  UpstreamViews(PartitionStateStore states, PublishedKeys published) {
    this.states = states;
    this.published = published;
  }

  List<Upstream> of(Asset asset, IndexedResourceCache<Asset> assets, NamespaceProfile profile, Instant now) {
    String namespace = asset.getMetadata().getNamespace();
    List<Upstream> upstream = new ArrayList<>();
    for (DependencySpec dep : asset.getSpec().getDeps()) {
      Asset other = assets.get(new ResourceID(dep.getAsset(), namespace)).orElse(null);
      if (other == null) {
        continue;
      }
      List<String> keys = keys(other, profile, now);
      List<String> failedBlocking = other.getStatus() == null ? List.of()
          : AssetStatusBuilder.failedBlockingChecks(other.getSpec(), other.getStatus().getChecks());
      upstream.add(new Upstream(dep, UpstreamView.of(dep.getAsset(), other.getSpec(), keys, states.load(other), failedBlocking)));
    }
    return upstream;
  }

  List<String> keys(Asset asset, NamespaceProfile profile, Instant now) {
    String namespace = asset.getMetadata().getNamespace();
    return PartitionKeys.of(asset.getSpec(), now, upstream -> published.of(namespace, upstream), profile.partitionLimit());
  }
}
