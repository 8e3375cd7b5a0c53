package dev.eider.worker.cli;

import dev.eider.contract.args.WorkerCommandLine;
import dev.eider.contract.env.WorkerEnv;
import dev.eider.worker.bluesky.BlueskyApi;
import dev.eider.worker.run.WorkerFailure;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every ingestion shares: which asset and partition the run materializes. */
public class IngestOptions {

  @Option(names = WorkerCommandLine.ASSET, description = "Asset the run materializes (object key prefix). Default: $EIDER_ASSET, else the command's conventional asset name.")
  String asset;

  @Option(names = WorkerCommandLine.PARTITION, description = "Partition key of the run. Default: $EIDER_PARTITION, else the source (URI or actor).")
  String partition;

  @Option(names = "--page-size", defaultValue = "100", description = "Items per API page, 1 to 100. Default: ${DEFAULT-VALUE}.")
  int pageSize;

  String asset(Map<String, String> env, String fallback) {
    return asset != null ? asset : env.getOrDefault(WorkerEnv.ASSET, fallback);
  }

  String partition(Map<String, String> env, String source) {
    return partition != null ? partition : env.getOrDefault(WorkerEnv.PARTITION, source);
  }

  int pageSize() {
    if (pageSize < 1 || pageSize > BlueskyApi.MAX_PAGE_SIZE) {
      throw WorkerFailure.badInput("--page-size " + pageSize + " is outside 1.." + BlueskyApi.MAX_PAGE_SIZE);
    }
    return pageSize;
  }
}
