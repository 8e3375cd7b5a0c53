package dev.eider.operator.asset;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.DependencySpec;
import dev.eider.operator.asset.automation.RunPlanner.Upstream;
import dev.eider.operator.asset.automation.UpstreamView;
import dev.eider.operator.asset.partition.PartitionKeys;
import dev.eider.operator.workerjob.NamespaceProfile;
import dev.eider.operator.sql.TransformModels;
import dev.eider.operator.asset.state.PartitionStateStore;
import dev.eider.operator.asset.state.PublishedKeys;
import dev.eider.operator.asset.state.PartitionStates;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import dev.eider.operator.platform.Labels;
import java.util.Set;
import java.util.TreeSet;

/** Builds the view an asset has of its upstream assets, all from caches. */
final class UpstreamViews {

  private final PartitionStateStore states;
  private final PublishedKeys published;

  UpstreamViews(PartitionStateStore states, PublishedKeys published) {
    this.states = states;
    this.published = published;
  }

  /** @param configMaps the namespace's SQL ConfigMaps, for the upstream transforms' code versions */
  List<Upstream> of(Asset asset, IndexedResourceCache<Asset> assets, NamespaceProfile profile, Instant now,
                    TransformModels.ConfigMaps configMaps) {
    String namespace = asset.getMetadata().getNamespace();
    List<Upstream> upstream = new ArrayList<>();
    for (DependencySpec dep : asset.getSpec().getDeps()) {
      Asset other = assets.get(new ResourceID(dep.getAsset(), namespace)).orElse(null);
      if (other == null) {
        continue;
      }
      List<String> keys = keys(other, profile, now, assets);
      PartitionStates upstreamStates = states.load(other);
      // From the upstream's state, written together with its materialization: its status may lag.
      Set<String> failedBlocking = new TreeSet<>();
      for (String key : keys) {
        List<String> failed = upstreamStates.get(key).failedBlockingChecks();
        if (failed != null) {
          failedBlocking.addAll(failed);
        }
      }
      upstream.add(new Upstream(dep, UpstreamView.of(dep.getAsset(), other.getSpec(), keys, upstreamStates, List.copyOf(failedBlocking),
          codeVersion(other, configMaps))));
    }
    return upstream;
  }

  /** The current code version of a transform, null for an ingestion or a transform that does not resolve. */
  static String codeVersion(Asset asset, TransformModels.ConfigMaps configMaps) {
    if (asset.getSpec().getTransform() == null) {
      return null;
    }
    TransformModels.Resolution resolved = TransformModels.resolve(asset.getMetadata().getName(), asset.getSpec().getTransform(),
        configMaps);
    return resolved.set() == null ? null : resolved.set().codeVersion().fingerprint();
  }

  List<String> keys(Asset asset, NamespaceProfile profile, Instant now, IndexedResourceCache<Asset> assets) {
    String namespace = asset.getMetadata().getNamespace();
    return PartitionKeys.of(asset.getSpec(), now, upstream -> published.of(publishedIn(namespace, upstream, profile,
        name -> assets.get(new ResourceID(name, namespace))), upstream), profile.partitionLimit());
  }

  /**
   * Where {@code upstream}'s published keys are: its namespace's, or, for an asset a branch takes
   * from its base (marked by the branch's plan, in a namespace whose BranchDeployment names that
   * base), the base's: it never runs in the branch, the base's run published them.
   */
  static String publishedIn(String namespace, String upstream, NamespaceProfile profile, Function<String, Optional<Asset>> assets) {
    if (profile.baseNamespace().isEmpty()) {
      return namespace;
    }
    Optional<String> reusedFrom = assets.apply(upstream).map(UpstreamViews::reusedFrom);
    return reusedFrom.isPresent() && reusedFrom.get().equals(profile.baseNamespace().get()) ? reusedFrom.get() : namespace;
  }

  /** The base an Asset is taken from ({@value Labels#REUSED_FROM_ANNOTATION}), or null. */
  static String reusedFrom(Asset asset) {
    Map<String, String> annotations = asset.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(Labels.REUSED_FROM_ANNOTATION);
  }
}
