package dev.eider.worker.warehouse;

import static dev.eider.worker.warehouse.WarehouseTestSupport.BUCKET;
import static dev.eider.worker.warehouse.WarehouseTestSupport.environment;
import static dev.eider.worker.warehouse.WarehouseTestSupport.rows;
import static dev.eider.worker.warehouse.WarehouseTestSupport.run;
import static dev.eider.worker.warehouse.WarehouseTestSupport.store;
import static dev.eider.worker.warehouse.WarehouseTestSupport.termination;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.storage.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DuckDB file kept as an object: the round trip, and a concurrent writer detected, never overwritten. */
class ObjectFileWarehouseTest {

  @TempDir Path dir;

  @Test
  void transformRoundTripsTheDatabaseThroughTheBucket() throws Exception {
    Map<String, String> env = environment(dir);
    String key = env.get("EIDER_PREFIX") + "/warehouse/bluesky.duckdb";
    env.put("EIDER_WAREHOUSE", "s3://" + BUCKET + "/" + key);
    try (ObjectStore store = store(env)) {
      SampleFixture.write(store, env.get("EIDER_PREFIX"));

      assertThat(run(env, "transform", "--models", "all")).isEqualTo(ExitCodes.OK);
      assertThat(termination(env).path("warehouse").asText()).isEqualTo("s3://" + BUCKET + "/" + key);
      String firstEtag = etag(store, key);
      assertThat(rows(download(store, key, "first"), "SELECT count(*) FROM latest_feed")).containsExactly("21");

      // The second run starts from the uploaded file: what was loaded is remembered inside it.
      assertThat(run(env, "transform", "--models", "all")).isEqualTo(ExitCodes.OK);
      assertThat(termination(env).path("raw").get(0).path("skipped").asInt()).isEqualTo(5);
      assertThat(termination(env).path("raw").get(0).path("loaded").asInt()).isZero();
      assertThat(etag(store, key)).isNotEqualTo(firstEtag);
      assertThat(rows(download(store, key, "second"), "SELECT count(*), (SELECT count(*) FROM raw_feed_items) FROM latest_feed"))
          .containsExactly("21 | 25");
    }
  }

  @Test
  void aConcurrentWriterIsDetectedAndNotOverwritten() throws Exception {
    Map<String, String> env = environment(dir);
    String key = env.get("EIDER_PREFIX") + "/concurrent.duckdb";
    WarehouseLocation location = WarehouseLocation.parse("s3://" + BUCKET + "/" + key, "test");
    try (ObjectStore store = store(env);
         Warehouse first = Warehouses.open(location, env);
         Warehouse second = Warehouses.open(location, env)) {
      // Both start while there is no object yet: the second upload must not replace the first.
      try (WarehouseSession a = first.open(false); WarehouseSession b = second.open(false)) {
        write(a, "a1");
        write(b, "b1");
        a.publish();
        assertConcurrentWriterRefused(b, location);
      }
      assertThat(rows(download(store, key, "after-create"), "SELECT writer FROM t")).containsExactly("a1");

      // Both download the same version: the second upload must not replace the first.
      try (WarehouseSession a = first.open(false); WarehouseSession b = second.open(false)) {
        write(a, "a2");
        write(b, "b2");
        b.publish();
        assertConcurrentWriterRefused(a, location);
      }
      assertThat(rows(download(store, key, "after-update"), "SELECT writer FROM t")).containsExactly("b2");
    }
  }

  @Test
  void aFailedRunUploadsNothing() throws Exception {
    Map<String, String> env = environment(dir);
    String key = env.get("EIDER_PREFIX") + "/bluesky.duckdb";
    env.put("EIDER_WAREHOUSE", "s3://" + BUCKET + "/" + key);
    Path sql = WarehouseTestSupport.copyOfSqlProject(dir);
    env.put("EIDER_SQL_DIR", sql.toString());
    try (ObjectStore store = store(env)) {
      SampleFixture.write(store, env.get("EIDER_PREFIX"));
      assertThat(run(env, "transform", "--models", "all_profiles")).isEqualTo(ExitCodes.OK);
      String etag = etag(store, key);

      Files.writeString(sql.resolve("models/latest_feed.sql"), "SELECT CAST(item->>'$.post.uri' AS INTEGER) AS uri FROM raw_feed_items");
      assertThat(run(env, "transform", "--models", "latest_feed")).isEqualTo(ExitCodes.FAILED);
      assertThat(termination(env).path("error").asText()).startsWith("model latest_feed failed");
      assertThat(etag(store, key)).isEqualTo(etag);
    }
  }

  @Test
  void aCorruptObjectIsRefusedAndLeftAlone() {
    Map<String, String> env = environment(dir);
    String key = env.get("EIDER_PREFIX") + "/corrupt.duckdb";
    env.put("EIDER_WAREHOUSE", "s3://" + BUCKET + "/" + key);
    try (ObjectStore store = store(env)) {
      SampleFixture.putBytes(store, key, "not a database".repeat(100).getBytes());
      String etag = etag(store, key);

      assertThat(run(env, "transform", "--models", "all")).isEqualTo(ExitCodes.FAILED);
      assertThat(termination(env).path("error").asText())
          .startsWith("warehouse s3://" + BUCKET + "/" + key + " is not a valid DuckDB database file");
      assertThat(etag(store, key)).isEqualTo(etag);
    }
  }

  private static void write(WarehouseSession session, String writer) throws SQLException {
    try (Statement statement = session.connection().createStatement()) {
      statement.execute("CREATE OR REPLACE TABLE t AS SELECT '" + writer + "' AS writer");
    }
  }

  private static void assertConcurrentWriterRefused(WarehouseSession session, WarehouseLocation location) {
    assertThatThrownBy(session::publish)
        .isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.exitCode()).isEqualTo(ExitCodes.RETRYABLE))
        .hasMessageStartingWith("warehouse " + location.display() + " was changed by a concurrent writer")
        .hasMessageContaining("nothing was uploaded");
  }

  static String etag(ObjectStore store, String key) {
    return store.s3().headObject(b -> b.bucket(store.bucket()).key(key)).eTag();
  }

  private Path download(ObjectStore store, String key, String name) throws Exception {
    Path file = dir.resolve(name + ".duckdb");
    Files.write(file, store.s3().getObjectAsBytes(b -> b.bucket(store.bucket()).key(key)).asByteArray());
    return file;
  }
}
