package dev.eider.contract.checks;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The text rules of a check's {@code sql} and of the names it gives ({@code column}, {@code table}):
 * early, readable feedback at apply time, and the worker's first look. Not the security boundary:
 * the worker then parses the SQL with DuckDB and runs it on a locked-down session (its
 * ReadOnlyQuery). This only catches the obvious cases without a parser: a {@code ;} between
 * statements (outside strings, quoted names and comments) and a statement that cannot start a
 * SELECT.
 */
public final class CheckSql {

  public static final int MAX_IDENTIFIER = 63;
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> QUERY_STARTS = Set.of("SELECT", "WITH", "VALUES", "FROM");

  private CheckSql() {}

  /** Why {@code name} cannot name a table or column in SQL, or empty. */
  public static Optional<String> identifierProblem(String name) {
    return name.length() <= MAX_IDENTIFIER && IDENTIFIER.matcher(name).matches() ? Optional.empty()
        : Optional.of("'" + Shown.text(name) + "' is not a plain SQL identifier (letters, digits and _, not starting with a digit, "
            + "at most " + MAX_IDENTIFIER + " characters)");
  }

  /** Why {@code sql} cannot be a check's single SELECT, or empty. */
  public static Optional<String> sqlProblem(String sql) {
    String code = codeOnly(sql).strip();
    // Trailing semicolons are tolerated by the worker; any other one separates statements.
    while (code.endsWith(";")) {
      code = code.substring(0, code.length() - 1).strip();
    }
    if (code.indexOf(';') >= 0) {
      return Optional.of("holds ';' outside a string: a check is one SELECT, not a list of statements");
    }
    String first = firstWord(code);
    if (!QUERY_STARTS.contains(first)) {
      return Optional.of("starts with " + (first.isEmpty() ? "no statement" : first) + ": a check is one read-only query "
          + "starting with SELECT, WITH, VALUES or FROM (COPY, ATTACH, SET, PRAGMA, INSTALL, LOAD, CALL, writes and DDL are refused)");
    }
    return Optional.empty();
  }

  /**
   * The text with string literals, quoted identifiers and comments blanked out, so what is left
   * is the SQL's own punctuation and keywords.
   */
  public static String codeOnly(String sql) {
    StringBuilder code = new StringBuilder(sql.length());
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      int end;
      if (c == '\'' || c == '"') {
        end = closingQuote(sql, i, c);
      } else if (sql.startsWith("--", i)) {
        end = lineEnd(sql, i);
      } else if (sql.startsWith("/*", i)) {
        int close = sql.indexOf("*/", i + 2);
        end = close < 0 ? sql.length() : close + 2;
      } else if (c == '$' && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int close = sql.indexOf(tag, i + tag.length());
        end = close < 0 ? sql.length() : close + tag.length();
      } else {
        code.append(c);
        i++;
        continue;
      }
      code.append(' ');
      i = end;
    }
    return code.toString();
  }

  /** After the quote closing the one at {@code start}; a doubled quote is part of the text. */
  private static int closingQuote(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  private static int lineEnd(String sql, int start) {
    int newline = sql.indexOf('\n', start);
    return newline < 0 ? sql.length() : newline;
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

  private static String firstWord(String code) {
    int i = 0;
    // A query may open with parentheses: (SELECT ...) UNION (SELECT ...).
    while (i < code.length() && (Character.isWhitespace(code.charAt(i)) || code.charAt(i) == '(')) {
      i++;
    }
    int start = i;
    while (i < code.length() && Character.isLetter(code.charAt(i))) {
      i++;
    }
    return code.substring(start, i).toUpperCase(Locale.ROOT);
  }
}
