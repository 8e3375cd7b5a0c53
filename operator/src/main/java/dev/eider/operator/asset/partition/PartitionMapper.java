package dev.eider.operator.asset.partition;

import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.DependencySpec;
import dev.eider.operator.api.asset.DependencySpec.PartitionMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Which upstream partitions a downstream partition reads, per its dependency's partition mapping. */
public final class PartitionMapper {

  private PartitionMapper() {}

  /** The mapping in effect: the declared one, else identity for alike-partitioned assets, else all. */
  public static PartitionMapping effective(DependencySpec dep, AssetSpec downstream, AssetSpec upstream) {
    if (dep.getPartitionMapping() != null) {
      return dep.getPartitionMapping();
    }
    boolean bothPartitioned = downstream.getPartitions() != null && upstream.getPartitions() != null;
    return bothPartitioned && sameKind(downstream, upstream) ? PartitionMapping.IDENTITY : PartitionMapping.ALL;
  }

  private static boolean sameKind(AssetSpec a, AssetSpec b) {
    return (a.getPartitions().getTimeWindow() != null) == (b.getPartitions().getTimeWindow() != null)
        && (a.getPartitions().getStaticKeys() != null) == (b.getPartitions().getStaticKeys() != null);
  }

  /** The upstream keys {@code key} reads; keys that do not exist upstream are left out. */
  public static List<String> upstreamKeys(PartitionMapping mapping, DependencySpec dep, String key, AssetSpec upstream,
                                          List<String> upstreamKeys, Set<String> upstreamKeySet) {
    switch (mapping) {
      case ALL:
        return upstreamKeys;
      case LATEST:
        return upstreamKeys.isEmpty() ? List.of() : List.of(upstreamKeys.get(upstreamKeys.size() - 1));
      case IDENTITY:
        return upstreamKeySet.contains(key) ? List.of(key) : List.of();
      case TIME_WINDOW:
      default:
        if (!PartitionKeys.isTimeWindowed(upstream)) {
          return List.of();
        }
        TimeWindows windows = TimeWindows.of(upstream.getPartitions().getTimeWindow());
        int start = dep.getWindow() == null || dep.getWindow().getStartOffset() == null ? 0 : dep.getWindow().getStartOffset();
        int end = dep.getWindow() == null || dep.getWindow().getEndOffset() == null ? 0 : dep.getWindow().getEndOffset();
        List<String> keys = new ArrayList<>();
        for (int offset = start; offset <= end; offset++) {
          Optional<String> shifted = windows.shift(key, offset);
          shifted.filter(upstreamKeySet::contains).ifPresent(keys::add);
        }
        return keys;
    }
  }

  /** Whether the mapping needs upstream keys that are not there yet (a window in the future, say). */
  public static boolean incomplete(PartitionMapping mapping, DependencySpec dep, List<String> mapped) {
    if (mapping == PartitionMapping.TIME_WINDOW) {
      int start = dep.getWindow() == null || dep.getWindow().getStartOffset() == null ? 0 : dep.getWindow().getStartOffset();
      int end = dep.getWindow() == null || dep.getWindow().getEndOffset() == null ? 0 : dep.getWindow().getEndOffset();
      return mapped.size() < end - start + 1;
    }
    return mapped.isEmpty();
  }
}
