package dev.eider.operator.asset.state;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The per-partition state of one Asset as loaded, plus which shards were changed since. */
public final class PartitionStates {

  private final Map<String, PartitionState> byKey = new LinkedHashMap<>();
  private final Set<Integer> dirtyShards = new TreeSet<>();

  PartitionStates(Collection<PartitionState> loaded) {
    loaded.forEach(state -> byKey.put(state.key(), state));
  }

  public static PartitionStates empty() {
    return new PartitionStates(java.util.List.of());
  }

  public PartitionState get(String key) {
    PartitionState state = byKey.get(key);
    return state != null ? state : PartitionState.never(key);
  }

  public void put(PartitionState state) {
    PartitionState old = byKey.put(state.key(), state);
    if (!state.equals(old)) {
      dirtyShards.add(PartitionStateStore.shardOf(state.key()));
    }
  }

  public void remove(String key) {
    if (byKey.remove(key) != null) {
      dirtyShards.add(PartitionStateStore.shardOf(key));
    }
  }

  /**
   * Forgets the time windows older than {@code firstTracked} that no run holds: once an Asset has
   * more windows than it tracks, each new window pushes the oldest out, and its state would
   * otherwise pile up in the ConfigMaps forever. Window keys are ISO dates and times, so they sort
   * by time as text.
   *
   * @return how many were forgotten
   */
  public int forgetWindowsBefore(String firstTracked) {
    java.util.List<String> old = byKey.values().stream()
        .filter(state -> state.key().compareTo(firstTracked) < 0 && !state.running())
        .map(PartitionState::key).toList();
    old.forEach(this::remove);
    return old.size();
  }

  public Collection<PartitionState> all() {
    return byKey.values();
  }

  Set<Integer> dirtyShards() {
    return dirtyShards;
  }

  void clean() {
    dirtyShards.clear();
  }

  public boolean changed() {
    return !dirtyShards.isEmpty();
  }
}
