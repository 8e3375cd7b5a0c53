package dev.eider.operator.asset.partition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The partitions a manual request names ({@code eider.dev/partitions}): empty for all, a comma
 * list {@code a,b}, or an inclusive range {@code 2025-01-01..2025-01-31} in the asset's order.
 */
public final class PartitionSelection {

  private PartitionSelection() {}

  /** The selected keys among {@code keys}; unknown names are returned in {@code unknown}. */
  public static List<String> select(String expression, List<String> keys, List<String> unknown) {
    if (expression == null || expression.isBlank()) {
      return keys;
    }
    String text = expression.strip();
    int range = text.indexOf("..");
    if (range >= 0 && !text.contains(",")) {
      String from = text.substring(0, range).strip();
      String to = text.substring(range + 2).strip();
      int start = from.isEmpty() ? 0 : keys.indexOf(from);
      int end = to.isEmpty() ? keys.size() - 1 : keys.indexOf(to);
      if (start < 0) {
        unknown.add(from);
      }
      if (end < 0) {
        unknown.add(to);
      }
      return start < 0 || end < 0 || end < start ? List.of() : keys.subList(start, end + 1);
    }
    Set<String> known = Set.copyOf(keys);
    Set<String> selected = new LinkedHashSet<>();
    for (String part : text.split(",")) {
      String key = part.strip();
      if (known.contains(key)) {
        selected.add(key);
      } else if (!key.isEmpty() && !unknown.contains(key)) {
        unknown.add(key);
      }
    }
    return new ArrayList<>(selected);
  }
}
