package dev.eider.worker.checks;

import static dev.eider.worker.warehouse.WarehouseTestSupport.environment;
import static dev.eider.worker.warehouse.WarehouseTestSupport.rows;
import static dev.eider.worker.warehouse.WarehouseTestSupport.run;
import static dev.eider.worker.warehouse.WarehouseTestSupport.store;
import static dev.eider.worker.warehouse.WarehouseTestSupport.termination;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.storage.ObjectStore;
import dev.eider.worker.warehouse.SampleFixtureAccess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} on the fixture's warehouse: the sample's checks, operator-given checks, bad input. */
class CheckCommandTest {

  @TempDir static Path shared;
  static Map<String, String> built;

  @BeforeAll
  static void buildTheFixtureWarehouse() {
    built = environment(shared);
    try (ObjectStore store = store(built)) {
      SampleFixtureAccess.write(store, built.get("EIDER_PREFIX"));
    }
    assertThat(run(built, "transform", "--models", "all")).isEqualTo(ExitCodes.OK);
  }

  @Test
  void theSampleChecksPassOnTheSample() {
    Map<String, String> env = env();
    assertThat(run(env, "check", "--asset", "latest-feed")).isEqualTo(ExitCodes.OK);
    JsonNode result = termination(env);
    assertThat(result.path("command").asText()).isEqualTo("check");
    assertThat(result.path("asset").asText()).isEqualTo("latest-feed");
    assertThat(result.path("passed").asBoolean()).isTrue();
    assertThat(summaries(result)).startsWith(
        "has_posts passed=true severity=error blocking=true failingRows=null message=21 rows (expected at least 1)",
        "unique_post_uri passed=true severity=error blocking=true failingRows=0 message=every uri is unique");
    // fresh_posts depends on the clock; it is a warning, so the run passes either way.
    assertThat(result.path("checks").get(2).path("severity").asText()).isEqualTo("warn");

    assertThat(run(env, "check", "--asset", "all-profiles")).isEqualTo(ExitCodes.OK);
    assertThat(summaries(termination(env))).containsExactly(
        "unique_handle passed=true severity=error blocking=true failingRows=0 message=every handle is unique",
        "handle_not_null passed=true severity=error blocking=true failingRows=0 message=no null handle",
        "has_profiles passed=true severity=error blocking=false failingRows=null message=3 rows (expected at least 1)");

    assertThat(run(env, "check", "--checks", "at_most_ten_per_day,known_link_type,unique_day")).isEqualTo(ExitCodes.OK);
    assertThat(summaries(termination(env))).containsExactly(
        "at_most_ten_per_day passed=true severity=error blocking=false failingRows=0 message=the query returned no rows",
        "known_link_type passed=true severity=error blocking=false failingRows=0 message=every link_type is an accepted value",
        "unique_day passed=true severity=error blocking=false failingRows=0 message=every day is unique");
  }

  @Test
  void operatorGivenChecksWithAFailureAndAWarning() {
    Map<String, String> env = env();
    env.put("EIDER_CHECKS", """
        [{"name": "one_post_per_author", "type": "unique", "column": "author_did", "blocking": true},
         {"name": "few_posts", "type": "rowCount", "max": 5, "severity": "warn"},
         {"name": "ten_per_day", "type": "sql", "table": "top_daily_posts",
          "sql": "select post_date, count(*) as n from top_daily_posts group by 1 having count(*) >= 10"}]""");

    assertThat(run(env, "check", "--asset", "latest-feed")).isEqualTo(ExitCodes.FAILED);
    JsonNode result = termination(env);
    assertThat(result.path("passed").asBoolean()).isFalse();
    assertThat(result.path("error").asText()).isEqualTo("2 checks fail the run: one_post_per_author, ten_per_day");
    assertThat(result.path("warnings").asInt()).isEqualTo(1);
    assertThat(summaries(result)).containsExactly(
        "one_post_per_author passed=false severity=error blocking=true failingRows=20 "
            + "message=3 values of author_did appear more than once (20 rows)",
        "few_posts passed=false severity=warn blocking=false failingRows=null message=21 rows (expected at most 5)",
        "ten_per_day passed=false severity=error blocking=false failingRows=1 message=the query returned 1 failing row");
    assertThat(result.path("checks").get(0).path("sample").toString())
        .isEqualTo("[\"did:plc:dan (13 rows)\",\"did:plc:alice (5 rows)\",\"did:plc:bob (2 rows)\"]");
    assertThat(result.path("checks").get(2).path("sample").toString()).isEqualTo("[\"post_date=2026-11-21, n=10\"]");

    // Selecting only the warning: the run passes.
    assertThat(run(env, "check", "--asset", "latest-feed", "--checks", "few_posts")).isEqualTo(ExitCodes.OK);
    assertThat(termination(env).path("warnings").asInt()).isEqualTo(1);
  }

  @Test
  void aCheckThatCannotRunFailsTheRunAndSaysWhy() {
    Map<String, String> env = env();
    env.put("EIDER_CHECKS", "[{\"name\": \"rows\", \"type\": \"rowCount\", \"min\": 1, \"severity\": \"warn\", \"table\": \"lastest_feed\"}]");
    assertThat(run(env, "check", "--asset", "latest-feed")).isEqualTo(ExitCodes.FAILED);
    JsonNode check = termination(env).path("checks").get(0);
    assertThat(check.path("error").asBoolean()).isTrue();
    assertThat(check.path("message").asText()).startsWith("could not run: Catalog Error: Table with name lastest_feed does not exist");
  }

