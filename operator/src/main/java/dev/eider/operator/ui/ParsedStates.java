package dev.eider.operator.ui;

import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.asset.state.PartitionStateStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the partition states the UI parsed from each state ConfigMap while the informer holds the
 * same object (it replaces the object on every change), so paging through 100,000 partitions parses
 * them once, and a change re-parses only the shard that changed. Bounded by the number of states
 * kept, least recently used first out.
 */
final class ParsedStates {

  /** About 20 MB of states: two assets of 100,000 partitions. */
  static final int MAX_STATES = 200_000;

  private record Entry(ConfigMap source, Map<String, PartitionState> states) {
  }

  private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
  private int held;

  /** The states of {@code configMap}, parsed now or when this same object was last asked for. */
  Map<String, PartitionState> of(ConfigMap configMap) {
    String key = configMap.getMetadata().getNamespace() + "/" + configMap.getMetadata().getName();
    synchronized (this) {
      Entry entry = entries.get(key);
      if (entry != null && entry.source() == configMap) {
        return entry.states();
      }
    }
    Map<String, PartitionState> parsed = PartitionStateStore.parseAll(configMap);
    synchronized (this) {
      Entry old = entries.put(key, new Entry(configMap, parsed));
      held += parsed.size() - (old == null ? 0 : old.states().size());
      Iterator<Entry> oldest = entries.values().iterator();
      while (held > MAX_STATES && oldest.hasNext()) {
        Entry evicted = oldest.next();
        if (evicted.source() == configMap) {
          continue;
        }
        held -= evicted.states().size();
        oldest.remove();
      }
    }
    return parsed;
  }

  synchronized int held() {
    return held;
  }
}
