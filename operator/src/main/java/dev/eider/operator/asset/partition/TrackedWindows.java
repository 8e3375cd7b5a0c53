package dev.eider.operator.asset.partition;

import java.util.List;
import java.util.Optional;

/**
 * The newest time windows ended by some time, oldest first.
 *
 * @param olderDropped windows before the first of {@code keys} exist but are not partitions: there
 *     are more than {@link TimeWindows#MAX_WINDOWS}
 */
public record TrackedWindows(List<String> keys, boolean olderDropped) {

  /** The oldest window tracked when older ones were dropped. */
  public Optional<String> firstTracked() {
    return olderDropped && !keys.isEmpty() ? Optional.of(keys.get(0)) : Optional.empty();
  }
}
