package dev.eider.operator.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A cycle among models of one set, as the worker's ModelGraph would refuse it, found before any run. */
final class ModelCycles {

  private ModelCycles() {}

  /** The first cycle (in name order), as a path that ends where it started, or empty. */
  static Optional<List<String>> find(Map<String, Set<String>> reads) {
    Map<String, Boolean> done = new HashMap<>();
    for (String model : new java.util.TreeSet<>(reads.keySet())) {
      Optional<List<String>> cycle = visit(model, reads, done, new ArrayList<>());
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    return Optional.empty();
  }

  /** Depth-first: {@code done} false = on the current path, true = finished. */
  private static Optional<List<String>> visit(String model, Map<String, Set<String>> reads, Map<String, Boolean> done,
      List<String> path) {
    Boolean state = done.get(model);
    if (Boolean.TRUE.equals(state)) {
      return Optional.empty();
    }
    if (Boolean.FALSE.equals(state)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(model), path.size()));
      cycle.add(model);
      return Optional.of(cycle);
    }
    done.put(model, false);
    path.add(model);
    for (String read : new java.util.TreeSet<>(reads.getOrDefault(model, Set.of()))) {
      Optional<List<String>> cycle = visit(read, reads, done, path);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    done.put(model, true);
    return Optional.empty();
  }
}
