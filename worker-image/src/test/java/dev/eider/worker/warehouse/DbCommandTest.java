package dev.eider.worker.warehouse;

import static dev.eider.worker.warehouse.WarehouseTestSupport.BUCKET;
import static dev.eider.worker.warehouse.WarehouseTestSupport.environment;
import static dev.eider.worker.warehouse.WarehouseTestSupport.rows;
import static dev.eider.worker.warehouse.WarehouseTestSupport.run;
import static dev.eider.worker.warehouse.WarehouseTestSupport.store;
import static dev.eider.worker.warehouse.WarehouseTestSupport.termination;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.storage.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db clone} and {@code db drop}: staging databases next to production, which is never touched. */
class DbCommandTest {

  @TempDir Path dir;

  @Test
  void aChangedCloneOfALocalFileLeavesItsSourceUnchanged() throws Exception {
    Map<String, String> env = environment(dir);
    env.put("EIDER_WAREHOUSE", dir.resolve("bluesky.duckdb").toString());
    createDatabase(dir.resolve("bluesky.duckdb"), "production");

    assertThat(run(env, "db", "clone", "--from", "bluesky", "--to", "bluesky_br_x")).isEqualTo(ExitCodes.OK);
    assertThat(termination(env).toString()).isEqualTo("{\"command\":\"db clone\",\"from\":\"" + dir.resolve("bluesky.duckdb")
        + "\",\"to\":\"" + dir.resolve("bluesky_br_x.duckdb") + "\",\"replace\":false}");
    execute(dir.resolve("bluesky_br_x.duckdb"), "INSERT INTO t VALUES ('branch')");

    assertThat(rows(dir.resolve("bluesky_br_x.duckdb"), "SELECT v FROM t ORDER BY v")).containsExactly("branch", "production");
    assertThat(rows(dir.resolve("bluesky.duckdb"), "SELECT v FROM t")).containsExactly("production");

    // An existing target is kept unless --replace says otherwise.
    assertThat(run(env, "db", "clone", "--from", "bluesky", "--to", "bluesky_br_x")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).contains("exists: drop it first, or pass --replace");
    assertThat(run(env, "db", "clone", "--from", "bluesky", "--to", "bluesky_br_x", "--replace")).isEqualTo(ExitCodes.OK);
    assertThat(rows(dir.resolve("bluesky_br_x.duckdb"), "SELECT v FROM t")).containsExactly("production");
  }

  @Test
  void dropAndOverwriteRefuseTheProtectedDatabase() throws Exception {
    Map<String, String> env = environment(dir);
    env.put("EIDER_WAREHOUSE", dir.resolve("bluesky.duckdb").toString());
    env.put("EIDER_PROTECTED_DATABASES", "md:other, bluesky");
    createDatabase(dir.resolve("bluesky.duckdb"), "production");
    createDatabase(dir.resolve("branch.duckdb"), "branch");
    byte[] production = Files.readAllBytes(dir.resolve("bluesky.duckdb"));

    for (String[] args : new String[][] {
        {"db", "drop", "bluesky"},
        {"db", "drop", dir.resolve("x/../bluesky.duckdb").toString()},
        {"db", "clone", "--from", "branch", "--to", "bluesky", "--replace"}}) {
      assertThat(run(env, args)).as(String.join(" ", args)).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(termination(env).path("error").asText())
          .matches("refusing to (drop|write over) " + dir.resolve("bluesky.duckdb") + ": it is a protected database .*");
    }
    assertThat(Files.readAllBytes(dir.resolve("bluesky.duckdb"))).isEqualTo(production);

    assertThat(run(env, "db", "drop", "branch")).isEqualTo(ExitCodes.OK);
    assertThat(termination(env).path("outcome").asText()).isEqualTo("dropped");
    assertThat(dir.resolve("branch.duckdb")).doesNotExist();
    // Teardown can be repeated.
    assertThat(run(env, "db", "drop", "branch")).isEqualTo(ExitCodes.OK);
    assertThat(termination(env).path("outcome").asText()).isEqualTo("absent");
  }

