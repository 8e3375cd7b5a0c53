package dev.eider.operator.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Layout, comments and keyword case do not count; string literals and quoted names do, exactly. */
class SqlNormalizerTest {

  @Test
  void layoutCommentsKeywordCaseAndTrailingSemicolonsAreDropped() {
    assertThat(SqlNormalizer.normalize("""
        -- top posts per day
        SELECT  day,   count(*)  AS n   /* all posts,
           /* nested */ still a comment */
        FROM latest_feed
        GROUP BY 1;;
        """)).isEqualTo("select day , count ( * ) as n from latest_feed group by 1");
    assertThat(SqlNormalizer.normalize("select day,count(*) as n from LATEST_FEED group by 1"))
        .isEqualTo("select day , count ( * ) as n from latest_feed group by 1");
  }

  @Test
  void stringLiteralsAndQuotedNamesStayExactlyAsWritten() {
    assertThat(SqlNormalizer.normalize("SELECT 'Two  Spaces -- not a comment /* nor this */', \"Mixed Case\" FROM t"))
        .isEqualTo("select 'Two  Spaces -- not a comment /* nor this */' , \"Mixed Case\" from t");
    assertThat(SqlNormalizer.normalize("SELECT 'it''s', E'a\\n', $tag$ raw 'x' $tag$"))
        .isEqualTo("select 'it''s' , E'a\\n' , $tag$ raw 'x' $tag$");
    // A change inside a literal is a change of meaning.
    assertThat(SqlNormalizer.normalize("SELECT 'a b'")).isNotEqualTo(SqlNormalizer.normalize("SELECT 'a  b'"));
    assertThat(SqlNormalizer.normalize("SELECT \"Col\"")).isNotEqualTo(SqlNormalizer.normalize("SELECT \"col\""));
    assertThat(SqlNormalizer.normalize("SELECT 'A'")).isNotEqualTo(SqlNormalizer.normalize("SELECT 'a'"));
  }

  @Test
  void numbersAndOperatorsKeepTheirMeaning() {
    assertThat(SqlNormalizer.normalize("SELECT x->>'a', 1.50::DECIMAL(4,2), a<=b")).isEqualTo(
        "select x - > > 'a' , 1.50 : : decimal ( 4 , 2 ) , a < = b");
    assertThat(SqlNormalizer.normalize("SELECT 10")).isNotEqualTo(SqlNormalizer.normalize("SELECT 1 0"));
    // "--" starts a comment: a - -1 and a--1 are different queries.
    assertThat(SqlNormalizer.normalize("SELECT a - -1")).isEqualTo("select a - - 1");
    assertThat(SqlNormalizer.normalize("SELECT a--1")).isEqualTo("select a");
  }

  @Test
  void sqlThatDoesNotTokenizeIsKeptAsWritten() {
    assertThat(SqlNormalizer.normalize("SELECT 'unclosed")).isEqualTo("SELECT 'unclosed");
    assertThat(SqlNormalizer.normalize(null)).isEmpty();
  }
}
