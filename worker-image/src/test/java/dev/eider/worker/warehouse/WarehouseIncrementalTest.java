package dev.eider.worker.warehouse;

import static dev.eider.worker.warehouse.BlueskyItems.post;
import static dev.eider.worker.warehouse.WarehouseTestSupport.environment;
import static dev.eider.worker.warehouse.WarehouseTestSupport.rows;
import static dev.eider.worker.warehouse.WarehouseTestSupport.run;
import static dev.eider.worker.warehouse.WarehouseTestSupport.store;
import static dev.eider.worker.warehouse.WarehouseTestSupport.termination;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.storage.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs after the first: nothing loaded twice, new and rewritten objects, a model failing, time zones. */
class WarehouseIncrementalTest {

  static final String P10 = "at://did:plc:alice/app.bsky.feed.post/p10";

  @TempDir Path dir;

  @Test
  void aSecondTransformLoadsNothingTwice() {
    Map<String, String> env = environment(dir);
    Path warehouse = Path.of(env.get("EIDER_WAREHOUSE"));
    try (ObjectStore store = store(env)) {
      SampleFixture.write(store, env.get("EIDER_PREFIX"));
      assertThat(run(env, "transform", "--models", "all")).isEqualTo(ExitCodes.OK);

      assertThat(run(env, "transform", "--models", "all")).isEqualTo(ExitCodes.OK);
      assertThat(termination(env).path("raw").toString()).isEqualTo("["
          + "{\"table\":\"raw_feed_items\",\"asset\":\"actor-feed-snapshot\",\"loaded\":0,\"reloaded\":0,\"skipped\":5,\"rows\":0},"
          + "{\"table\":\"raw_list_items\",\"asset\":\"starter-pack-snapshot\",\"loaded\":0,\"reloaded\":0,\"skipped\":2,\"rows\":0}]");
      assertThat(rows(warehouse, "SELECT (SELECT count(*) FROM raw_feed_items), (SELECT count(*) FROM raw_list_items), "
          + "(SELECT count(*) FROM latest_feed)")).containsExactly("25 | 6 | 21");

      // A new run's object: only it is loaded.
      String key = SampleFixture.put(store, env.get("EIDER_PREFIX"), SampleFixture.FEED_ASSET, "2026-11-26", "did:plc:alice",
          "20261126T060000Z-a3a3a3a3", List.of(
              post(P10, SampleFixture.ALICE, "Day three", "2026-11-26T05:00:00.000Z", "2026-11-26T05:00:00.000Z").item(),
              post(SampleFixture.P9, SampleFixture.ALICE, "Day two", "2026-11-25T05:00:00.000Z", "2026-11-25T05:00:00.000Z")
                  .counts(4, 0, 0, 0).item()));
      assertThat(run(env, "transform", "--models", "latest_feed")).isEqualTo(ExitCodes.OK);
      assertThat(termination(env).path("raw").get(0).toString()).isEqualTo(
          "{\"table\":\"raw_feed_items\",\"asset\":\"actor-feed-snapshot\",\"loaded\":1,\"reloaded\":0,\"skipped\":5,\"rows\":2}");
      assertThat(rows(warehouse, "SELECT count(*) FROM raw_feed_items")).containsExactly("27");
      assertThat(rows(warehouse, "SELECT uri, like_count FROM latest_feed WHERE uri IN ('" + P10 + "', '" + SampleFixture.P9
          + "') ORDER BY uri")).containsExactly(P10 + " | 0", SampleFixture.P9 + " | 4");

      // The same key rewritten (a new ETag): its rows are replaced, not added to.
      SampleFixture.put(store, env.get("EIDER_PREFIX"), SampleFixture.FEED_ASSET, "2026-11-26", "did:plc:alice",
          "20261126T060000Z-a3a3a3a3", List.of(
              post(P10, SampleFixture.ALICE, "Day three", "2026-11-26T05:00:00.000Z", "2026-11-26T05:00:00.000Z")
                  .counts(2, 0, 0, 0).item()));
      assertThat(run(env, "transform", "--models", "latest_feed")).isEqualTo(ExitCodes.OK);
      assertThat(termination(env).path("raw").get(0).toString()).isEqualTo(
          "{\"table\":\"raw_feed_items\",\"asset\":\"actor-feed-snapshot\",\"loaded\":0,\"reloaded\":1,\"skipped\":5,\"rows\":1}");
      assertThat(rows(warehouse, "SELECT count(*), count(*) FILTER (WHERE _object_key = '" + key + "') FROM raw_feed_items"))
          .containsExactly("26 | 1");
      assertThat(rows(warehouse, "SELECT count(*) FROM _eider_raw_objects WHERE object_key = '" + key + "'")).containsExactly("1");
    }
  }

  @Test
  void aBranchReadsProductionsRawObjectsAndWritesOnlyItsOwnWarehouse() {
    Map<String, String> env = environment(dir);
    String production = env.get("EIDER_PREFIX");
    try (ObjectStore store = store(env)) {
      List<String> keys = SampleFixture.write(store, production);
      env.put("EIDER_PREFIX", production + "-branch");
      env.put("EIDER_RAW_PREFIX", production);

      assertThat(run(env, "transform", "--models", "latest_feed")).isEqualTo(ExitCodes.OK);
      assertThat(termination(env).path("raw").get(0).path("loaded").asInt()).isEqualTo(5);
      assertThat(rows(Path.of(env.get("EIDER_WAREHOUSE")), "SELECT count(*) FROM latest_feed")).containsExactly("21");
      // Nothing was written to production's prefix.
      assertThat(store.s3().listObjectsV2(b -> b.bucket(store.bucket()).prefix(production + "/")).contents())
          .extracting(object -> object.key()).containsExactlyInAnyOrderElementsOf(keys);
    }
  }