  @Test
  void badInput() {
    Map<String, String> env = env();
    assertThat(run(env, "check")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).isEqualTo("name the checks to run: --asset <name>, --checks <names>, or both");
    assertThat(run(env, "check", "--asset", "nope")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).startsWith("asset 'nope' has no checks in checks.yaml");
    assertThat(run(env, "check", "--checks", "unique_handel")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).startsWith("unknown check 'unique_handel' in checks.yaml");

    env.put("EIDER_CHECKS", "[{\"name\": \"x\", \"type\": \"uniqueness\", \"column\": \"uri\"}]");
    assertThat(run(env, "check", "--asset", "latest-feed")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).startsWith("check 'x' (EIDER_CHECKS): type 'uniqueness' is not one of");
    env.put("EIDER_CHECKS", "{\"name\": \"x\"}");
    assertThat(run(env, "check", "--asset", "latest-feed")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).startsWith("EIDER_CHECKS is not a JSON array of checks");
    env.put("EIDER_CHECKS", "[{\"name\": \"x\", \"type\": \"freshness\", \"maxAge\": \"a day\"}]");
    assertThat(run(env, "check", "--asset", "latest-feed")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).isEqualTo(
        "check 'x' (EIDER_CHECKS): maxAge 'a day' is not a duration: write whole numbers with units ms, s, m, h or d, "
            + "e.g. 30s, 10m, 26h, 2d or 1h30m");
    env.put("EIDER_CHECKS", "[{\"name\": \"x\", \"type\": \"notNull\", \"column\": \"uri\"}]");
    assertThat(run(env, "check", "--asset", "no-such-asset")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).isEqualTo(
        "check 'x' names no table and asset 'no-such-asset' has no table of its own: set table in the check, or pass --table");
  }

  @Test
  void theIssuesEscapeIsBadInputAndWritesNothing() throws Exception {
    Path copyTarget = shared.resolve("escape-" + System.nanoTime() + ".csv");
    Path other = shared.resolve("other-" + System.nanoTime() + ".duckdb");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + other);
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE t AS SELECT 42 AS answer");
    }
    Map<String, String> env = env();
    String payload = "SELECT 1) a; COPY (SELECT 42) TO '" + copyTarget + "'; ATTACH '" + other + "' AS o (READ_WRITE); "
        + "DROP TABLE o.t; SELECT * FROM (SELECT 1 WHERE false";
    env.put("EIDER_CHECKS", new ObjectMapper().writeValueAsString(List.of(
        Map.of("name", "fine", "type", "rowCount", "min", 1),
        Map.of("name", "escape", "type", "sql", "table", "latest_feed", "sql", payload))));

    assertThat(run(env, "check", "--asset", "latest-feed")).isEqualTo(ExitCodes.BAD_INPUT);
    // The contract's check rules (the operator's too) refuse the ';' before DuckDB's parser sees it;
    // SqlCheckEscapeTest gives the parser the same payload.
    assertThat(termination(env).path("error").asText())
        .isEqualTo("check 'escape' (EIDER_CHECKS): sql holds ';' outside a string: a check is one SELECT, not a list of statements");
    assertThat(copyTarget).doesNotExist();
    assertThat(rows(other, "SELECT answer FROM t")).containsExactly("42");

    env.put("EIDER_CHECKS", "[{\"name\": \"x\", \"type\": \"notNull\", \"column\": \"uri\\\" IS NULL OR 1=1 --\"}]");
    assertThat(run(env, "check", "--asset", "latest-feed")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText())
        .startsWith("check 'x' (EIDER_CHECKS): column 'uri\" IS NULL OR 1=1 --' is not a plain SQL identifier");
  }

  @Test
  void aWarehouseThatDoesNotExistYet() {
    Map<String, String> env = env();
    env.put("EIDER_WAREHOUSE", shared.resolve("never-built.duckdb").toString());
    assertThat(run(env, "check", "--asset", "latest-feed")).isEqualTo(ExitCodes.FAILED);
    assertThat(termination(env).path("error").asText()).endsWith("does not exist yet: run transform first");
    assertThat(shared.resolve("never-built.duckdb")).doesNotExist();
  }

  /** The built warehouse, with a termination message of this test's own. */
  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>(built);
    env.put("EIDER_TERMINATION_MESSAGE_PATH", shared.resolve("termination-" + System.nanoTime()).toString());
    return env;
  }

  private static List<String> summaries(JsonNode result) {
    List<String> summaries = new ArrayList<>();
    for (JsonNode check : result.path("checks")) {
      summaries.add(check.path("name").asText() + " passed=" + check.path("passed").asBoolean()
          + " severity=" + check.path("severity").asText() + " blocking=" + check.path("blocking").asBoolean()
          + " failingRows=" + (check.has("failingRows") ? check.path("failingRows").asLong() : null)
          + " message=" + check.path("message").asText());
    }
    return summaries;
  }
}
