package dev.eider.operator.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SQL split into tokens as DuckDB's lexer would (Postgres rules): words, quoted names, strings
 * ({@code '..'}, {@code E'..'}, {@code $tag$..$tag$}), numbers and punctuation, each with its line;
 * comments and whitespace dropped. Enough to judge a model's shape without a parser; the worker
 * parses it with DuckDB itself.
 */
final class SqlTokens {

  enum Kind { WORD, QUOTED_NAME, STRING, NUMBER, PUNCT }

  /**
   * One token: a word is lower-cased, a quoted name unquoted, punctuation one character; {@code raw}
   * is the token as written (a string with its quotes and any E prefix).
   */
  record Token(Kind kind, String text, int line, String raw) {
    Token(Kind kind, String text, int line) {
      this(kind, text, line, text);
    }

    boolean is(String word) {
      return kind == Kind.WORD && text.equals(word);
    }

    boolean isPunct(char c) {
      return kind == Kind.PUNCT && text.length() == 1 && text.charAt(0) == c;
    }
  }

  /** The tokens, or the problem (an unterminated string, name or comment) with its line. */
  record Result(List<Token> tokens, Optional<String> problem, int problemLine) {}

  private SqlTokens() {}

  static Result of(String sql) {
    List<Token> tokens = new ArrayList<>();
    int line = 1;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (sql.startsWith("/*", i)) {
        int end = closingComment(sql, i);
        if (end < 0) {
          return new Result(tokens, Optional.of("a /* comment is never closed"), line);
        }
        line += lines(sql, i, end);
        i = end;
      } else if (c == '\'' || ((c == 'e' || c == 'E') && i + 1 < n && sql.charAt(i + 1) == '\'')) {
        int start = c == '\'' ? i : i + 1;
        int end = closingQuote(sql, start, '\'', c != '\'');
        if (end < 0) {
          return new Result(tokens, Optional.of("a string is never closed"), line);
        }
        tokens.add(new Token(Kind.STRING, sql.substring(start + 1, end - 1), line, sql.substring(i, end)));
        line += lines(sql, i, end);
        i = end;
      } else if (c == '"') {
        int end = closingQuote(sql, i, '"', false);
        if (end < 0) {
          return new Result(tokens, Optional.of("a quoted name is never closed"), line);
        }
        tokens.add(new Token(Kind.QUOTED_NAME, sql.substring(i + 1, end - 1).replace("\"\"", "\""), line, sql.substring(i, end)));
        line += lines(sql, i, end);
        i = end;
      } else if (c == '$' && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int close = sql.indexOf(tag, i + tag.length());
        if (close < 0) {
          return new Result(tokens, Optional.of("a " + tag + " string is never closed"), line);
        }
        tokens.add(new Token(Kind.STRING, sql.substring(i + tag.length(), close), line, sql.substring(i, close + tag.length())));
        line += lines(sql, i, close + tag.length());
        i = close + tag.length();
      } else if (Character.isLetter(c) || c == '_') {
        int end = i + 1;
        while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_' || sql.charAt(end) == '$')) {
          end++;
        }
        tokens.add(new Token(Kind.WORD, sql.substring(i, end).toLowerCase(Locale.ROOT), line));
        i = end;
      } else if (Character.isDigit(c)) {
        int end = i + 1;
        while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.' || sql.charAt(end) == '_')) {
          end++;
        }
        tokens.add(new Token(Kind.NUMBER, sql.substring(i, end), line));
        i = end;
      } else {
        tokens.add(new Token(Kind.PUNCT, String.valueOf(c), line));
        i++;
      }
    }
    return new Result(tokens, Optional.empty(), line);
  }

  /** After the {@code * /} closing the comment at {@code start} (they nest, as in Postgres), or -1. */
  private static int closingComment(String sql, int start) {
    int depth = 0;
    int i = start;
    while (i < sql.length() - 1) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return -1;
  }

  /** After the quote closing the one at {@code start}, or -1; a doubled quote is part of the text. */
  private static int closingQuote(String sql, int start, char quote, boolean backslashEscapes) {
    int i = start + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
        continue;
      }
      if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return -1;
  }

  /** {@code $$} or {@code $tag$} at {@code start}, or null. */
  private static String dollarTag(String sql, int start) {
    int i = start + 1;
    while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
      i++;
    }
    return i < sql.length() && sql.charAt(i) == '$' && (i == start + 1 || !Character.isDigit(sql.charAt(start + 1)))
        ? sql.substring(start, i + 1) : null;
  }

  private static int lines(String sql, int from, int to) {
    int count = 0;
    for (int i = from; i < to; i++) {
      if (sql.charAt(i) == '\n') {
        count++;
      }
    }
    return count;
  }
}