  @Test
  void aModelFailingHalfwayLeavesEarlierTablesIntact() throws Exception {
    Map<String, String> env = environment(dir);
    Path warehouse = Path.of(env.get("EIDER_WAREHOUSE"));
    Path sql = WarehouseTestSupport.copyOfSqlProject(dir);
    env.put("EIDER_SQL_DIR", sql.toString());
    try (ObjectStore store = store(env)) {
      SampleFixture.write(store, env.get("EIDER_PREFIX"));
      assertThat(run(env, "transform", "--models", "all")).isEqualTo(ExitCodes.OK);
      List<String> topPosts = rows(warehouse, "SELECT * FROM top_daily_posts ORDER BY post_date, rank");
      List<String> topLinks = rows(warehouse, "SELECT * FROM top_external_links ORDER BY post_date, link_type, rank");
      List<String> builds = rows(warehouse, "SELECT model, rows, built_at FROM _eider_models "
          + "WHERE model IN ('top_daily_posts', 'top_external_links') ORDER BY model");

      // New data, and a top_daily_posts that fails while it runs (a conversion error on the first row).
      SampleFixture.put(store, env.get("EIDER_PREFIX"), SampleFixture.FEED_ASSET, "2026-11-26", "did:plc:alice",
          "20261126T060000Z-a3a3a3a3", List.of(
              post(P10, SampleFixture.ALICE, "Day three", "2026-11-26T05:00:00.000Z", "2026-11-26T05:00:00.000Z").item()));
      Files.writeString(sql.resolve("models/top_daily_posts.sql"),
          "SELECT created_at::DATE AS post_date, CAST(text AS INTEGER) AS rank FROM latest_feed");
      assertThat(run(env, "transform", "--models", "all")).isEqualTo(ExitCodes.FAILED);
      JsonNode failure = termination(env);
      assertThat(failure.path("error").asText())
          .startsWith("model top_daily_posts failed, its table was left as it was: Conversion Error")
          .doesNotContain("\n");

      // Models before it ran on the new data; it and the one after it kept their previous tables.
      assertThat(rows(warehouse, "SELECT count(*) FROM latest_feed WHERE uri = '" + P10 + "'")).containsExactly("1");
      assertThat(rows(warehouse, "SELECT max(day)::VARCHAR FROM calendar")).containsExactly("2026-11-26");
      assertThat(rows(warehouse, "SELECT * FROM top_daily_posts ORDER BY post_date, rank")).isEqualTo(topPosts);
      assertThat(rows(warehouse, "SELECT * FROM top_external_links ORDER BY post_date, link_type, rank")).isEqualTo(topLinks);
      assertThat(rows(warehouse, "SELECT model, rows, built_at FROM _eider_models "
          + "WHERE model IN ('top_daily_posts', 'top_external_links') ORDER BY model")).isEqualTo(builds);
    }
  }

  @Test
  void daysAreUtcWhateverTheSessionTimeZone() throws Exception {
    Map<String, String> env = environment(dir);
    SqlProject project = SqlProject.load(Map.of());
    ModelGraph graph = ModelGraph.of(project);
    try (ObjectStore store = store(env);
         RawLoader loader = new RawLoader(store, env.get("EIDER_PREFIX"), 2, 10, 1 << 20);
         Connection connection = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("tz.duckdb"))) {
      SampleFixture.write(store, env.get("EIDER_PREFIX"));
      try (Statement statement = connection.createStatement()) {
        // UTC+14: were any day taken in the session's zone, P1 (23:30 UTC) would move to the 24th.
        statement.execute("SET TimeZone = 'Pacific/Kiritimati'");
      }
      new Transform(project, graph).run(connection, graph.select(List.of("all")), loader);

      assertThat(rows(connection, "SELECT created_at::VARCHAR FROM latest_feed WHERE uri = '" + SampleFixture.P1 + "'"))
          .containsExactly("2026-11-23 23:30:00");
      assertThat(rows(connection, "SELECT post_date::VARCHAR, rank, uri FROM top_daily_posts WHERE post_date = '2026-11-23' ORDER BY rank"))
          .containsExactly("2026-11-23 | 1 | " + SampleFixture.P1, "2026-11-23 | 2 | " + SampleFixture.P0);
      assertThat(rows(connection, "SELECT handle, day::VARCHAR, reposts FROM activity_over_time WHERE handle <> 'dan.test' ORDER BY handle, day"))
          .containsExactly("alice.test | 2026-11-23 | 0", "alice.test | 2026-11-24 | 2", "alice.test | 2026-11-25 | 0",
              "bob.example | 2026-11-24 | 1");
      assertThat(rows(connection, "SELECT min(day)::VARCHAR, max(day)::VARCHAR FROM calendar")).containsExactly("2026-11-21 | 2026-11-25");
    }
  }
}
