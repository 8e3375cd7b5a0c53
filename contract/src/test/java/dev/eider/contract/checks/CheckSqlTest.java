package dev.eider.contract.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The operator's early refusal of check SQL and column names the worker would refuse. */
class CheckSqlTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT 1) a; COPY (SELECT 42) TO 'x.csv'; SELECT * FROM (SELECT 1 WHERE false",
      "select * from t; drop table t",
      "SELECT 1 -- the comment ends here\n; DROP TABLE t",
      "SELECT 1 /* ; */ ; ATTACH 'x.duckdb' AS o",
      "SELECT 'it''s' ; COPY t TO 'x'",
      "SELECT \"a;b\" FROM t; SELECT 2",
  })
  void aSemicolonBetweenStatementsIsRefused(String sql) {
    assertThat(CheckSql.sqlProblem(sql))
        .contains("holds ';' outside a string: a check is one SELECT, not a list of statements");
  }

  @ParameterizedTest
  @ValueSource(strings = {"COPY t TO 'x.csv'", "ATTACH 'x.duckdb' AS o", "set enable_external_access = true",
      "PRAGMA version", "INSTALL httpfs", "LOAD httpfs", "CALL pragma_version()", "EXPORT DATABASE 'x'",
      "DROP TABLE t", "  /* hidden */ DELETE FROM t", "-- note\nINSERT INTO t VALUES (1)", "CHECKPOINT", "USE memory"})
  void aStatementThatCannotStartAQueryIsRefused(String sql) {
    Optional<String> problem = CheckSql.sqlProblem(sql);
    assertThat(problem).isPresent();
    assertThat(problem.get()).startsWith("starts with ").contains("starting with SELECT, WITH, VALUES or FROM");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "select * from t where id > 100;",
      "SELECT * FROM t WHERE a = 'x;y'",
      "SELECT * FROM t WHERE a = 'it''s; DROP TABLE t; --'",
      "SELECT \"odd;name\" FROM t",
      "SELECT $$semi;colon$$, $tag$more;$tag$ FROM t",
      "SELECT 1 -- trailing; comment",
      "SELECT 1 /* ; */ FROM t ;;",
      "WITH d AS (SELECT 1) SELECT * FROM d",
      "VALUES (1), (2)",
      "FROM t WHERE x",
      "((SELECT 1) UNION (SELECT 2))",
      "/* leading comment */ SELECT '日本語;é' AS ü",
  })
  void legitimateQueriesPass(String sql) {
    assertThat(CheckSql.sqlProblem(sql)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"uri\" IS NULL OR 1=1 --", "1st", "a-b", "a b", "", "ü"})
  void aColumnThatIsNotAPlainIdentifierIsRefused(String column) {
    assertThat(CheckSql.identifierProblem(column)).contains("'" + column + "' is not a plain SQL identifier "
        + "(letters, digits and _, not starting with a digit, at most 63 characters)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"uri", "Seen_At_2", "_x"})
  void plainColumnsPass(String column) {
    assertThat(CheckSql.identifierProblem(column)).isEmpty();
    assertThat(CheckSql.identifierProblem("a".repeat(63))).isEmpty();
    assertThat(CheckSql.identifierProblem("a".repeat(64))).isPresent();
  }
}
