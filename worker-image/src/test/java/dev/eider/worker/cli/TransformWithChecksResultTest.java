package dev.eider.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.contract.checks.CheckDefinition;
import dev.eider.worker.checks.CheckResult;
import dev.eider.worker.run.TerminationMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The result of {@code transform --check-asset}: the transform's summary and the check report, within 4096 bytes. */
class TransformWithChecksResultTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aSmallResultKeepsEverything() {
    ObjectNode result = TransformCommand.withChecks(summary(2, 2), "latest-feed", List.of(
        result("unique_post_uri", "error", false, "2 values of uri appear more than once (4 rows)"),
        result("has_posts", "error", true, "21 rows (expected at least 1)")));

    assertThat(result.toString()).isEqualTo("{\"command\":\"transform\",\"warehouse\":\"/data/eider.duckdb\","
        + "\"raw\":[{\"table\":\"raw_table_0\",\"asset\":\"asset-0\",\"loaded\":3,\"reloaded\":0,\"skipped\":1,\"rows\":30},"
        + "{\"table\":\"raw_table_1\",\"asset\":\"asset-1\",\"loaded\":3,\"reloaded\":0,\"skipped\":1,\"rows\":30}],"
        + "\"models\":[{\"name\":\"model_0\",\"rows\":100,\"ms\":5},{\"name\":\"model_1\",\"rows\":100,\"ms\":5}],"
        + "\"durationMs\":1234,\"asset\":\"latest-feed\",\"passed\":false,\"error\":\"1 check fails the run: unique_post_uri\","
        + "\"warnings\":0,\"checks\":["
        + "{\"name\":\"unique_post_uri\",\"passed\":false,\"severity\":\"error\",\"failingRows\":4,"
        + "\"sample\":[\"a (2 rows)\",\"b (2 rows)\"],\"message\":\"2 values of uri appear more than once (4 rows)\"},"
        + "{\"name\":\"has_posts\",\"passed\":true,\"severity\":\"error\",\"message\":\"21 rows (expected at least 1)\"}]}");
  }

  @Test
  void theRawLoadDetailsGoBeforeAnyCheckDetail() throws Exception {
    List<CheckResult> results = List.of(result("unique_post_uri", "error", false, "m".repeat(250)),
        result("fresh_posts", "warn", false, "w".repeat(250)));
    ObjectNode result = TransformCommand.withChecks(summary(40, 6), "latest-feed", results);

    assertThat(bytes(result)).isLessThanOrEqualTo(TerminationMessage.MAX_BYTES);
    assertThat(result.has("raw")).isFalse();
    assertThat(result.path("rawOmitted").asInt()).isEqualTo(40);
    assertThat(result.path("models").size()).isEqualTo(6);
    // Without the raw details every check detail fits: nothing of the report was cut.
    assertThat(result.path("checks").get(0).path("message").asText()).isEqualTo("m".repeat(250));
    assertThat(result.path("checks").get(1).path("sample").size()).isEqualTo(2);
  }

  @Test
  void manyChecksWithLongMessagesStayWithin4096BytesOfValidJson() throws Exception {
    List<CheckResult> results = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      results.add(result("a_check_with_quite_a_long_name_number_" + i, i % 2 == 0 ? "error" : "warn", i % 5 == 0,
          "a long message about what this check found, é and ü included: " + "m".repeat(600)));
    }
    ObjectNode result = TransformCommand.withChecks(summary(12, 12), "latest-feed", results);

    String json = JSON.writeValueAsString(result);
    assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(TerminationMessage.MAX_BYTES);
    JsonNode parsed = JSON.readTree(json);
    assertThat(parsed.path("command").asText()).isEqualTo("transform");
    assertThat(parsed.path("warehouse").asText()).isEqualTo("/data/eider.duckdb");
    assertThat(parsed.path("models").size()).isEqualTo(12);
    assertThat(parsed.path("models").get(0).path("rows").asLong()).isEqualTo(100);
    assertThat(parsed.path("durationMs").asLong()).isEqualTo(1234);
    assertThat(parsed.has("raw")).isFalse();
    assertThat(parsed.path("rawOmitted").asInt()).isEqualTo(12);
    assertThat(parsed.path("passed").asBoolean()).isFalse();
    assertThat(parsed.path("error").asText()).startsWith("48 checks fail the run: a_check_with_quite_a_long_name_number_2, ");
    assertThat(parsed.path("warnings").asInt()).isEqualTo(48);
    assertThat(parsed.path("passedChecksOmitted").asInt()).isEqualTo(24);
    assertThat(parsed.path("checks").size() + parsed.path("failedChecksOmitted").asInt()).isEqualTo(96);
    // Still too many: failed warnings were dropped before failed errors, and only failures are listed.
    assertThat(parsed.path("failedChecksOmitted").asInt()).isGreaterThan(48);
    assertThat(parsed.path("checks").get(0).path("name").asText()).isEqualTo("a_check_with_quite_a_long_name_number_2");
    parsed.path("checks").forEach(check -> {
      assertThat(check.path("severity").asText()).isEqualTo("error");
      assertThat(check.path("passed").asBoolean()).isFalse();
    });
  }

  /** A transform summary with {@code raw} load entries and {@code models} built. */
  private static ObjectNode summary(int raw, int models) {
    ObjectNode summary = TerminationMessage.newResult("transform").put("warehouse", "/data/eider.duckdb");
    ArrayNode loads = summary.putArray("raw");
    for (int i = 0; i < raw; i++) {
      loads.addObject().put("table", "raw_table_" + i).put("asset", "asset-" + i).put("loaded", 3).put("reloaded", 0)
          .put("skipped", 1).put("rows", 30);
    }
    ArrayNode built = summary.putArray("models");
    for (int i = 0; i < models; i++) {
      built.addObject().put("name", "model_" + i).put("rows", 100).put("ms", 5);
    }
    return summary.put("durationMs", 1234);
  }

  private static CheckResult result(String name, String severity, boolean passed, String message) {
    CheckDefinition check = new CheckDefinition(name, "unique", null, "uri", null, null, null, null, null, severity, null);
    return new CheckResult(check, "latest_feed", passed, passed ? null : 4L,
        passed ? List.of() : List.of("a (2 rows)", "b (2 rows)"), message, false);
  }

  private static int bytes(ObjectNode node) throws Exception {
    return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8).length;
  }
}
