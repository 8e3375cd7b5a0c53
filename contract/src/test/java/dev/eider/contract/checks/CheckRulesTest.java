package dev.eider.contract.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Check rules return every problem with its field, and throw for none. */
class CheckRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void whatTheSamplesWriteHasNoProblem() throws Exception {
    // crds/samples/bluesky/03-latest-feed.yaml's checks, as the operator passes them in EIDER_CHECKS.
    List<CheckDefinition> checks = List.of(JSON.readValue("""
        [{"name": "unique_uri", "type": "unique", "column": "uri"},
         {"name": "has_rows", "type": "rowCount", "min": 1},
         {"name": "fresh_posts", "type": "freshness", "column": "indexed_at", "maxAge": "26h", "severity": "warn"},
         {"name": "kinds", "type": "acceptedValues", "column": "kind", "values": ["post", "repost"], "blocking": true},
         {"name": "no_future", "type": "sql", "sql": "SELECT * FROM posts WHERE indexed_at > now()"}]
        """, CheckDefinition[].class));
    assertThat(CheckRules.problems(checks)).isEmpty();
  }

  @Test
  void everyProblemIsReturnedWithItsField() {
    List<CheckDefinition> checks = Arrays.asList(
        check("a", "unique", null, null, null, null, null),
        check("a", "rowCount", null, null, 5L, 2L, null),
        check("c", "acceptedValues", "kind", null, null, null, null),
        check("d", "freshness", null, null, null, null, "PT26H"),
        check(null, "uniqueness", "1st", null, null, null, null),
        null);
    assertThat(CheckRules.problems(checks)).extracting(CheckProblem::toString).containsExactly(
        "[0].column: is required by unique",
        "[1].name: 'a' is used by another check",
        "[1].max: is below min",
        "[2].values: is required by acceptedValues",
        "[3].maxAge: 'PT26H' is an ISO-8601 duration; Eider writes durations as 26h (units ms, s, m, h, d)",
        "[4].name: is required",
        "[4].type: 'uniqueness' is not one of unique, notNull, acceptedValues, rowCount, freshness, sql",
        "[4].column: '1st' is not a plain SQL identifier (letters, digits and _, not starting with a digit, at most 63 characters)",
        "[5]: is null");
  }

  @Test
  void rowCountNeedsABound() {
    assertThat(CheckRules.problems(check("r", "rowCount", null, null, null, null, null))).extracting(CheckProblem::toString)
        .containsExactly("rowCount needs min, max or both");
  }

  @Test
  void valuesAreBounded() {
    List<String> tooMany = Collections.nCopies(1_001, "v");
    assertThat(CheckRules.problems(check("v", "acceptedValues", "c", tooMany, null, null, null))).extracting(CheckProblem::toString)
        .containsExactly("values: has 1001 entries, more than the 1000 allowed");
    assertThat(CheckRules.problems(check("v", "acceptedValues", "c", Arrays.asList("ok", null), null, null, null)))
        .extracting(CheckProblem::toString).containsExactly("values[1]: is null (notNull is the check for nulls)");
    assertThat(CheckRules.problems(check("v", "acceptedValues", "c", List.of("x".repeat(1_025)), null, null, null)))
        .extracting(CheckProblem::toString).containsExactly("values[0]: has 1025 characters, more than the 1024 allowed");
    assertThat(CheckRules.problems(check("v", "acceptedValues", "c", List.of("x".repeat(1_024)), null, null, null))).isEmpty();
  }

  @Test
  void sqlIsOneReadOnlyQuery() {
    assertThat(CheckRules.problems(sql("SELECT 1; DROP TABLE t"))).extracting(CheckProblem::toString)
        .containsExactly("sql: holds ';' outside a string: a check is one SELECT, not a list of statements");
    assertThat(CheckRules.problems(sql("SELECT ';' AS x;"))).isEmpty();
  }

  private static CheckDefinition sql(String sql) {
    return new CheckDefinition("s", "sql", null, null, null, null, null, null, sql, null, null);
  }

  private static CheckDefinition check(String name, String type, String column, List<String> values, Long min, Long max, String maxAge) {
    return new CheckDefinition(name, type, null, column, values, min, max, maxAge, null, null, null);
  }
}
