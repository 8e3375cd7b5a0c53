package dev.eider.operator.sql;

import dev.eider.operator.sql.SqlTokens.Token;
import java.util.List;

/**
 * A model's SQL in a canonical form, so that only a change of meaning changes its code version:
 * its tokens one space apart, comments and layout dropped, keywords and unquoted names lower-cased
 * (DuckDB folds them), trailing semicolons dropped. String literals and quoted names stay exactly as
 * written: {@code 'A  b'} and {@code "Col"} are data, not layout.
 */
public final class SqlNormalizer {

  private SqlNormalizer() {}

  /**
   * The canonical form of {@code sql}; SQL that does not tokenize (an unclosed string or comment,
   * refused by validation anyway) is returned as it is, so any edit of it still counts.
   */
  public static String normalize(String sql) {
    String text = sql == null ? "" : sql;
    SqlTokens.Result lexed = SqlTokens.of(text);
    if (lexed.problem().isPresent()) {
      return text;
    }
    List<Token> tokens = lexed.tokens();
    int end = tokens.size();
    while (end > 0 && tokens.get(end - 1).isPunct(';')) {
      end--;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < end; i++) {
      if (i > 0) {
        out.append(' ');
      }
      Token token = tokens.get(i);
      out.append(token.kind() == SqlTokens.Kind.WORD ? token.text() : token.raw());
    }
    return out.toString();
  }
}
