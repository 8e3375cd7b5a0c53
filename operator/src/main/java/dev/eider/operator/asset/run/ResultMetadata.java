package dev.eider.operator.asset.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.operator.api.ApiLimits;
import java.util.Iterator;
import java.util.Optional;

/**
 * Whether a run's result may be shown as {@code status.lastMaterialization.metadata}. The status is
 * part of one object in etcd (1.5 MiB at most, with everything else the Asset holds) that every
 * {@code kubectl get} reads, and the result comes from a pod. A termination message holds 4 KiB,
 * but even that may nest a thousand levels deep or hold a thousand one-byte entries; the limits
 * below are far above anything the worker writes (its deepest field is three levels down) and far
 * below what would hurt the API server.
 */
final class ResultMetadata {

  static final int MAX_BYTES = ApiLimits.MAX_METADATA_BYTES;
  static final int MAX_DEPTH = ApiLimits.MAX_METADATA_DEPTH;
  static final int MAX_ENTRIES = ApiLimits.MAX_METADATA_ENTRIES;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ResultMetadata() {}

  /** Which limit {@code metadata} breaks, or empty when status may hold it as it is. */
  static Optional<String> problem(JsonNode metadata) {
    Counter counter = new Counter();
    // Depth and entries first: they bound the walk and the serialization that measures the size.
    if (!counter.walk(metadata, 1)) {
      return Optional.of(counter.depth > MAX_DEPTH
          ? "the worker's result nests deeper than " + MAX_DEPTH + " levels"
          : "the worker's result has more than " + MAX_ENTRIES + " fields and list items");
    }
    int bytes;
    try {
      bytes = JSON.writeValueAsBytes(metadata).length;
    } catch (JsonProcessingException e) {
      return Optional.of("the worker's result cannot be written as JSON");
    }
    return bytes > MAX_BYTES
        ? Optional.of("the worker's result is " + bytes + " bytes of JSON, more than the " + MAX_BYTES + " status holds")
        : Optional.empty();
  }

  /** Walks the tree and stops at the first level or entry beyond the limits. */
  private static final class Counter {
    int depth;
    int entries;

    boolean walk(JsonNode node, int level) {
      if (!node.isContainerNode()) {
        return true;
      }
      depth = Math.max(depth, level);
      if (level > MAX_DEPTH) {
        return false;
      }
      for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
        if (++entries > MAX_ENTRIES || !walk(children.next(), level + 1)) {
          return false;
        }
      }
      return true;
    }
  }
}
