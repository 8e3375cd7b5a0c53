package dev.eider.operator.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operator's parser-free judgement of a model. Positive controls: the repository's own models
 * pass and read what DuckDB's parser says they read (the worker's ModelGraphTest).
 */
class ModelSqlRulesTest {

  static final Path SQL = Path.of("..", "sql");

  @Test
  void theShippedModelsPassAndReadWhatTheWorkerFindsTheyRead() throws IOException {
    Map<String, Set<String>> reads = new TreeMap<>();
    for (Map.Entry<String, String> model : shippedModels().entrySet()) {
      ModelSqlRules.Analysis analysis = ModelSqlRules.analyse(model.getValue());
      assertThat(analysis.problem()).as(model.getKey()).isEmpty();
      reads.put(model.getKey(), analysis.tables().keySet());
    }
    assertThat(reads).isEqualTo(Map.of(
        "latest_feed", Set.of("raw_feed_items"),
        "all_profiles", Set.of("raw_list_items"),
        "top_daily_posts", Set.of("all_profiles", "latest_feed"),
        "top_external_links", Set.of("latest_feed"),
        "activity_over_time", Set.of("all_profiles", "latest_feed", "raw_feed_items"),
        "calendar", Set.of("latest_feed"),
        "top_domains", Set.of("latest_feed"),
        "member_stats", Set.of("activity_over_time", "all_profiles")));
  }

  @Test
  void shippedSqlNamesTheRepositorysModelsAndRawTables() throws IOException {
    assertThat(ShippedSql.MODELS).isEqualTo(shippedModels().keySet());
    String sources = Files.readString(SQL.resolve("sources.yaml"));
    Set<String> raw = sources.lines().filter(line -> line.matches("  [a-z_]+:\\s*")).map(line -> line.strip().replace(":", ""))
        .collect(Collectors.toSet());
    assertThat(ShippedSql.RAW_TABLES).isEqualTo(raw);
  }

  @Test
  void wordsThatLookLikeTablesAreNotReferences() {
    assertThat(ModelSqlRules.analyse("""
        -- latest_feed in a comment is no reference
        WITH calendar AS (SELECT 'FROM all_profiles' AS latest_feed), "Quoted" AS (SELECT 1)
        SELECT c.latest_feed, extract(year FROM p.day), substring('x' FROM 1 FOR 1)
        FROM calendar c, "Quoted"
        JOIN main.raw_feed_items r ON true
        LEFT JOIN LATERAL (SELECT * FROM top_daily_posts) p ON true, unnest([1, 2]) AS u(x)
        WHERE EXISTS (SELECT 1 FROM Activity_Over_Time) AND r.item->>'load' IS NOT NULL AND r."set" = 1
          AND r._run_id IS DISTINCT FROM c.latest_feed
        """).tables()).containsOnlyKeys("raw_feed_items", "top_daily_posts", "activity_over_time");
  }

  @Test
  void refusalsCarryTheirLine() {
    assertThat(refusal("SELECT 1\n/* never closed")).isEqualTo("2: a /* comment is never closed");
    assertThat(refusal("SELECT 'a\n\nb")).isEqualTo("1: a string is never closed");
    assertThat(refusal("SELECT (1\n+ 2")).isEqualTo("1: this '(' is never closed");
    assertThat(refusal("SELECT 1 FROM t\nUNION ALL\nSELECT * FROM glob('/var/run/*')")).isEqualTo(
        "3: it calls glob(), which reads files, settings or the catalog");
    assertThat(refusal("SELECT *\nFROM other_db.main.t")).isEqualTo(
        "2: it reads other_db.main.t of another database or schema; a model reads the warehouse's tables by their plain names");
    assertThat(refusal("SELECT 1\nFROM t\nWHERE load > 1")).startsWith("3: LOAD is refused: a model is one read-only query");
    assertThat(refusal("WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x")).startsWith("1: DELETE is refused");
    assertThat(refusal(";;")).isEqualTo("0: is empty");
    assertThat(refusal("SELECT 1;")).isEqualTo("accepted");
  }

  static String refusal(String sql) {
    ModelSqlRules.Analysis analysis = ModelSqlRules.analyse(sql);
    return analysis.problem().map(problem -> analysis.line() + ": " + problem).orElse("accepted");
  }

  static Map<String, String> shippedModels() throws IOException {
    Map<String, String> models = new TreeMap<>();
    try (Stream<Path> files = Files.list(SQL.resolve("models"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        models.put(file.getFileName().toString().replace(".sql", ""), Files.readString(file));
      }
    }
    return models;
  }
}
