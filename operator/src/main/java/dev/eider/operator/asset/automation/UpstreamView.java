package dev.eider.operator.asset.automation;

import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.asset.state.PartitionStates;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * What a downstream asset sees of one upstream asset: its partitions and their state, whether it
 * is still working or about to re-run because its code changed (then eager downstream runs wait
 * for it), and whether a blocking check failed.
 */
public record UpstreamView(String name, AssetSpec spec, List<String> keys, Set<String> keySet, PartitionStates states,
                           boolean busy, List<String> failedBlockingChecks, boolean codeRerunPending) {

  public static UpstreamView of(String name, AssetSpec spec, List<String> keys, PartitionStates states,
                                List<String> failedBlockingChecks) {
    return of(name, spec, keys, states, failedBlockingChecks, null);
  }

  /** @param codeVersion the upstream's current code version, null for an ingestion */
  public static UpstreamView of(String name, AssetSpec spec, List<String> keys, PartitionStates states,
                                List<String> failedBlockingChecks, String codeVersion) {
    return new UpstreamView(name, spec, keys, new HashSet<>(keys), states, busy(keys, states), failedBlockingChecks,
        codeRerunPending(spec, keys, states, codeVersion));
  }

  /** Whether the upstream is eager and a partition of it ran another code version: it is about to run again. */
  static boolean codeRerunPending(AssetSpec spec, List<String> keys, PartitionStates states, String codeVersion) {
    if (codeVersion == null || spec.getAutomation() == null || !Boolean.TRUE.equals(spec.getAutomation().getEager())) {
      return false;
    }
    for (String key : keys) {
      if (RunPlanner.codeChanged(codeVersion, states.get(key))) {
        return true;
      }
    }
    return false;
  }

  public Optional<Instant> materializedAt(String key) {
    return Optional.ofNullable(states.get(key).materializedAt());
  }

  /** Whether any partition is running, queued or waiting to be retried. */
  public static boolean busy(List<String> keys, PartitionStates states) {
    for (String key : keys) {
      PartitionState state = states.get(key);
      if (state.running() || state.due() != null || state.phase() == PartitionState.Phase.RETRYING) {
        return true;
      }
    }
    return false;
  }
}
