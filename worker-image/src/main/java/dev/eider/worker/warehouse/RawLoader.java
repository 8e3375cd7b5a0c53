package dev.eider.worker.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import dev.eider.contract.env.WorkerEnv;
import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.storage.ObjectStore;
import dev.eider.worker.storage.S3Failures;
import dev.eider.worker.warehouse.RawObjects.Listed;
import dev.eider.worker.warehouse.RawObjects.Pending;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;

/**
 * Loads the ingested objects of one asset into its raw table, each object exactly once across runs.
 *
 * <p>Objects are listed through the AWS SDK, compared with the keys and ETags already loaded
 * ({@value InternalTables#RAW_OBJECTS}), downloaded in batches to a temporary directory and read by
 * DuckDB's own JSON reader ({@code read_ndjson_objects}, gzip by extension): DuckDB's httpfs
 * extension is not needed. Each batch's rows and its bookkeeping rows are inserted in one
 * transaction, so a run killed at any point has loaded each object once or not at all. A backlog
 * larger than one batch downloads its next batch while DuckDB reads the current one.
 */
public final class RawLoader implements AutoCloseable {

  public static final String PREFIX_ENV = WorkerEnv.RAW_PREFIX;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MANIFEST_COLUMNS = "{file: 'VARCHAR', object_key: 'VARCHAR', etag: 'VARCHAR', "
      + "size: 'BIGINT', partition: 'VARCHAR', run_id: 'VARCHAR', day: 'DATE', reload: 'BOOLEAN'}";

  private final ObjectStore store;
  private final RawPrefixes prefixes;
  private final int maxBatchObjects;
  private final long maxBatchBytes;
  private final ExecutorService downloads;
  private final Path workDirectory;
  private int batchNumber;

  /**
   * @param prefix the key prefix raw objects are under ({@value #PREFIX_ENV}, else
   *     {@code EIDER_PREFIX}): a branch deployment reads production's raw data, writes its own warehouse
   */
  public RawLoader(ObjectStore store, String prefix, int downloadThreads, int maxBatchObjects, long maxBatchBytes) {
    this(store, RawPrefixes.of(prefix), downloadThreads, maxBatchObjects, maxBatchBytes);
  }

  /** @param prefixes where each asset's objects are read ({@link RawPrefixes}) */
  public RawLoader(ObjectStore store, RawPrefixes prefixes, int downloadThreads, int maxBatchObjects, long maxBatchBytes) {
    this.store = store;
    this.prefixes = prefixes;
    this.maxBatchObjects = maxBatchObjects;
    this.maxBatchBytes = maxBatchBytes;
    this.downloads = Executors.newFixedThreadPool(downloadThreads, runnable -> {
      Thread thread = new Thread(runnable, "raw-download");
      thread.setDaemon(true);
      return thread;
    });
    try {
      this.workDirectory = Files.createTempDirectory("eider-raw-");
    } catch (IOException e) {
      throw WorkerFailure.failed("cannot create a temporary directory for raw objects: " + e.getMessage(), e);
    }
  }

  /** The raw prefix from the environment: {@value #PREFIX_ENV}, else {@code EIDER_PREFIX}, else none. */
  public static String prefixFromEnvironment(Map<String, String> env) {
    String raw = env.get(PREFIX_ENV);
    return raw != null ? raw : env.getOrDefault(WorkerEnv.PREFIX, "");
  }

