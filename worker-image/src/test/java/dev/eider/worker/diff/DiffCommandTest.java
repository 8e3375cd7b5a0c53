package dev.eider.worker.diff;

import static dev.eider.worker.warehouse.WarehouseTestSupport.BUCKET;
import static dev.eider.worker.warehouse.WarehouseTestSupport.environment;
import static dev.eider.worker.warehouse.WarehouseTestSupport.run;
import static dev.eider.worker.warehouse.WarehouseTestSupport.store;
import static dev.eider.worker.warehouse.WarehouseTestSupport.termination;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.storage.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diff}: a branch's staging database against production's, both left as they were. */
class DiffCommandTest {

  @TempDir Path dir;

  private static final String PRODUCTION_POSTS = "CREATE TABLE posts AS SELECT 'at://p/' || range AS uri, range AS likes,"
      + " 'text ' || range AS text FROM range(10)";
  // top 5 instead of 10, one like count changed, a rank column added
  private static final String BRANCH_POSTS = "CREATE TABLE posts AS SELECT 'at://p/' || range AS uri,"
      + " CASE WHEN range = 9 THEN 99 ELSE range END AS likes, 'text ' || range AS text,"
      + " row_number() OVER (ORDER BY range DESC) AS rank FROM range(5, 10)";

  @Test
  void comparesLocalDatabasesWritesTheReportAndSummarisesInTheResult() throws Exception {
    Map<String, String> env = environment(dir);
    env.put("EIDER_WAREHOUSE", dir.resolve("bluesky_br_x.duckdb").toString());
    execute(dir.resolve("bluesky.duckdb"), PRODUCTION_POSTS, "CREATE TABLE same AS SELECT range AS k FROM range(3)");
    execute(dir.resolve("bluesky_br_x.duckdb"), BRANCH_POSTS, "CREATE TABLE same AS SELECT range AS k FROM range(3)");
    byte[] production = Files.readAllBytes(dir.resolve("bluesky.duckdb"));

    int exit = run(env, "diff", "--base", "bluesky", "--table", "same:k", "--table", "posts:uri", "--title", "Branch x");

    assertThat(exit).isEqualTo(ExitCodes.OK);
    JsonNode result = termination(env);
    String report = "s3://" + BUCKET + "/" + env.get("EIDER_PREFIX") + "/_reports/data-diff.md";
    assertThat(result.toString()).isEqualTo("{\"command\":\"diff\",\"report\":\"" + report + "\",\"tablesCompared\":2,"
        + "\"tablesDiffering\":1,\"tables\":[{\"table\":\"posts\",\"differs\":true,\"baseRows\":10,\"branchRows\":5,"
        + "\"added\":0,\"removed\":5,\"changed\":1,\"columnsAdded\":[\"rank\"],\"columnsChanged\":[\"uri\",\"likes\",\"text\"]},"
        + "{\"table\":\"same\",\"differs\":false,\"baseRows\":3,\"branchRows\":3,\"added\":0,\"removed\":0,\"changed\":0}],"
        + "\"tablesOmitted\":0}");
    try (ObjectStore store = store(env)) {
      String markdown = new String(store.s3().getObjectAsBytes(b -> b.bucket(BUCKET)
          .key(env.get("EIDER_PREFIX") + "/_reports/data-diff.md")).asByteArray(), StandardCharsets.UTF_8);
      assertThat(markdown).startsWith("## Branch x\n\n1 of 2 tables differ from production.\n")
          .contains("Rows by key (uri): 0 added, 5 removed, 1 changed, 4 unchanged.")
          .contains("- added rank (BIGINT)")
          .contains("### same (unchanged)");
    }
    assertThat(Files.readAllBytes(dir.resolve("bluesky.duckdb"))).isEqualTo(production);
  }

  @Test
  void comparesObjectDatabasesAndLeavesNoLocalCopies() throws Exception {
    Map<String, String> env = environment(dir);
    String prefix = env.get("EIDER_PREFIX");
    env.put("EIDER_WAREHOUSE", "s3://" + BUCKET + "/" + prefix + "/warehouse/bluesky_br_x.duckdb");
    execute(dir.resolve("p.duckdb"), PRODUCTION_POSTS);
    execute(dir.resolve("b.duckdb"), BRANCH_POSTS);
    try (ObjectStore store = store(env)) {
      put(store, prefix + "/warehouse/bluesky.duckdb", dir.resolve("p.duckdb"));
      put(store, prefix + "/warehouse/bluesky_br_x.duckdb", dir.resolve("b.duckdb"));
    }
    long tempBefore = countTempCopies();

    assertThat(run(env, "diff", "--base", "bluesky", "--table", "posts")).isEqualTo(ExitCodes.OK);

    JsonNode table = termination(env).path("tables").path(0);
    assertThat(table.path("baseRows").asLong()).isEqualTo(10);
    assertThat(table.path("branchRows").asLong()).isEqualTo(5);
    assertThat(table.path("note").asText()).isEqualTo("no key declared: rows compared by count only");
    assertThat(countTempCopies()).isEqualTo(tempBefore);
  }

  @Test
  void badRequestsAreNamed() throws Exception {
    Map<String, String> env = environment(dir);
    env.put("EIDER_WAREHOUSE", dir.resolve("bluesky_br_x.duckdb").toString());
    execute(dir.resolve("bluesky.duckdb"), PRODUCTION_POSTS);
    execute(dir.resolve("bluesky_br_x.duckdb"), BRANCH_POSTS);

    assertThat(run(env, "diff", "--base", "bluesky", "--table", "posts:uri\" OR 1=1")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).isEqualTo("diff: key column of posts 'uri\" OR 1=1' is not a "
        + "plain SQL identifier (letters, digits and _, not starting with a digit, at most 63 characters)");
    assertThat(run(env, "diff", "--base", "bluesky_br_x", "--table", "posts")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).startsWith("diff: --base names the branch's own database");
    assertThat(run(env, "diff", "--base", "md:bluesky", "--table", "posts")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).contains("must be of the same kind");
    assertThat(run(env, "diff", "--base", "bluesky", "--table", "missing")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).isEqualTo("diff: table missing does not exist in the branch's database");
    assertThat(run(env, "diff", "--base", "bluesky", "--table", "posts", "--report", "../../prod/x.md"))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).startsWith("--report '../../prod/x.md' must be a relative path");
    assertThat(run(env, "diff", "--base", "nope", "--table", "posts")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).isEqualTo("source database " + dir.resolve("nope.duckdb")
        + " does not exist");
  }

  private static long countTempCopies() throws Exception {
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(p -> p.getFileName().toString().startsWith("eider-warehouse-")).count();
    }
  }

  private static void put(ObjectStore store, String key, Path file) {
    store.s3().putObject(b -> b.bucket(BUCKET).key(key), software.amazon.awssdk.core.sync.RequestBody.fromFile(file));
  }

  private static void execute(Path file, String... statements) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
         Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
