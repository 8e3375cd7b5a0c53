package dev.eider.operator.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Places a namespace's assets in columns by dependency depth (an asset sits one column right of its
 * deepest upstream), in name order within a column. Upstreams outside the namespace draw no edge;
 * assets on a dependency cycle (which the operator refuses) go in a last column of their own.
 */
public final class GraphLayout {

  public static final int NODE_WIDTH = 190;
  public static final int NODE_HEIGHT = 48;
  static final int GAP_X = 56;
  static final int GAP_Y = 22;
  static final int MARGIN = 16;

  /** A placed asset: top-left corner. */
  public record Node(String name, int layer, int x, int y) {
  }

  /** An edge from upstream to downstream, both in the namespace. */
  public record Edge(String from, String to) {
  }

  private final Map<String, Node> nodes;
  private final List<Edge> edges;
  private final int width;
  private final int height;

  private GraphLayout(Map<String, Node> nodes, List<Edge> edges, int width, int height) {
    this.nodes = nodes;
    this.edges = edges;
    this.width = width;
    this.height = height;
  }

  /** @param deps each asset's upstream names, as in {@code spec.deps} */
  public static GraphLayout of(Map<String, List<String>> deps) {
    Map<String, Integer> layers = new HashMap<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Map.Entry<String, List<String>> asset : new TreeMap<>(deps).entrySet()) {
        if (layers.containsKey(asset.getKey())) {
          continue;
        }
        int layer = 0;
        boolean placed = true;
        for (String upstream : asset.getValue()) {
          if (!deps.containsKey(upstream) || upstream.equals(asset.getKey())) {
            continue;
          }
          Integer upstreamLayer = layers.get(upstream);
          if (upstreamLayer == null) {
            placed = false;
            break;
          }
          layer = Math.max(layer, upstreamLayer + 1);
        }
        if (placed) {
          layers.put(asset.getKey(), layer);
          changed = true;
        }
      }
    }
    int cycleLayer = layers.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    Map<Integer, List<String>> columns = new TreeMap<>();
    for (String name : new TreeMap<>(deps).keySet()) {
      columns.computeIfAbsent(layers.getOrDefault(name, cycleLayer), l -> new ArrayList<>()).add(name);
    }
    Map<String, Node> nodes = new java.util.LinkedHashMap<>();
    int rows = 0;
    for (Map.Entry<Integer, List<String>> column : columns.entrySet()) {
      List<String> names = column.getValue();
      rows = Math.max(rows, names.size());
      for (int i = 0; i < names.size(); i++) {
        nodes.put(names.get(i), new Node(names.get(i), column.getKey(), MARGIN + column.getKey() * (NODE_WIDTH + GAP_X),
            MARGIN + i * (NODE_HEIGHT + GAP_Y)));
      }
    }
    List<Edge> edges = new ArrayList<>();
    for (Map.Entry<String, List<String>> asset : new TreeMap<>(deps).entrySet()) {
      Set<String> upstreams = new LinkedHashSet<>(asset.getValue());
      for (String upstream : upstreams) {
        if (deps.containsKey(upstream) && !upstream.equals(asset.getKey())) {
          edges.add(new Edge(upstream, asset.getKey()));
        }
      }
    }
    int layerCount = columns.isEmpty() ? 0 : columns.keySet().stream().mapToInt(Integer::intValue).max().getAsInt() + 1;
    int width = 2 * MARGIN + Math.max(0, layerCount * (NODE_WIDTH + GAP_X) - GAP_X);
    int height = 2 * MARGIN + Math.max(0, rows * (NODE_HEIGHT + GAP_Y) - GAP_Y);
    return new GraphLayout(nodes, edges, width, height);
  }

  public Map<String, Node> nodes() {
    return nodes;
  }

  public List<Edge> edges() {
    return edges;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }
}
