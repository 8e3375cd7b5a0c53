package dev.eider.worker.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.contract.checks.CheckDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code EIDER_CHECKS} exactly as the operator writes it (the literal its WorkerJobFactoryTest
 * asserts for the sample's checks) is read into the contract's definitions and passes the rules.
 */
class ChecksFromTheOperatorTest {

  static final String OPERATOR_WRITES = "[{\"name\":\"has_posts\",\"type\":\"rowCount\",\"min\":1,\"blocking\":true},"
      + "{\"name\":\"fresh_posts\",\"type\":\"freshness\",\"column\":\"indexed_at\",\"maxAge\":\"26h\",\"severity\":\"warn\"}]";

  @Test
  void theOperatorsJsonIsTheContractsDefinitions() throws Exception {
    List<CheckDefinition> checks = List.of(new ObjectMapper().readValue(OPERATOR_WRITES, CheckDefinition[].class));

    assertThat(checks).containsExactly(
        new CheckDefinition("has_posts", "rowCount", null, null, null, 1L, null, null, null, null, true),
        new CheckDefinition("fresh_posts", "freshness", null, "indexed_at", null, null, null, "26h", null, "warn", null));
    assertThat(checks).allSatisfy(check -> assertThat(CheckValidation.validated(check, "EIDER_CHECKS")).isSameAs(check));
    assertThat(checks.get(0).isBlocking()).isTrue();
    assertThat(checks.get(1).effectiveSeverity()).isEqualTo("warn");
    assertThat(checks.get(0).effectiveSeverity()).isEqualTo("error");
  }
}