  public RawLoadResult load(Connection connection, RawSource source) {
    try {
      InternalTables.ensureRawTable(connection, source.table());
      if (prefixes.mirror()) {
        dropRowsOutside(connection, source, assetPrefix(source.asset()));
      }
      RawObjects objects = RawObjects.classify(source.asset(), list(source.asset()), loadedObjects(connection, source));
      long rows = 0;
      List<List<Pending>> batches = objects.batches(maxBatchObjects, maxBatchBytes);
      CompletableFuture<Batch> next = batches.isEmpty() ? null : fetch(batches.get(0));
      try {
        for (int i = 0; i < batches.size(); i++) {
          long waited = System.nanoTime();
          Batch batch = await(next);
          waited = (System.nanoTime() - waited) / 1_000_000;
          next = i + 1 < batches.size() ? fetch(batches.get(i + 1)) : null;
          try {
            long inserting = System.nanoTime();
            long inserted = insert(connection, source, batch);
            rows += inserted;
            System.out.printf("%s: batch %d/%d, %d objects, %d rows (%d ms waiting for downloads, %d ms inserting)%n",
                source.table(), i + 1, batches.size(), batch.files().size(), inserted, waited,
                (System.nanoTime() - inserting) / 1_000_000);
          } finally {
            ObjectFileWarehouse.deleteRecursively(batch.directory());
          }
        }
      } finally {
        if (next != null) {
          next.handle((batch, error) -> batch).join();
        }
      }
      int reloaded = (int) objects.pending().stream().filter(Pending::reload).count();
      return new RawLoadResult(source.table(), source.asset(), objects.pending().size() - reloaded, reloaded,
          objects.skipped(), objects.ignored(), rows);
    } catch (SQLException e) {
      throw WorkerFailure.failed("loading " + source.table() + " failed: " + DuckDb.message(e), e);
    }
  }

  /** Where {@code asset}'s objects are: {@code <prefix>/<asset>/}. */
  private String assetPrefix(String asset) {
    String prefix = trimSlashes(prefixes.prefixOf(asset) == null ? "" : prefixes.prefixOf(asset));
    return (prefix.isEmpty() ? "" : prefix + "/") + asset + "/";
  }

