package dev.eider.worker.warehouse;

import static dev.eider.worker.warehouse.WarehouseTestSupport.environment;
import static dev.eider.worker.warehouse.WarehouseTestSupport.rows;
import static dev.eider.worker.warehouse.WarehouseTestSupport.run;
import static dev.eider.worker.warehouse.WarehouseTestSupport.store;
import static dev.eider.worker.warehouse.WarehouseTestSupport.termination;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.storage.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models that come with the run (a mounted ConfigMap, an Asset's inline SQL): built over the
 * {@link SampleFixture} next to the image's models, in dependency order, and refused before anything
 * runs when they are not one read-only SELECT or read a table nobody builds.
 */
class SuppliedModelsTest {

  @TempDir Path dir;

  private Map<String, String> fixture() {
    Map<String, String> env = new HashMap<>(environment(dir));
    try (ObjectStore store = store(env)) {
      SampleFixture.write(store, env.get("EIDER_PREFIX"));
    }
    return env;
  }

  private Path models(String... nameAndSql) throws Exception {
    Path models = Files.createDirectories(dir.resolve("models"));
    for (int i = 0; i < nameAndSql.length; i += 2) {
      Files.writeString(models.resolve(nameAndSql[i]), nameAndSql[i + 1]);
    }
    return models;
  }

  @Test
  void aDirectoryOfModelsIsBuiltInDependencyOrderReadingShippedModelsAndRawTables() throws Exception {
    Map<String, String> env = fixture();
    Path models = models(
        // Reads the next one: built after it although its name sorts first.
        "a_post_counts.sql", "SELECT author_did, count(*) AS posts FROM z_members_posts GROUP BY author_did",
        "z_members_posts.sql", "-- the members' posts\nSELECT f.* FROM latest_feed f JOIN all_profiles p ON p.did = f.author_did;\n",
        "raw_rows.sql", "SELECT count(*) AS n FROM raw_list_items",
        "README.md", "not a model",
        ".hidden.sql", "SELECT nothing");
    env.put(SuppliedModels.DIR_ENV, models.toString());

    assertThat(run(env, "transform", "--models", "latest_feed,all_profiles,z_members_posts,a_post_counts,raw_rows"))
        .isEqualTo(ExitCodes.OK);

    JsonNode result = termination(env);
    List<String> built = new ArrayList<>();
    result.path("models").forEach(model -> built.add(model.path("name").asText() + "=" + model.path("rows").asLong()));
    // 21 posts, 20 of them by the newest list's members (erin's is only reposted): alice 5, bob 2, dan 2 + 11 fillers.
    assertThat(built).containsExactly("all_profiles=3", "latest_feed=21", "z_members_posts=20", "a_post_counts=3", "raw_rows=1");
    // Each model's code version, as ModelGraph computes it, cut to 16 hex characters.
    ModelGraph graph = ModelGraph.of(SqlProject.load(env));
    result.path("models").forEach(model -> assertThat(model.path("fingerprint").asText())
        .isEqualTo(graph.fingerprint(model.path("name").asText()).orElseThrow().substring(0, 16)));
    Path warehouse = Path.of(env.get("EIDER_WAREHOUSE"));
    assertThat(rows(warehouse, "SELECT author_did, posts FROM a_post_counts ORDER BY author_did"))
        .containsExactly("did:plc:alice | 5", "did:plc:bob | 2", "did:plc:dan | 13");
    assertThat(rows(warehouse, "SELECT n FROM raw_rows")).containsExactly("6");
  }

  @Test
  void anInlineModelIsBuiltUnderItsNameAndMayReplaceAShippedModel() throws Exception {
    Map<String, String> env = fixture();
    env.put(SuppliedModels.INLINE_NAME_ENV, "daily_posts");
    env.put(SuppliedModels.INLINE_SQL_ENV, "SELECT created_at::DATE AS day, count(*) AS posts\nFROM latest_feed\nGROUP BY ALL");
    // A shipped model replaced by a directory's file of the same name.
    env.put(SuppliedModels.DIR_ENV, models("calendar.sql", "SELECT 42 AS answer").toString());

    assertThat(run(env, "transform", "--models", "latest_feed,daily_posts,calendar")).isEqualTo(ExitCodes.OK);

    Path warehouse = Path.of(env.get("EIDER_WAREHOUSE"));
    assertThat(rows(warehouse, "SELECT day::VARCHAR, posts FROM daily_posts ORDER BY day"))
        // dan's 11 fillers; p7; p0 and p1 (23:30 UTC); p2, p3, p4, p5, p6, p8; p9.
        .containsExactly("2026-11-21 | 11", "2026-11-22 | 1", "2026-11-23 | 2", "2026-11-24 | 6", "2026-11-25 | 1");
    assertThat(rows(warehouse, "SELECT * FROM calendar")).containsExactly("42");
  }

  @Test
  void aBadModelIsRefusedWithItsNameAndLineBeforeAnythingRuns() throws Exception {
    Map<String, String> env = fixture();
    env.put(SuppliedModels.DIR_ENV, models(
        "good.sql", "SELECT 1 AS x",
        "typo.sql", "SELECT uri\nFROM latest_feed\nWHERE like_count >> > 3").toString());

    assertThat(run(env, "transform", "--models", "good,typo")).isEqualTo(ExitCodes.BAD_INPUT);

    assertThat(termination(env).path("error").asText()).isEqualTo("model typo, line 3: sql refused, it is not valid SQL "
        + "(syntax error at or near \">\"); a model is one read-only SELECT (or WITH ... SELECT, or VALUES), nothing was run");
    // Refused before the warehouse was opened: nothing was built, not even the good model.
    assertThat(Files.exists(Path.of(env.get("EIDER_WAREHOUSE")))).isFalse();
  }

  @Test
  void hostileModelsAreRefusedNamingModelAndLine() {
    assertThat(refusal("SELECT *\nFROM read_text('/etc/passwd')")).isEqualTo("model m, line 2: sql refused, it calls table function "
        + "read_text(), which may read files, settings or the catalog (allowed: generate_series, json_each, json_tree, range, unnest); "
        + "a model is one read-only SELECT (or WITH ... SELECT, or VALUES), nothing was run");
    assertThat(refusal("SELECT * FROM '/etc/passwd'")).startsWith("model m, line 1: sql refused, it reads '/etc/passwd', which names "
        + "a file, not a table");
    assertThat(refusal("SELECT *\n\nFROM read_csv('https://example.org/x.csv')")).startsWith("model m, line 3: sql refused, it calls "
        + "table function read_csv()");
    assertThat(refusal("SELECT * FROM glob('/var/run/secrets/*')")).startsWith("model m, line 1: sql refused, it calls table function glob()");
    assertThat(refusal("SELECT 1;\nCOPY latest_feed TO '/tmp/x.csv'")).startsWith("model m: sql refused, it is not a SELECT, or holds more "
        + "than one statement: COPY, ATTACH, SET, PRAGMA, INSTALL, LOAD, EXPORT, CALL, writes and DDL are refused");
    for (String statement : List.of("ATTACH 'x.db' AS x", "INSTALL httpfs", "LOAD httpfs", "SET enable_external_access = true",
        "PRAGMA database_list", "CREATE TABLE x AS SELECT 1", "DELETE FROM latest_feed", "COPY latest_feed TO 'x.csv'")) {
      assertThat(refusal(statement)).as(statement).startsWith("model m: sql refused, it is not a SELECT, or holds more than one statement");
    }
    assertThat(refusal("SELECT 1; SELECT 2")).startsWith("model m: sql refused, it holds 2 statements");
    assertThat(refusal("SELECT current_setting('s3_secret_access_key')")).startsWith("model m, line 1: sql refused, it calls current_setting()");
    assertThat(refusal("WITH gone AS (DELETE FROM latest_feed RETURNING *) SELECT * FROM gone"))
        .startsWith("model m: sql refused, it holds a DELETE statement (a CTE may not write)");
    // Closing the parenthesis of CREATE TABLE .. AS ( would run what follows as a statement of its own.
    assertThat(refusal("SELECT 1\n) AS x; DROP TABLE latest_feed; SELECT (1")).startsWith("model m, line 2: sql refused, it is not valid SQL");
    assertThat(refusal("SELECT * FROM other.main.secrets")).startsWith("model m, line 1: sql refused, it reads secrets of another database");
    assertThat(refusal("  ;; ")).startsWith("model m: sql refused, it is empty");
  }

  @Test
  void aSuppliedModelReadingATableNobodyBuildsIsRefusedWithItsLine() {
    SqlProject project = SqlProject.load(Map.of(SuppliedModels.INLINE_NAME_ENV, "m",
        SuppliedModels.INLINE_SQL_ENV, "SELECT *\nFROM latest_feed\nJOIN secret_table USING (uri)"));
    assertThatThrownBy(() -> ModelGraph.of(project)).isInstanceOf(WorkerFailure.class).hasMessage("model m, line 3: sql refused, "
        + "it reads table secret_table, which is no model of the set, no model of the worker image and no raw table "
        + "(raw_feed_items, raw_list_items); a model is one read-only SELECT (or WITH ... SELECT, or VALUES), nothing was run");
  }

  @Test
  void suppliedModelsAreBoundedAndNamedLikeShippedOnes() throws Exception {
    Path models = models("Top-Posts.sql", "SELECT 1");
    assertThatThrownBy(() -> SuppliedModels.fromEnvironment(Map.of(SuppliedModels.DIR_ENV, models.toString())))
        .isInstanceOf(WorkerFailure.class).hasMessageStartingWith("model file Top-Posts.sql (EIDER_MODELS_DIR): a model name is");
    Files.delete(models.resolve("Top-Posts.sql"));
    Files.write(models.resolve("big.sql"), new byte[(int) SuppliedModels.MAX_DIR_BYTES + 1]);
    assertThatThrownBy(() -> SuppliedModels.fromEnvironment(Map.of(SuppliedModels.DIR_ENV, models.toString())))
        .isInstanceOf(WorkerFailure.class).hasMessageEndingWith("holds more than 1048576 bytes of SQL (a ConfigMap's limit)");
    assertThatThrownBy(() -> SuppliedModels.fromEnvironment(Map.of(SuppliedModels.INLINE_NAME_ENV, "m",
        SuppliedModels.INLINE_SQL_ENV, "SELECT 1 " + " ".repeat(SuppliedModels.MAX_INLINE_CHARS))))
        .isInstanceOf(WorkerFailure.class).hasMessage("inline model m has 65545 characters, more than the 65536 allowed");
    assertThatThrownBy(() -> SqlProject.load(Map.of(SuppliedModels.INLINE_NAME_ENV, "raw_feed_items",
        SuppliedModels.INLINE_SQL_ENV, "SELECT 1")))
        .isInstanceOf(WorkerFailure.class).hasMessage("model raw_feed_items (the inline model raw_feed_items) has the name of a raw table");
  }

  private static String refusal(String sql) {
    try (SqlReferences parser = new SqlReferences()) {
      parser.references("m", sql);
      return "accepted";
    } catch (WorkerFailure e) {
      return e.getMessage();
    }
  }
}
