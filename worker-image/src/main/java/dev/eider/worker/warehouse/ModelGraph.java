package dev.eider.worker.warehouse;

import dev.eider.worker.run.WorkerFailure;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The models and what each reads (other models, raw tables), in an order where every model comes
 * after the models it reads. Built once per run; a cycle is reported with its path.
 */
public final class ModelGraph {

  public static final String ALL = "all";

  private final Map<String, Set<String>> reads;
  private final Set<String> rawTables;
  private final List<String> order;
  private Fingerprints fingerprints;

  ModelGraph(Map<String, Set<String>> reads, Set<String> rawTables) {
    // Sorted copies: the order (and a cycle's path) must not depend on how the caller's maps iterate.
    this.reads = new TreeMap<>();
    reads.forEach((model, tables) -> this.reads.put(model, new TreeSet<>(tables)));
    this.rawTables = new TreeSet<>(rawTables);
    this.order = dependencyOrder(this.reads);
  }

  /**
   * Parses every model of the project (refusing any that is not one read-only SELECT) and links
   * the tables they read to models and raw tables. A model the run supplied must read only those:
   * a shipped model may read tables built elsewhere, a supplied one has no such excuse.
   */
  public static ModelGraph of(SqlProject project) {
    Map<String, Set<String>> reads = new TreeMap<>();
    Set<String> known = new TreeSet<>(project.models().keySet());
    known.addAll(project.rawTables().keySet());
    Map<String, String> normalized = new TreeMap<>();
    try (SqlReferences parser = new SqlReferences()) {
      project.models().forEach((model, sql) -> {
        SqlReferences.Parsed parsed = parser.parse(model, sql);
        normalized.put(model, parsed.normalizedSha256());
        Map<String, Integer> references = parsed.tables();
        if (project.suppliedModels().contains(model)) {
          references.forEach((table, line) -> {
            if (!known.contains(table)) {
              throw SqlReferences.refused(model, line, "it reads table " + table + ", which is no model of the set, no model of the worker "
                  + "image and no raw table (" + String.join(", ", new TreeSet<>(project.rawTables().keySet())) + ")");
            }
          });
        }
        Set<String> tables = new TreeSet<>(references.keySet());
        tables.retainAll(known);
        reads.put(model, tables);
      });
    }
    ModelGraph graph = new ModelGraph(reads, new TreeSet<>(project.rawTables().keySet()));
    graph.fingerprints = new Fingerprints(normalized, graph.reads);
    return graph;
  }

  /**
   * The code version of {@code model}: its normalized SQL with the fingerprints of the models it
   * reads (see {@link Fingerprints}); empty for a graph not parsed from a project.
   */
  public java.util.Optional<String> fingerprint(String model) {
    return fingerprints == null || !reads.containsKey(model) ? java.util.Optional.empty()
        : java.util.Optional.of(fingerprints.of(model));
  }

  /**
   * The models {@code names} select ({@value #ALL}, or model names), in dependency order. Models
   * a selected one reads are not added: they are other assets' work, and must exist already.
   */
  public List<String> select(Collection<String> names) {
    Set<String> wanted = new LinkedHashSet<>();
    for (String name : names) {
      String trimmed = name.strip();
      if (trimmed.equals(ALL)) {
        wanted.addAll(reads.keySet());
      } else if (!trimmed.isEmpty()) {
        if (!reads.containsKey(trimmed)) {
          throw WorkerFailure.badInput("unknown model '" + trimmed + "'; the models are: " + String.join(", ", reads.keySet()));
        }
        wanted.add(trimmed);
      }
    }
    if (wanted.isEmpty()) {
      throw WorkerFailure.badInput("no model selected: give --models <names> or --models all");
    }
    return order.stream().filter(wanted::contains).toList();
  }

  /** The models and raw tables {@code model} reads. */
  public Set<String> reads(String model) {
    return reads.getOrDefault(model, Set.of());
  }

  /** The raw tables the given models read directly: the ones to load before running them. */
  public Set<String> rawTablesReadBy(Collection<String> models) {
    return models.stream().flatMap(model -> reads(model).stream()).filter(rawTables::contains)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Models the given ones read that are not among them: their tables must already exist. */
  public Set<String> upstreamModelsOf(Collection<String> models) {
    return models.stream().flatMap(model -> reads(model).stream())
        .filter(table -> reads.containsKey(table) && !models.contains(table))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Every model, each after the models it reads; ties in name order, so runs are repeatable. */
  public List<String> order() {
    return order;
  }

  private static List<String> dependencyOrder(Map<String, Set<String>> reads) {
    List<String> order = new ArrayList<>();
    Map<String, Boolean> done = new HashMap<>();
    for (String model : reads.keySet()) {
      visit(model, reads, done, new ArrayDeque<>(), order);
    }
    return List.copyOf(order);
  }

  /** Depth-first: {@code done} false = on the current path (a cycle if met again), true = ordered. */
  private static void visit(String model, Map<String, Set<String>> reads, Map<String, Boolean> done,
      Deque<String> path, List<String> order) {
    Boolean state = done.get(model);
    if (Boolean.TRUE.equals(state)) {
      return;
    }
    if (Boolean.FALSE.equals(state)) {
      List<String> cycle = new ArrayList<>();
      boolean inCycle = false;
      for (String step : (Iterable<String>) path::descendingIterator) {
        inCycle |= step.equals(model);
        if (inCycle) {
          cycle.add(step);
        }
      }
      cycle.add(model);
      throw WorkerFailure.badInput("models form a cycle: " + String.join(" -> ", cycle)
          + " (each reads the next); a model cannot depend on itself");
    }
    done.put(model, false);
    path.push(model);
    for (String table : reads.get(model)) {
      if (reads.containsKey(table)) {
        visit(table, reads, done, path, order);
      }
    }
    path.pop();
    done.put(model, true);
    order.add(model);
  }
}
