package dev.eider.operator.sql;

import dev.eider.operator.sql.SqlTokens.Kind;
import dev.eider.operator.sql.SqlTokens.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model's SQL judged at apply time, without a parser: one statement starting like a query,
 * balanced parentheses (the worker builds the table with {@code CREATE TABLE .. AS (<model>)}),
 * no statement keyword, no function that reads files, settings or the catalog, no file or URL in
 * FROM; and the tables it reads, found after FROM and JOIN. It is conservative: an unquoted column
 * named like a statement keyword (load, copy, set ...) is refused, and must be quoted. Not the
 * security boundary: the worker parses each model with DuckDB before anything runs and runs them on
 * a locked-down session; this gives the early, readable InvalidSpec with a line.
 */
public final class ModelSqlRules {

  /** What the model reads, or the first problem with its line (0: the whole model). */
  public record Analysis(Optional<String> problem, int line, Map<String, Integer> tables) {
    static Analysis refused(String problem, int line) {
      return new Analysis(Optional.of(problem), line, Map.of());
    }
  }

  private static final Set<String> QUERY_STARTS = Set.of("select", "with", "values", "from");
  private static final Set<String> STATEMENT_WORDS = Set.of("attach", "detach", "copy", "install", "load", "pragma", "set",
      "reset", "insert", "update", "delete", "create", "drop", "alter", "export", "import", "call", "checkpoint", "vacuum",
      "truncate", "use", "grant", "revoke", "merge");
  /** Table functions that compute from their arguments alone: the worker allows the same. */
  static final Set<String> TABLE_FUNCTIONS = Set.of("range", "generate_series", "unnest", "json_each", "json_tree");
  private static final Set<String> REFUSED_FUNCTIONS = Set.of("glob", "sniff_csv", "current_setting", "getenv", "getvariable",
      "query", "query_table", "json_execute_serialized_sql", "which_secret", "parquet_metadata", "parquet_schema",
      "parquet_file_metadata", "parquet_kv_metadata", "load_aws_credentials");
  /** Words that end a FROM clause at their parenthesis depth. */
  private static final Set<String> FROM_ENDS = Set.of("where", "group", "having", "order", "limit", "offset", "qualify",
      "window", "union", "except", "intersect", "on", "using", "returning", "sample");
  private static final String QUERY_CONTRACT = "a model is one read-only query starting with SELECT, WITH, VALUES or FROM "
      + "(COPY, ATTACH, SET, PRAGMA, INSTALL, LOAD, CALL, writes and DDL are refused)";

  private ModelSqlRules() {}

