package dev.eider.worker.warehouse;

import static dev.eider.worker.warehouse.WarehouseTestSupport.BUCKET;
import static dev.eider.worker.warehouse.WarehouseTestSupport.environment;
import static dev.eider.worker.warehouse.WarehouseTestSupport.run;
import static dev.eider.worker.warehouse.WarehouseTestSupport.store;
import static dev.eider.worker.warehouse.WarehouseTestSupport.termination;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.storage.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code db drop --objects-prefix}: a branch's teardown deletes every object under the branch's
 * prefix and nothing else; production's prefix (and its parents) and the bucket root are refused
 * before anything is dropped.
 */
class DbDropObjectsTest {

  /** More than one page of ListObjectsV2 and one DeleteObjects batch (1000 keys each). */
  static final int BRANCH_OBJECTS = 1100;

  @TempDir Path dir;
  Map<String, String> env;
  String root;
  String production;
  String branch;
  String sibling;

  @BeforeEach
  void setUp() throws Exception {
    env = environment(dir);
    // Each test has its own folder of the shared bucket; the drop Job has no EIDER_PREFIX.
    root = env.remove("EIDER_PREFIX");
    production = root + "/raw";
    branch = production + "/branches/feature-x-1a2b3c";
    sibling = production + "/branches/feature-y-4d5e6f";
    env.put("EIDER_WAREHOUSE", dir.resolve("bluesky.duckdb").toString());
    env.put("EIDER_PROTECTED_DATABASES", "bluesky");
    env.put("EIDER_PROTECTED_PREFIX", production);
    createDatabase(dir.resolve("bluesky.duckdb"));
    createDatabase(dir.resolve("bluesky_br_x.duckdb"));
  }

  @Test
  void deletesEveryObjectUnderTheBranchPrefixAndNothingElse() throws Exception {
    try (ObjectStore store = store(env)) {
      List<String> branchKeys = new ArrayList<>();
      for (int i = 0; i < BRANCH_OBJECTS; i++) {
        branchKeys.add(branch + "/bluesky-feed/2026-01-0" + (i % 3 + 1) + "/part-" + i + ".ndjson.gz");
      }
      branchKeys.add(branch + "/bluesky_br_x.duckdb");
      List<String> kept = List.of(
          production + "/bluesky-feed/2026-01-01/run-1.ndjson.gz",
          production + "/bluesky.duckdb",
          sibling + "/bluesky-feed/2026-01-01/run-1.ndjson.gz",
          // Shares the branch prefix's text but is not under "<prefix>/".
          branch + "-other/bluesky-feed/run-1.ndjson.gz");
      put(store, branchKeys);
      put(store, kept);

      assertThat(run(env, "db", "drop", "bluesky_br_x", "--objects-prefix", branch)).isEqualTo(ExitCodes.OK);
      assertThat(termination(env).toString()).isEqualTo("{\"command\":\"db drop\",\"database\":\"" + dir.resolve("bluesky_br_x.duckdb")
          + "\",\"outcome\":\"dropped\",\"objectsPrefix\":\"" + branch + "\",\"objectsDeleted\":" + branchKeys.size() + "}");
      assertThat(dir.resolve("bluesky_br_x.duckdb")).doesNotExist();
      assertThat(keys(store, root + "/")).containsExactlyInAnyOrderElementsOf(kept);

      // Teardown can be repeated: nothing left is not an error (and a trailing slash means the same prefix).
      assertThat(run(env, "db", "drop", "bluesky_br_x", "--objects-prefix", branch + "/")).isEqualTo(ExitCodes.OK);
      assertThat(termination(env).path("outcome").asText()).isEqualTo("absent");
      assertThat(termination(env).path("objectsDeleted").asLong()).isZero();
      assertThat(keys(store, root + "/")).containsExactlyInAnyOrderElementsOf(kept);
    }
  }

