package dev.eider.worker.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.contract.checks.CheckDefinition;
import dev.eider.worker.run.TerminationMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckReportTest {

  @Test
  void manyFailingChecksWithLongSamplesStillFitTheTerminationMessage() throws Exception {
    List<CheckResult> results = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      CheckDefinition check = new CheckDefinition("check_number_" + i, "unique", null, "uri", null, null, null, null, null,
          i % 2 == 0 ? "error" : "warn", true);
      results.add(new CheckResult(check, "t", i % 3 == 0, 1000L + i, List.of("x".repeat(80), "y".repeat(80), "z".repeat(80)),
          "m".repeat(400), false));
    }
    ObjectNode report = CheckReport.build("latest-feed", results);
    String json = new ObjectMapper().writeValueAsString(report);

    assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(TerminationMessage.MAX_BYTES);
    assertThat(report.path("passed").asBoolean()).isFalse();
    assertThat(report.path("error").asText()).startsWith("26 checks fail the run: check_number_2, check_number_4");
    // Passing checks are counted, failed ones kept as long as they fit, errors before warnings.
    assertThat(report.path("passedChecksOmitted").asInt()).isEqualTo(27);
    assertThat(report.path("checks").size() + report.path("failedChecksOmitted").asInt()).isEqualTo(53);
    assertThat(report.path("checks").get(0).path("name").asText()).isEqualTo("check_number_1");
    assertThat(report.path("checks").get(0).path("failingRows").asLong()).isEqualTo(1001);
    List<String> kept = new ArrayList<>();
    report.path("checks").forEach(check -> kept.add(check.path("severity").asText()));
    assertThat(kept).filteredOn("error"::equals).hasSize(26);
  }

  @Test
  void aSmallReportKeepsEveryDetail() {
    CheckDefinition check = new CheckDefinition("u", "unique", null, "uri", null, null, null, null, null, null, null);
    ObjectNode report = CheckReport.build(null, List.of(new CheckResult(check, "t", false, 3L, List.of("a (2 rows)"), "msg", false)));
    assertThat(report.toString()).isEqualTo("{\"command\":\"check\",\"passed\":false,\"error\":\"1 check fails the run: u\","
        + "\"warnings\":0,\"checks\":[{\"name\":\"u\",\"passed\":false,\"severity\":\"error\",\"failingRows\":3,"
        + "\"sample\":[\"a (2 rows)\"],\"message\":\"msg\"}]}");
  }
}
