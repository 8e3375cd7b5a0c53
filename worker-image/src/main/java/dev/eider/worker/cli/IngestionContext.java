package dev.eider.worker.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.bluesky.BlueskyApi;
import dev.eider.worker.bluesky.BlueskyConfig;
import dev.eider.worker.ingest.IngestRun;
import dev.eider.worker.ingest.PublishedKeys;
import dev.eider.worker.run.TerminationMessage;
import dev.eider.worker.storage.ObjectStore;
import dev.eider.worker.storage.StorageConfig;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What an ingestion command sets up before fetching anything: configuration checked and the
 * bucket reached, so bad settings fail in a second with their name, not after an hour of paging.
 */
final class IngestionContext implements AutoCloseable {

  final ObjectMapper json = new ObjectMapper();
  final Clock clock = Clock.systemUTC();
  final BlueskyApi api;
  final ObjectStore store;

  IngestionContext(Map<String, String> env) {
    BlueskyConfig bluesky = BlueskyConfig.fromEnvironment(env);
    StorageConfig storage = StorageConfig.fromEnvironment(env);
    this.store = ObjectStore.open(storage).verifyReachable();
    this.api = BlueskyApi.connect(bluesky, Optional.of(store), clock);
  }

  IngestRun run(String asset, String partition) {
    return IngestRun.start(store, asset, partition, clock.instant());
  }

  /** Reports a finished run: its result, tagged with what it materialized, and a line for the log. */
  static int report(TerminationMessage termination, IngestRun run, ObjectNode result, String what) {
    result.put("asset", run.asset()).put("partition", run.partition()).put("runId", run.runId());
    // The tags above may push a list of keys past the termination message: encode the keys last.
    PublishedKeys.refit(result);
    termination.write(result);
    System.out.println(result.path("items").asLong() + " " + what + " -> " + result.path("objectKey").asText("(none)"));
    return ExitCodes.OK;
  }

  @Override
  public void close() {
    store.close();
  }
}
