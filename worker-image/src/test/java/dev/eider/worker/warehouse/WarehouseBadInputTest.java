package dev.eider.worker.warehouse;

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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: a one-line error naming what is wrong, a non-zero exit, nothing half-written. */
class WarehouseBadInputTest {

  @TempDir Path dir;

  @Test
  void unknownModel() {
    Map<String, String> env = environment(dir);
    assertThat(run(env, "transform", "--models", "latest_feed,top_posts")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).isEqualTo("unknown model 'top_posts'; the models are: "
        + "activity_over_time, all_profiles, calendar, latest_feed, member_stats, top_daily_posts, top_domains, top_external_links");
    assertThat(Path.of(env.get("EIDER_WAREHOUSE"))).doesNotExist();
  }

  @Test
  void cycleBetweenModels() throws Exception {
    Map<String, String> env = environment(dir);
    Path sql = Files.createDirectories(dir.resolve("cyclic/models"));
    Files.writeString(sql.resolve("a.sql"), "SELECT * FROM b");
    Files.writeString(sql.resolve("b.sql"), "-- reads c, which reads a\nSELECT * FROM c JOIN calendar USING (day)");
    Files.writeString(sql.resolve("c.sql"), "WITH b AS (SELECT 1) SELECT * FROM a, b");
    Files.writeString(sql.resolve("calendar.sql"), "SELECT DATE '2026-11-24' AS day");
    env.put("EIDER_SQL_DIR", sql.getParent().toString());

    assertThat(run(env, "transform", "--models", "calendar")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).startsWith("models form a cycle: a -> b -> c -> a");
    assertThat(Path.of(env.get("EIDER_WAREHOUSE"))).doesNotExist();
  }

  @Test
  void modelThatIsNotValidSql() throws Exception {
    Map<String, String> env = environment(dir);
    Path sql = Files.createDirectories(dir.resolve("broken/models"));
    Files.writeString(sql.resolve("broken.sql"), "SELEC 1 FROM calendar");
    env.put("EIDER_SQL_DIR", sql.getParent().toString());

    assertThat(run(env, "transform", "--models", "all")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).isEqualTo("model broken, line 1: sql refused, it is not valid SQL "
        + "(syntax error at or near \"SELEC\"); a model is one read-only SELECT (or WITH ... SELECT, or VALUES), nothing was run");
  }

  @Test
  void corruptDatabaseFileIsNotTouched() throws Exception {
    Map<String, String> env = environment(dir);
    Path warehouse = Path.of(env.get("EIDER_WAREHOUSE"));
    byte[] junk = "this is not a DuckDB file, just some bytes\n".repeat(200).getBytes();
    Files.write(warehouse, junk);

    assertThat(run(env, "transform", "--models", "all")).isEqualTo(ExitCodes.FAILED);
    assertThat(termination(env).path("error").asText())
        .startsWith("warehouse " + warehouse + " is not a valid DuckDB database file (corrupt, or another format)");
    assertThat(Files.readAllBytes(warehouse)).isEqualTo(junk);
  }

  @Test
  void unreachableBucketChangesNothing() {
    Map<String, String> env = environment(dir);
    env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9");

    assertThat(run(env, "transform", "--models", "all")).isEqualTo(ExitCodes.RETRYABLE);
    assertThat(termination(env).path("error").asText()).startsWith("object storage at http://127.0.0.1:9 is unreachable");
    assertThat(Path.of(env.get("EIDER_WAREHOUSE"))).doesNotExist();
  }

  @Test
  void missingBucketSettingIsBadInput() {
    Map<String, String> env = environment(dir);
    env.remove("EIDER_BUCKET");

    assertThat(run(env, "transform", "--models", "latest_feed")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).startsWith("EIDER_BUCKET is not set");
  }

  @Test
  void malformedRawObjectIsNamedAndNothingOfItsBatchIsKept() {
    Map<String, String> env = environment(dir);
    Path warehouse = Path.of(env.get("EIDER_WAREHOUSE"));
    try (ObjectStore store = store(env)) {
      SampleFixture.write(store, env.get("EIDER_PREFIX"));
      assertThat(run(env, "transform", "--models", "latest_feed")).isEqualTo(ExitCodes.OK);
      String bad = env.get("EIDER_PREFIX") + "/actor-feed-snapshot/2026-11-26/did%3Aplc%3Abob/20261126T000000Z-0badbad0.ndjson.gz";
      SampleFixture.putBytes(store, bad, SampleFixture.gzip("{\"post\": {\"uri\": \"at://x\"}}\n{\"post\": oops\n"));

      assertThat(run(env, "transform", "--models", "latest_feed")).isEqualTo(ExitCodes.FAILED);
      assertThat(termination(env).path("error").asText())
          .startsWith("loading raw_feed_items failed, nothing of this batch was kept: ")
          .contains("Malformed JSON", "s3://eider/" + bad)
          .endsWith("fix or remove the object and run again");
      assertThat(rows(warehouse, "SELECT (SELECT count(*) FROM raw_feed_items), (SELECT count(*) FROM _eider_raw_objects "
          + "WHERE raw_table = 'raw_feed_items')")).containsExactly("25 | 5");
    }
  }
}