  @Test
  void refusesTheRootProductionAndItsParentsBeforeDroppingAnything() throws Exception {
    try (ObjectStore store = store(env)) {
      List<String> all = List.of(production + "/bluesky-feed/run-1.ndjson.gz", branch + "/bluesky-feed/run-1.ndjson.gz",
          root + "/other/x");
      put(store, all);
      byte[] database = Files.readAllBytes(dir.resolve("bluesky_br_x.duckdb"));

      for (String prefix : List.of("", "  ", "/", "//", production, production + "/", "/" + production, root, root + "/")) {
        assertThat(run(env, "db", "drop", "bluesky_br_x", "--objects-prefix", prefix)).as("'%s'", prefix).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(termination(env).path("error").asText()).as("'%s'", prefix)
            .matches("--objects-prefix '.*' names the bucket root: refusing to delete every object in the bucket"
                + "|refusing to delete objects under '" + root + "(/raw)?/': it (is|contains) the production prefix .*EIDER_PROTECTED_PREFIX\\)")
            .doesNotContain("\n");
        assertThat(Files.readAllBytes(dir.resolve("bluesky_br_x.duckdb"))).isEqualTo(database);
        assertThat(keys(store, root + "/")).containsExactlyInAnyOrderElementsOf(all);
      }
      assertThat(termination(env).path("error").asText())
          .isEqualTo("refusing to delete objects under '" + root + "/': it contains the production prefix '" + production
              + "/' (EIDER_PROTECTED_PREFIX)");

      // A protected database is refused as before, objects or not.
      assertThat(run(env, "db", "drop", "bluesky", "--objects-prefix", branch)).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(keys(store, root + "/")).containsExactlyInAnyOrderElementsOf(all);
      // A child of production's prefix is what a branch uses.
      assertThat(run(env, "db", "drop", "bluesky_br_x", "--objects-prefix", branch)).isEqualTo(ExitCodes.OK);
      assertThat(termination(env).path("objectsDeleted").asLong()).isEqualTo(1);
    }
  }

  @Test
  void aBucketThatCannotBeUsedIsReportedBeforeTheDatabaseIsDropped() throws Exception {
    env.put("EIDER_BUCKET", "no-such-bucket");
    assertThat(run(env, "db", "drop", "bluesky_br_x", "--objects-prefix", branch)).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).startsWith("bucket 'no-such-bucket' does not exist at ");
    assertThat(dir.resolve("bluesky_br_x.duckdb")).exists();

    env.remove("EIDER_BUCKET");
    assertThat(run(env, "db", "drop", "bluesky_br_x", "--objects-prefix", branch)).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).startsWith("EIDER_BUCKET is not set");
    assertThat(dir.resolve("bluesky_br_x.duckdb")).exists();

    env.put("EIDER_BUCKET", BUCKET);
    env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:1");
    assertThat(run(env, "db", "drop", "bluesky_br_x", "--objects-prefix", branch)).isEqualTo(ExitCodes.RETRYABLE);
    assertThat(termination(env).path("error").asText()).startsWith("object storage at http://127.0.0.1:1 is unreachable");
    assertThat(dir.resolve("bluesky_br_x.duckdb")).exists();

    // Without --objects-prefix, the bucket is not needed.
    assertThat(run(env, "db", "drop", "bluesky_br_x")).isEqualTo(ExitCodes.OK);
    assertThat(termination(env).has("objectsDeleted")).isFalse();
  }

  private static void put(ObjectStore store, List<String> keys) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> puts = new ArrayList<>();
      for (String key : keys) {
        puts.add(pool.submit(() -> SampleFixture.putBytes(store, key, key.getBytes(StandardCharsets.UTF_8))));
      }
      for (Future<?> put : puts) {
        put.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static List<String> keys(ObjectStore store, String prefix) {
    return store.s3().listObjectsV2Paginator(b -> b.bucket(store.bucket()).prefix(prefix)).contents().stream()
        .map(S3Object::key).toList();
  }

  private static void createDatabase(Path file) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE t AS SELECT 'x' AS v");
    }
  }
}
