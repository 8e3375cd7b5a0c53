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
import dev.eider.worker.run.TerminationMessage;
import dev.eider.worker.storage.ObjectStore;
import dev.eider.worker.warehouse.SampleFixtureAccess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code transform --check-asset}: the fixture's models built and published, then the asset's checks
 * run on them as {@code check --asset} runs them, one result holding both.
 */
class TransformCheckAssetTest {

  @TempDir Path dir;
  Map<String, String> env;

  @BeforeEach
  void writeTheFixture() {
    env = environment(dir);
    try (ObjectStore store = store(env)) {
      SampleFixtureAccess.write(store, env.get("EIDER_PREFIX"));
    }
  }

  @Test
  void checksThatPassLeaveTheRunDone() {
    assertThat(run(env, "transform", "--models", "all", "--check-asset", "latest-feed")).isEqualTo(ExitCodes.OK);

    JsonNode result = termination(env);
    assertThat(result.path("command").asText()).isEqualTo("transform");
    assertThat(result.path("warehouse").asText()).isEqualTo(env.get("EIDER_WAREHOUSE"));
    assertThat(result.path("raw").size()).isEqualTo(2);
    assertThat(models(result)).containsExactly("all_profiles=3", "latest_feed=21", "activity_over_time=7", "calendar=5",
        "member_stats=3", "top_daily_posts=19", "top_domains=7", "top_external_links=8");
    assertThat(result.path("durationMs").isIntegralNumber()).isTrue();
    assertThat(result.path("asset").asText()).isEqualTo("latest-feed");
    assertThat(result.path("passed").asBoolean()).isTrue();
    assertThat(result.has("error")).isFalse();
    assertThat(names(result)).containsExactly("has_posts", "unique_post_uri", "fresh_posts");
    assertThat(result.path("checks").get(0).path("passed").asBoolean()).isTrue();
    assertThat(result.path("checks").get(1).path("message").asText()).isEqualTo("every uri is unique");
  }

  @Test
  void anErrorCheckThatFailsFailsTheRunAndTheModelsStayBuilt() {
    env.put("EIDER_CHECKS", """
        [{"name": "one_post_per_author", "type": "unique", "column": "author_did", "blocking": true},
         {"name": "few_posts", "type": "rowCount", "max": 5, "severity": "warn"},
         {"name": "has_posts", "type": "rowCount", "min": 1}]""");

    List<String> errorLines = new ArrayList<>();
    int exit = withStderr(errorLines, () -> run(env, "transform", "--models", "all", "--check-asset", "latest-feed"));
    assertThat(exit).isEqualTo(ExitCodes.FAILED);

    JsonNode result = termination(env);
    assertThat(result.path("command").asText()).isEqualTo("transform");
    assertThat(result.has("exitCode")).isFalse();
    assertThat(models(result)).hasSize(8).contains("latest_feed=21");
    assertThat(result.path("passed").asBoolean()).isFalse();
    assertThat(result.path("error").asText()).isEqualTo("1 check fails the run: one_post_per_author");
    assertThat(result.path("warnings").asInt()).isEqualTo(1);
    JsonNode failing = result.path("checks").get(0);
    assertThat(failing.path("name").asText()).isEqualTo("one_post_per_author");
    assertThat(failing.path("passed").asBoolean()).isFalse();
    assertThat(failing.path("severity").asText()).isEqualTo("error");
    assertThat(failing.path("blocking").asBoolean()).isTrue();
    assertThat(failing.path("failingRows").asLong()).isEqualTo(20);
    assertThat(failing.path("message").asText()).isEqualTo("3 values of author_did appear more than once (20 rows)");
    assertThat(names(result)).containsExactly("one_post_per_author", "few_posts", "has_posts");

    assertThat(errorLines).containsExactly("error: 1 check fails the run: one_post_per_author (the models were built)");
    // Published before the checks ran: the tables are there for the next run and for `check`.
    Path warehouse = Path.of(env.get("EIDER_WAREHOUSE"));
    assertThat(rows(warehouse, "SELECT count(*)::VARCHAR FROM latest_feed")).containsExactly("21");
    assertThat(rows(warehouse, "SELECT count(*)::VARCHAR FROM top_external_links")).containsExactly("8");
  }