  @Test
  void objectDatabasesAreCopiedServerSideAndAChangedCloneLeavesItsSourceUnchanged() throws Exception {
    Map<String, String> env = environment(dir);
    String prefix = env.get("EIDER_PREFIX");
    env.put("EIDER_WAREHOUSE", "s3://" + BUCKET + "/" + prefix + "/bluesky.duckdb");
    env.put("EIDER_PROTECTED_DATABASES", "s3://" + BUCKET + "/" + prefix + "/bluesky.duckdb");
    try (ObjectStore store = store(env)) {
      createDatabase(dir.resolve("seed.duckdb"), "production");
      SampleFixture.putBytes(store, prefix + "/bluesky.duckdb", Files.readAllBytes(dir.resolve("seed.duckdb")));
      String productionEtag = ObjectFileWarehouseTest.etag(store, prefix + "/bluesky.duckdb");

      assertThat(run(env, "db", "clone", "--from", "bluesky", "--to", "bluesky_br_x")).isEqualTo(ExitCodes.OK);
      WarehouseLocation branch = WarehouseLocation.parse("s3://" + BUCKET + "/" + prefix + "/bluesky_br_x.duckdb", "test");
      try (Warehouse warehouse = Warehouses.open(branch, env); WarehouseSession session = warehouse.open(false)) {
        try (Statement statement = session.connection().createStatement()) {
          statement.execute("INSERT INTO t VALUES ('branch')");
        }
        session.publish();
      }
      assertThat(rows(download(store, prefix + "/bluesky_br_x.duckdb"), "SELECT v FROM t ORDER BY v"))
          .containsExactly("branch", "production");
      assertThat(ObjectFileWarehouseTest.etag(store, prefix + "/bluesky.duckdb")).isEqualTo(productionEtag);
      assertThat(rows(download(store, prefix + "/bluesky.duckdb"), "SELECT v FROM t")).containsExactly("production");

      assertThat(run(env, "db", "drop", "bluesky")).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(run(env, "db", "drop", "bluesky_br_x")).isEqualTo(ExitCodes.OK);
      assertThat(termination(env).path("outcome").asText()).isEqualTo("dropped");
      assertThat(store.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix + "/")).contents())
          .extracting(object -> object.key()).containsExactly(prefix + "/bluesky.duckdb");
    }
  }

  @Test
  void badStagingRequests() throws Exception {
    Map<String, String> env = environment(dir);
    env.put("EIDER_WAREHOUSE", dir.resolve("bluesky.duckdb").toString());
    Files.writeString(dir.resolve("corrupt.duckdb"), "not a database".repeat(10));

    assertThat(run(env, "db", "clone", "--from", "missing", "--to", "branch")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).isEqualTo("source database " + dir.resolve("missing.duckdb") + " does not exist");
    assertThat(run(env, "db", "clone", "--from", "corrupt", "--to", "branch")).isEqualTo(ExitCodes.FAILED);
    assertThat(termination(env).path("error").asText()).contains("is not a valid DuckDB database file");
    assertThat(dir.resolve("branch.duckdb")).doesNotExist();
    assertThat(run(env, "db", "clone", "--from", "bluesky", "--to", "md:branch")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).contains("must be of the same kind");
    assertThat(run(env, "db", "clone", "--from", "md:bluesky", "--to", "md:branch")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).isEqualTo("md:bluesky needs MOTHERDUCK_TOKEN (a MotherDuck access token, from a Secret)");
    assertThat(run(env, "db")).isEqualTo(ExitCodes.BAD_INPUT);
  }

  private static void createDatabase(Path file, String value) throws Exception {
    execute(file, "CREATE TABLE t AS SELECT '" + value + "' AS v");
  }

  private static void execute(Path file, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
         Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private Path download(ObjectStore store, String key) throws Exception {
    Path file = Files.createTempFile(dir, "download-", ".duckdb");
    Files.delete(file);
    Files.write(file, store.s3().getObjectAsBytes(b -> b.bucket(store.bucket()).key(key)).asByteArray());
    return file;
  }
}