  /**
   * A branch's raw table holds only the objects under the prefix it is read from now: rows (and
   * their bookkeeping) of objects elsewhere, e.g. production's from the clone, go in one transaction.
   */
  private static void dropRowsOutside(Connection connection, RawSource source, String assetPrefix) throws SQLException {
    String table = DuckDb.identifier(source.table());
    String outside = "NOT starts_with(%s, " + DuckDb.literal(assetPrefix) + ")";
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      int rows = statement.executeUpdate("DELETE FROM " + table + " WHERE " + outside.formatted("_object_key"));
      statement.executeUpdate("DELETE FROM " + InternalTables.RAW_OBJECTS + " WHERE raw_table = " + DuckDb.literal(source.table())
          + " AND " + outside.formatted("object_key"));
      connection.commit();
      if (rows > 0) {
        System.out.printf("%s: %d rows of objects outside %s removed (this run reads %s's objects there)%n", source.table(), rows,
            assetPrefix, source.asset());
      }
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private List<Listed> list(String asset) {
    String assetPrefix = assetPrefix(asset);
    try {
      List<Listed> listing = new ArrayList<>();
      store.s3().listObjectsV2Paginator(b -> b.bucket(store.bucket()).prefix(assetPrefix)).contents()
          .forEach(object -> listing.add(new Listed(object.key(), object.eTag(), object.size())));
      return listing;
    } catch (SdkException e) {
      throw S3Failures.of(e, "listing s3://" + store.bucket() + "/" + assetPrefix);
    }
  }

  private static Map<String, String> loadedObjects(Connection connection, RawSource source) throws SQLException {
    Map<String, String> loaded = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT object_key, etag FROM " + InternalTables.RAW_OBJECTS + " WHERE raw_table = ?")) {
      statement.setString(1, source.table());
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          loaded.put(result.getString(1), result.getString(2));
        }
      }
    }
    return loaded;
  }

  /** A downloaded batch: its directory, its manifest, and which local file holds which object. */
  private record Batch(Path directory, Path manifest, Map<Path, Pending> files, boolean hasReloads) {}

  private CompletableFuture<Batch> fetch(List<Pending> objects) {
    Path directory = workDirectory.resolve("batch-" + batchNumber++);
    Map<Path, Pending> files = new LinkedHashMap<>();
    List<CompletableFuture<Void>> downloaded = new ArrayList<>();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    for (Pending object : objects) {
      Path file = directory.resolve(String.format("%06d.ndjson.gz", files.size()));
      files.put(file, object);
      downloaded.add(CompletableFuture.runAsync(() -> download(object, file), downloads));
    }
    return CompletableFuture.allOf(downloaded.toArray(CompletableFuture[]::new))
        .thenApply(done -> new Batch(directory, writeManifest(directory, files), files,
            objects.stream().anyMatch(Pending::reload)));
  }

  private void download(Pending object, Path file) {
    String key = object.object().key();
    try {
      // If-Match: load exactly the version that was listed (and will be remembered).
      store.s3().getObject(b -> b.bucket(store.bucket()).key(key).ifMatch(object.etag()), ResponseTransformer.toFile(file));
    } catch (SdkException e) {
      if (S3Failures.isStatus(e, 412)) {
        throw WorkerFailure.retryable("raw object s3://" + store.bucket() + "/" + key + " changed while it was being loaded", e);
      }
      throw S3Failures.of(e, "downloading raw object s3://" + store.bucket() + "/" + key);
    }
  }

  private static Path writeManifest(Path directory, Map<Path, Pending> files) {
    Path manifest = directory.resolve("manifest.json");
    try (SequenceWriter writer = JSON.writer().withRootValueSeparator("\n").writeValues(manifest.toFile())) {
      for (Map.Entry<Path, Pending> entry : files.entrySet()) {
        Pending object = entry.getValue();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("file", entry.getKey().toString());
        row.put("object_key", object.object().key());
        row.put("etag", object.etag());
        row.put("size", object.size());
        row.put("partition", object.object().partition());
        row.put("run_id", object.object().runId());
        row.put("day", object.object().day());
        row.put("reload", object.reload());
        writer.write(row);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return manifest;
  }

  /** Inserts one batch and remembers its objects, in one transaction. Returns the rows inserted. */
  private long insert(Connection connection, RawSource source, Batch batch) throws SQLException {
    String table = DuckDb.identifier(source.table());
    String manifest = "read_json(" + DuckDb.literal(batch.manifest().toString())
        + ", format = 'newline_delimited', columns = " + MANIFEST_COLUMNS + ")";
    String files = DuckDb.literal(batch.directory().resolve("*.ndjson.gz").toString());
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      if (batch.hasReloads()) {
        // A rewritten object replaces its earlier rows instead of adding to them.
        statement.execute("DELETE FROM " + table + " WHERE _object_key IN (SELECT object_key FROM " + manifest + " WHERE reload)");
        statement.execute("DELETE FROM " + InternalTables.RAW_OBJECTS + " WHERE raw_table = " + DuckDb.literal(source.table())
            + " AND object_key IN (SELECT object_key FROM " + manifest + " WHERE reload)");
      }
      long rows = statement.executeUpdate("INSERT INTO " + table
          + " SELECT r.json, m.object_key, m.partition, m.run_id, m.day, now()"
          + " FROM read_ndjson_objects(" + files + ", filename = true) r JOIN " + manifest + " m ON m.file = r.filename");
      statement.execute("INSERT INTO " + InternalTables.RAW_OBJECTS + " SELECT " + DuckDb.literal(source.table())
          + ", object_key, etag, size, now() FROM " + manifest);
      connection.commit();
      return rows;
    } catch (SQLException e) {
      connection.rollback();
      throw WorkerFailure.failed("loading " + source.table() + " failed, nothing of this batch was kept: "
          + namingObjects(DuckDb.message(e), batch) + "; fix or remove the object and run again", e);
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /** DuckDB names the local copy of a bad object; the person reading the error needs the object. */
  private String namingObjects(String message, Batch batch) {
    String named = message;
    for (Map.Entry<Path, Pending> entry : batch.files().entrySet()) {
      String file = entry.getKey().toString();
      if (named.contains(file)) {
        named = named.replace(file, "s3://" + store.bucket() + "/" + entry.getValue().object().key());
      }
    }
    return named;
  }

  private static Batch await(CompletableFuture<Batch> batch) {
    try {
      return batch.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw WorkerFailure.failed("downloading raw objects failed: " + e.getCause(), e.getCause());
    }
  }

  private static String trimSlashes(String value) {
    String trimmed = value.strip();
    while (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }

  @Override
  public void close() {
    downloads.shutdownNow();
    ObjectFileWarehouse.deleteRecursively(workDirectory);
  }
}
