package dev.eider.operator.asset.partition;

import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.PartitionsSpec;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;

/** The partitions an Asset has right now, in their natural order (time windows oldest first). */
public final class PartitionKeys {

  /** The one partition of an unpartitioned asset. */
  public static final String UNPARTITIONED = "";

  private PartitionKeys() {}

  /**
   * @param published the keys an upstream asset published, by its name (dynamic partitions)
   * @param limit at most this many partitions (the newest time windows, else the first keys): a
   *     branch samples its data this way
   */
  public static List<String> of(AssetSpec spec, Instant now, Function<String, List<String>> published, OptionalInt limit) {
    PartitionsSpec partitions = spec.getPartitions();
    List<String> keys;
    if (partitions == null) {
      keys = List.of(UNPARTITIONED);
    } else if (partitions.getStaticKeys() != null) {
      keys = List.copyOf(partitions.getStaticKeys());
    } else if (partitions.getTimeWindow() != null) {
      keys = TimeWindows.of(partitions.getTimeWindow()).keysUntil(now);
      if (limit.isPresent() && keys.size() > limit.getAsInt()) {
        return keys.subList(keys.size() - limit.getAsInt(), keys.size());
      }
    } else {
      keys = published.apply(partitions.getDynamic().getFromAsset());
    }
    if (limit.isPresent() && keys.size() > limit.getAsInt()) {
      return keys.subList(0, limit.getAsInt());
    }
    return keys;
  }

  /** For a time-windowed Asset, the windows it tracks at {@code now} (before any branch limit). */
  public static java.util.Optional<TrackedWindows> windows(AssetSpec spec, Instant now) {
    return isTimeWindowed(spec) ? java.util.Optional.of(TimeWindows.of(spec.getPartitions().getTimeWindow()).tracked(now))
        : java.util.Optional.empty();
  }

  public static boolean isTimeWindowed(AssetSpec spec) {
    return spec.getPartitions() != null && spec.getPartitions().getTimeWindow() != null;
  }
}