  @Test
  void aWarningThatFailsLeavesTheRunDone() {
    env.put("EIDER_CHECKS", "[{\"name\": \"few_posts\", \"type\": \"rowCount\", \"max\": 5, \"severity\": \"warn\"}]");

    assertThat(run(env, "transform", "--models", "latest_feed", "--check-asset", "latest-feed")).isEqualTo(ExitCodes.OK);
    JsonNode result = termination(env);
    assertThat(models(result)).containsExactly("latest_feed=21");
    assertThat(result.path("passed").asBoolean()).isTrue();
    assertThat(result.has("error")).isFalse();
    assertThat(result.path("warnings").asInt()).isEqualTo(1);
    assertThat(result.path("checks").get(0).path("passed").asBoolean()).isFalse();
    assertThat(result.path("checks").get(0).path("message").asText()).isEqualTo("21 rows (expected at most 5)");
  }

  @Test
  void aBadCheckSelectionBuildsNothing() {
    assertThat(run(env, "transform", "--models", "all", "--check-asset", "latest-fed")).isEqualTo(ExitCodes.BAD_INPUT);
    String error = termination(env).path("error").asText();
    assertThat(error).startsWith("asset 'latest-fed' has no checks in checks.yaml").doesNotContain("\n");
    assertThat(termination(env).path("exitCode").asInt()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(Path.of(env.get("EIDER_WAREHOUSE"))).doesNotExist();

    // Checks given by the operator are validated before the build too.
    env.put("EIDER_CHECKS", "[{\"name\": \"x\", \"type\": \"uniqueness\", \"column\": \"uri\"}]");
    assertThat(run(env, "transform", "--models", "all", "--check-asset", "latest-feed")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(termination(env).path("error").asText()).startsWith("check 'x' (EIDER_CHECKS): type 'uniqueness' is not one of");
    assertThat(Path.of(env.get("EIDER_WAREHOUSE"))).doesNotExist();
  }

  @Test
  void manyFailingChecksWithLongMessagesStillFitTheTerminationMessage() throws Exception {
    StringBuilder checks = new StringBuilder("[");
    for (int i = 0; i < 40; i++) {
      // Could not run: the message quotes the long table name (63 characters at most) DuckDB did not find.
      checks.append(i == 0 ? "" : ",").append("{\"name\": \"missing_table_check_number_").append(i)
          .append("\", \"type\": \"rowCount\", \"min\": 1, \"table\": \"no_such_table_").append("x".repeat(47)).append(i).append("\"}");
      // Fails with samples: whole rows of latest_feed.
      checks.append(",{\"name\": \"sql_check_with_a_rather_long_name_number_").append(i)
          .append("\", \"type\": \"sql\", \"sql\": \"select * from latest_feed\"")
          .append(i % 2 == 0 ? "" : ", \"severity\": \"warn\"").append("}");
    }
    env.put("EIDER_CHECKS", checks.append("]").toString());

    assertThat(run(env, "transform", "--models", "all", "--check-asset", "latest-feed")).isEqualTo(ExitCodes.FAILED);

    byte[] written = Files.readAllBytes(Path.of(env.get(TerminationMessage.PATH_ENV)));
    assertThat(written.length).isLessThanOrEqualTo(TerminationMessage.MAX_BYTES);
    JsonNode result = new ObjectMapper().readTree(written);
    assertThat(result.path("command").asText()).isEqualTo("transform");
    assertThat(models(result)).hasSize(8);
    assertThat(result.path("durationMs").isIntegralNumber()).isTrue();
    // The raw load details went first; the checks then shed detail, failed errors kept before warnings.
    assertThat(result.has("raw")).isFalse();
    assertThat(result.path("rawOmitted").asInt()).isEqualTo(2);
    assertThat(result.path("passed").asBoolean()).isFalse();
    assertThat(result.path("error").asText()).startsWith("60 checks fail the run: missing_table_check_number_0, ");
    assertThat(result.path("checks").size() + result.path("failedChecksOmitted").asInt()).isEqualTo(80);
    assertThat(result.path("checks").get(0).path("error").asBoolean()).isTrue();
  }

  private static List<String> models(JsonNode result) {
    List<String> models = new ArrayList<>();
    result.path("models").forEach(model -> models.add(model.path("name").asText() + "=" + model.path("rows").asLong()));
    return models;
  }

  private static List<String> names(JsonNode result) {
    List<String> names = new ArrayList<>();
    result.path("checks").forEach(check -> names.add(check.path("name").asText()));
    return names;
  }

  /** Runs {@code run} with stderr captured; its lines starting with "error:" go to {@code errorLines}. */
  private static int withStderr(List<String> errorLines, java.util.function.IntSupplier run) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      return run.getAsInt();
    } finally {
      System.setErr(original);
      captured.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("error:")).forEach(errorLines::add);
    }
  }
}