  public static Analysis analyse(String sql) {
    SqlTokens.Result lexed = SqlTokens.of(sql == null ? "" : sql);
    if (lexed.problem().isPresent()) {
      return Analysis.refused(lexed.problem().get(), lexed.problemLine());
    }
    List<Token> tokens = new ArrayList<>(lexed.tokens());
    // Trailing semicolons are tolerated by the worker; any other one separates statements.
    while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isPunct(';')) {
      tokens.remove(tokens.size() - 1);
    }
    if (tokens.isEmpty()) {
      return Analysis.refused("is empty", 0);
    }
    Optional<Analysis> shape = shape(tokens);
    if (shape.isPresent()) {
      return shape.get();
    }
    return reads(tokens, cteNames(tokens));
  }

  /** One statement that can start a query, balanced parentheses, no statement keyword or refused function. */
  private static Optional<Analysis> shape(List<Token> tokens) {
    Token first = tokens.stream().filter(token -> !token.isPunct('(')).findFirst().orElse(tokens.get(0));
    if (first.kind() != Kind.WORD || !QUERY_STARTS.contains(first.text())) {
      return Optional.of(Analysis.refused("starts with " + shown(first) + ": " + QUERY_CONTRACT, first.line()));
    }
    Deque<Token> open = new ArrayDeque<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      boolean qualified = i > 0 && tokens.get(i - 1).isPunct('.');
      if (token.isPunct(';')) {
        return Optional.of(Analysis.refused("a ';' ends the statement here: a model is one SELECT, not a list of statements",
            token.line()));
      } else if (token.isPunct('(')) {
        open.push(token);
      } else if (token.isPunct(')')) {
        if (open.isEmpty()) {
          return Optional.of(Analysis.refused("this ')' closes a parenthesis the model did not open", token.line()));
        }
        open.pop();
      } else if (token.kind() == Kind.WORD && !qualified && STATEMENT_WORDS.contains(token.text())) {
        return Optional.of(Analysis.refused(token.text().toUpperCase() + " is refused: " + QUERY_CONTRACT
            + "; a column of that name must be quoted", token.line()));
      } else if (token.kind() == Kind.WORD && isCall(tokens, i) && refusedFunction(token.text())) {
        return Optional.of(Analysis.refused("it calls " + token.text() + "(), which reads files, settings or the catalog",
            token.line()));
      }
    }
    if (!open.isEmpty()) {
      return Optional.of(Analysis.refused("this '(' is never closed", open.peek().line()));
    }
    return Optional.empty();
  }

  private static boolean refusedFunction(String name) {
    return REFUSED_FUNCTIONS.contains(name) || name.startsWith("read_") || name.startsWith("duckdb_") || name.startsWith("pragma_")
        || name.endsWith("_scan");
  }

  /**
   * The tables read after FROM, JOIN and the commas of a FROM list, with their first line. A FROM
   * starts a FROM clause only where its parentheses hold a SELECT or begin with it, and not after
   * DISTINCT: {@code extract(year FROM ts)} and {@code a IS DISTINCT FROM b} read no table.
   */
  private static Analysis reads(List<Token> tokens, Set<String> ctes) {
    Map<String, Integer> tables = new LinkedHashMap<>();
    Deque<Frame> frames = new ArrayDeque<>();
    frames.push(new Frame(true));
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      Frame frame = frames.peek();
      if (frame.expectItem) {
        frame.expectItem = false;
        if (token.is("lateral")) {
          frame.expectItem = true;
          continue;
        }
        if (token.kind() == Kind.STRING) {
          return Analysis.refused("it reads '" + shownText(token.text()) + "', which names a file, not a table", token.line());
        }
        if (token.kind() == Kind.WORD || token.kind() == Kind.QUOTED_NAME) {
          List<String> parts = new ArrayList<>(List.of(token.text()));
          int j = i + 1;
          while (j + 1 < tokens.size() && tokens.get(j).isPunct('.')
              && (tokens.get(j + 1).kind() == Kind.WORD || tokens.get(j + 1).kind() == Kind.QUOTED_NAME)) {
            parts.add(tokens.get(j + 1).text());
            j += 2;
          }
          String name = String.join(".", parts);
          if (j < tokens.size() && tokens.get(j).isPunct('(')) {
            if (parts.size() > 1 || !TABLE_FUNCTIONS.contains(name)) {
              return Analysis.refused("it calls table function " + name + "(), which may read files, settings or the catalog "
                  + "(allowed: " + String.join(", ", TABLE_FUNCTIONS.stream().sorted().toList()) + ")", token.line());
            }
          } else if (parts.size() == 1 || (parts.size() == 2 && parts.get(0).equals("main"))) {
            String table = parts.get(parts.size() - 1).toLowerCase();
            if (!ctes.contains(table)) {
              tables.putIfAbsent(table, token.line());
            }
          } else {
            return Analysis.refused("it reads " + name + " of another database or schema; a model reads the warehouse's "
                + "tables by their plain names", token.line());
          }
          i = j - 1;
          continue;
        }
      }
      if (token.isPunct('(')) {
        boolean query = i + 1 < tokens.size() && (tokens.get(i + 1).is("select") || tokens.get(i + 1).is("from")
            || tokens.get(i + 1).is("with") || tokens.get(i + 1).is("values"));
        frames.push(new Frame(query));
      } else if (token.isPunct(')')) {
        if (frames.size() > 1) {
          frames.pop();
        }
      } else if (token.is("select")) {
        frame.query = true;
        frame.inFrom = false;
      } else if ((token.is("from") && frame.query && !(i > 0 && tokens.get(i - 1).is("distinct"))) || token.is("join")) {
        frame.inFrom = true;
        frame.expectItem = true;
      } else if (token.isPunct(',') && frame.inFrom) {
        frame.expectItem = true;
      } else if (token.kind() == Kind.WORD && FROM_ENDS.contains(token.text())) {
        frame.inFrom = false;
      }
    }
    return new Analysis(Optional.empty(), 0, tables);
  }

  /** The names a WITH defines: {@code WITH [RECURSIVE] name [(cols)] [USING KEY (..)] AS [NOT] [MATERIALIZED] (..), ...}. */
  private static Set<String> cteNames(List<Token> tokens) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (!tokens.get(i).is("with")) {
        continue;
      }
      int j = i + 1;
      if (j < tokens.size() && tokens.get(j).is("recursive")) {
        j++;
      }
      while (j < tokens.size() && (tokens.get(j).kind() == Kind.WORD || tokens.get(j).kind() == Kind.QUOTED_NAME)) {
        names.add(tokens.get(j).text().toLowerCase());
        j++;
        j = skipParenthesised(tokens, j);
        if (j + 1 < tokens.size() && tokens.get(j).is("using") && tokens.get(j + 1).is("key")) {
          j = skipParenthesised(tokens, j + 2);
        }
        if (j >= tokens.size() || !tokens.get(j).is("as")) {
          break;
        }
        j++;
        while (j < tokens.size() && (tokens.get(j).is("not") || tokens.get(j).is("materialized"))) {
          j++;
        }
        j = skipParenthesised(tokens, j);
        if (j >= tokens.size() || !tokens.get(j).isPunct(',')) {
          break;
        }
        j++;
      }
    }
    return names;
  }

  /** After the parenthesised group at {@code at}, or {@code at} when none starts there. */
  private static int skipParenthesised(List<Token> tokens, int at) {
    if (at >= tokens.size() || !tokens.get(at).isPunct('(')) {
      return at;
    }
    int depth = 0;
    for (int i = at; i < tokens.size(); i++) {
      if (tokens.get(i).isPunct('(')) {
        depth++;
      } else if (tokens.get(i).isPunct(')') && --depth == 0) {
        return i + 1;
      }
    }
    return tokens.size();
  }

  private static boolean isCall(List<Token> tokens, int i) {
    return i + 1 < tokens.size() && tokens.get(i + 1).isPunct('(');
  }

  private static String shown(Token token) {
    return token.kind() == Kind.WORD ? token.text().toUpperCase() : "'" + shownText(token.text()) + "'";
  }

  private static String shownText(String text) {
    String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  /** Parentheses of the model: whether they hold a query, and where its FROM clause is. */
  private static final class Frame {
    boolean query;
    boolean inFrom;
    boolean expectItem;

    Frame(boolean query) {
      this.query = query;
    }
  }
}
