package dev.eider.worker.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.contract.result.PartitionKeys;
import dev.eider.contract.result.ResultFields;
import dev.eider.worker.run.WorkerFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes partition keys in a run's result, encoded as the contract says ({@link PartitionKeys}:
 * a list while the whole result fits the termination message, else gzipped). A key the operator
 * would refuse (a line break, more than 256 characters) fails the run here, naming it, rather than
 * after the run as an invalid result.
 */
public final class PublishedKeys {

  private PublishedKeys() {}

  public static void put(ObjectNode result, List<String> keys) {
    try {
      PartitionKeys.put(result, keys);
    } catch (IllegalArgumentException e) {
      throw WorkerFailure.failed("cannot publish the partition keys: " + e.getMessage(), e);
    }
  }

  /**
   * Chooses the encoding again after fields were added to {@code result}: a list that fitted
   * before may not fit now. Call it last, before the result is written.
   */
  public static void refit(ObjectNode result) {
    JsonNode plain = result.get(ResultFields.PARTITIONS);
    if (plain == null || !plain.isArray()) {
      return;
    }
    List<String> keys = new ArrayList<>();
    plain.forEach(key -> keys.add(key.asText()));
    put(result, keys);
  }
}
