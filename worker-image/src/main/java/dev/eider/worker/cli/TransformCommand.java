package dev.eider.worker.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.worker.storage.ObjectStore;
import dev.eider.worker.storage.StorageConfig;
import dev.eider.worker.warehouse.ModelGraph;
import dev.eider.worker.warehouse.ModelRunner.ModelRun;
import dev.eider.worker.warehouse.RawLoadResult;
import dev.eider.worker.warehouse.RawLoader;
import dev.eider.worker.warehouse.SqlProject;
import dev.eider.worker.warehouse.Transform;
import dev.eider.worker.warehouse.Warehouse;
import dev.eider.worker.warehouse.WarehouseLocation;
import dev.eider.worker.warehouse.WarehouseSession;
import dev.eider.worker.warehouse.Warehouses;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code transform --models <names|all>}: loads the raw objects not loaded yet into the raw tables
 * the models read, then builds the models in dependency order, each table replaced atomically.
 * The warehouse is {@code EIDER_WAREHOUSE}; raw objects are read under {@code EIDER_RAW_PREFIX}
 * (default {@code EIDER_PREFIX}) of {@code EIDER_BUCKET}.
 */
@Command(name = "transform",
    description = "Load new raw objects, then build SQL models in dependency order (each table replaced atomically).")
public class TransformCommand implements Callable<Integer> {

  static final int DOWNLOAD_THREADS = 4;
  // One batch per transaction. Measured (TransformBenchmark): DuckDB inserts fastest in few large
  // batches, so a daily increment is one batch; a long backlog is loaded in 256 MiB batches, the
  // next downloading while DuckDB reads the current one, with at most two on the temporary disk.
  static final int BATCH_OBJECTS = 2000;
  static final long BATCH_BYTES = 256L << 20;

  private final Map<String, String> env;
  private final TerminationMessage termination;

  @Option(names = "--models", required = true, split = ",", paramLabel = "<names|all>",
      description = "Models to build, comma-separated, or 'all'. Models they read must exist or be selected too.")
  List<String> models;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  TransformCommand(Map<String, String> env, TerminationMessage termination) {
    this.env = env;
    this.termination = termination;
  }

  @Override
  public Integer call() {
    long start = System.nanoTime();
    SqlProject project = SqlProject.load(env);
    ModelGraph graph = ModelGraph.of(project);
    List<String> selected = graph.select(models);
    WarehouseLocation location = WarehouseLocation.fromEnvironment(env);
    Set<String> rawTables = graph.rawTablesReadBy(selected);
    // Object storage is checked before the warehouse is touched: an unreachable bucket changes nothing.
    ObjectStore store = rawTables.isEmpty() ? null : ObjectStore.open(StorageConfig.fromEnvironment(env)).verifyReachable();
    Transform.Result result;
    try (store;
         RawLoader loader = store == null ? null : new RawLoader(store, RawLoader.prefixFromEnvironment(env),
             DOWNLOAD_THREADS, BATCH_OBJECTS, BATCH_BYTES);
         Warehouse warehouse = Warehouses.open(location, env);
         WarehouseSession session = warehouse.open(false)) {
      result = new Transform(project, graph).run(session.connection(), selected, loader);
      session.publish();
    }
    ObjectNode summary = TerminationMessage.newResult("transform").put("warehouse", location.display());
    ArrayNode raw = summary.putArray("raw");
    for (RawLoadResult load : result.loads()) {
      raw.addObject().put("table", load.table()).put("asset", load.asset()).put("loaded", load.loaded())
          .put("reloaded", load.reloaded()).put("skipped", load.skipped()).put("rows", load.rows());
      System.out.printf("%s: %d objects loaded (%d rows), %d reloaded, %d already loaded%n",
          load.table(), load.loaded(), load.rows(), load.reloaded(), load.skipped());
    }
    ArrayNode built = summary.putArray("models");
    for (ModelRun run : result.models()) {
      built.addObject().put("name", run.model()).put("rows", run.rows()).put("ms", run.millis());
      System.out.printf("%s: %d rows in %d ms%n", run.model(), run.rows(), run.millis());
    }
    summary.put("durationMs", (System.nanoTime() - start) / 1_000_000);
    termination.write(summary);
    return ExitCodes.OK;
  }
}
