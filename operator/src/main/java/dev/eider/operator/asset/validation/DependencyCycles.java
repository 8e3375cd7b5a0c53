package dev.eider.operator.asset.validation;

import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.DependencySpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Finds a dependency cycle through an asset, so it is reported instead of waited on forever. */
final class DependencyCycles {

  private DependencyCycles() {}

  /** A cycle that starts and ends at {@code start}, as asset names, or empty. */
  static Optional<List<String>> find(String start, Map<String, AssetSpec> namespace) {
    List<String> path = new ArrayList<>(List.of(start));
    return walk(start, start, namespace, path, new HashSet<>());
  }

  private static Optional<List<String>> walk(String start, String current, Map<String, AssetSpec> namespace,
      List<String> path, Set<String> visited) {
    AssetSpec spec = namespace.get(current);
    if (spec == null || !visited.add(current)) {
      return Optional.empty();
    }
    for (String upstream : upstreams(spec)) {
      path.add(upstream);
      if (upstream.equals(start)) {
        return Optional.of(List.copyOf(path));
      }
      Optional<List<String>> cycle = walk(start, upstream, namespace, path, visited);
      if (cycle.isPresent()) {
        return cycle;
      }
      path.remove(path.size() - 1);
    }
    return Optional.empty();
  }

  /** What an asset waits on: its deps, and the asset publishing its dynamic partitions. */
  private static List<String> upstreams(AssetSpec spec) {
    List<String> upstreams = new ArrayList<>(spec.getDeps().stream().map(DependencySpec::getAsset).filter(a -> a != null).toList());
    if (spec.getPartitions() != null && spec.getPartitions().getDynamic() != null
        && spec.getPartitions().getDynamic().getFromAsset() != null
        && !upstreams.contains(spec.getPartitions().getDynamic().getFromAsset())) {
      upstreams.add(spec.getPartitions().getDynamic().getFromAsset());
    }
    return upstreams;
  }
}
