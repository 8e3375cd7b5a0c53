package dev.eider.operator.asset.partition;

import dev.eider.operator.api.asset.TimeWindowPartitions;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link TimeWindows} of each spec seen lately, least recently used evicted first: at most
 * {@code maxSpecs} specs, and windows kept by all together beyond {@code maxWindows} (about 70 bytes
 * each) evict the oldest used until within it. An evicted spec's windows are computed again when
 * next asked for, in one walk of at most {@link TimeWindows#MAX_WINDOWS} windows.
 */
final class SpecCache {

  private record Key(String cron, String timezone, String start, String end) {}

  private final int maxSpecs;
  private final long maxWindows;
  private final LinkedHashMap<Key, TimeWindows> bySpec = new LinkedHashMap<>(16, 0.75f, true);

  SpecCache(int maxSpecs, long maxWindows) {
    this.maxSpecs = maxSpecs;
    this.maxWindows = maxWindows;
  }

  synchronized TimeWindows get(TimeWindowPartitions spec) {
    Key key = new Key(spec.getCron(), spec.getTimezone(), spec.getStart(), spec.getEnd());
    TimeWindows windows = bySpec.get(key);
    if (windows == null) {
      windows = new TimeWindows(spec);
      bySpec.put(key, windows);
    }
    evict(windows);
    return windows;
  }

  synchronized int size() {
    return bySpec.size();
  }

  private void evict(TimeWindows keep) {
    long kept = 0;
    for (TimeWindows windows : bySpec.values()) {
      kept += windows.kept();
    }
    Iterator<Map.Entry<Key, TimeWindows>> eldest = bySpec.entrySet().iterator();
    while (eldest.hasNext() && (bySpec.size() > maxSpecs || kept > maxWindows)) {
      TimeWindows windows = eldest.next().getValue();
      if (windows != keep) {
        kept -= windows.kept();
        eldest.remove();
      } else if (bySpec.size() == 1) {
        return;
      }
    }
  }
}
