package dev.eider.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.contract.args.WorkerCommandLine;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.checks.CheckReport;
import dev.eider.worker.checks.CheckResult;
import dev.eider.worker.checks.CheckRun;
import dev.eider.worker.run.TerminationMessage;
import dev.eider.worker.storage.ObjectStore;
import dev.eider.worker.storage.StorageConfig;
import dev.eider.worker.warehouse.ModelGraph;
import dev.eider.worker.warehouse.ModelRunner.ModelRun;
import dev.eider.worker.warehouse.RawLoadResult;
import dev.eider.worker.warehouse.RawLoader;
import dev.eider.worker.warehouse.RawPrefixes;
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
 * {@code transform --models <names|all> [--check-asset <asset>]}: loads the raw objects not loaded
 * yet into the raw tables the models read, then builds the models in dependency order, each table
 * replaced atomically. The warehouse is {@code EIDER_WAREHOUSE}; raw objects are read under
 * {@code EIDER_RAW_PREFIX} (default {@code EIDER_PREFIX}) of {@code EIDER_BUCKET}.
 *
 * <p>With {@code --check-asset}, the asset's checks then run on the published warehouse exactly as
 * {@code check --asset} runs them (selected before anything is built, so a bad selection builds
 * nothing); the result holds the models and the checks, and the run exits {@link ExitCodes#FAILED}
 * when an {@code error}-severity check failed. The models stay built either way.
 */
@Command(name = WorkerCommandLine.TRANSFORM,
    description = "Load new raw objects, then build SQL models in dependency order (each table replaced atomically).")
public class TransformCommand implements Callable<Integer> {

  // Raw objects are many and small (an ingest run writes one of a few tens of KB per actor), so a
  // download is mostly waiting for the store's first byte: 16 in flight, not a thread per core.
  static final int DOWNLOAD_THREADS = 16;
  // One batch per transaction. Measured (TransformBenchmark): DuckDB inserts fastest in few large
  // batches, so a backlog is loaded in batches of up to 256 MiB, the next downloading while DuckDB
  // reads the current one, with at most two on the temporary disk.
  static final int BATCH_OBJECTS = 2000;
  static final long BATCH_BYTES = 256L << 20;
  static final int FINGERPRINT_CHARS = 16;

  private final Map<String, String> env;
  private final TerminationMessage termination;

  @Option(names = WorkerCommandLine.MODELS, required = true, split = ",", paramLabel = "<names|all>",
      description = "Models to build, comma-separated, or 'all'. Models they read must exist or be selected too.")
  List<String> models;

  @Option(names = WorkerCommandLine.CHECK_ASSET, paramLabel = "<asset>",
      description = "After building, run this asset's checks (as 'check --asset' does); an error-severity failure fails the run.")
  String checkAsset;

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
    // The checks are selected before anything is built: a bad selection changes nothing.
    CheckRun checks = checkAsset == null ? null : CheckRun.plan(env, project, checkAsset, null, null);
    WarehouseLocation location = WarehouseLocation.fromEnvironment(env);
    Set<String> rawTables = graph.rawTablesReadBy(selected);
    // Object storage is checked before the warehouse is touched: an unreachable bucket changes nothing.
    ObjectStore store = rawTables.isEmpty() ? null : ObjectStore.open(StorageConfig.fromEnvironment(env)).verifyReachable();
    ObjectNode summary;
    List<CheckResult> checked = null;
    try (store;
         RawLoader loader = store == null ? null : new RawLoader(store, RawPrefixes.fromEnvironment(env),
             DOWNLOAD_THREADS, BATCH_OBJECTS, BATCH_BYTES);
         Warehouse warehouse = Warehouses.open(location, env)) {
      Transform.Result result;
      try (WarehouseSession session = warehouse.open(false)) {
        result = new Transform(project, graph).run(session.connection(), selected, loader);
        session.publish();
      }
      summary = summary(location, result, graph);
      if (checks != null) {
        // A session of its own, after the write session is closed: the checks see what was published.
        checked = checks.evaluate(warehouse);
      }
    }
    summary.put("durationMs", (System.nanoTime() - start) / 1_000_000);
    if (checked == null) {
      termination.write(summary);
      return ExitCodes.OK;
    }
    termination.write(withChecks(summary, checkAsset, checked));
    String failure = CheckReport.failure(checked);
    if (failure == null) {
      return ExitCodes.OK;
    }
    System.err.println("error: " + failure + " (the models were built)");
    return ExitCodes.FAILED;
  }

  /** What was loaded and built, for the termination message; printed too. */
  private static ObjectNode summary(WarehouseLocation location, Transform.Result result, ModelGraph graph) {
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
      ObjectNode model = built.addObject().put("name", run.model()).put("rows", run.rows()).put("ms", run.millis());
      // The code version (see ModelGraph#fingerprint), cut to 64 bits: the result must fit 4 KiB.
      graph.fingerprint(run.model()).ifPresent(fingerprint -> model.put("fingerprint", fingerprint.substring(0, FINGERPRINT_CHARS)));
      System.out.printf("%s: %d rows in %d ms%n", run.model(), run.rows(), run.millis());
    }
    return summary;
  }

  /**
   * The transform's summary followed by the check report's fields. To fit the termination message,
   * the raw load details go first (counted in {@code rawOmitted}), then the report sheds detail as
   * {@link CheckReport#build(ObjectNode, String, List)} does.
   */
  static ObjectNode withChecks(ObjectNode summary, String asset, List<CheckResult> results) {
    ObjectNode full = CheckReport.detailed(summary, asset, results);
    if (TerminationMessage.fits(full)) {
      return full;
    }
    ObjectNode head = summary.deepCopy();
    JsonNode raw = head.remove("raw");
    if (raw != null && !raw.isEmpty()) {
      head.put("rawOmitted", raw.size());
    }
    return CheckReport.build(head, asset, results);
  }
}
