package dev.eider.worker.diff;

import java.util.List;
import java.util.Locale;

/**
 * The data diff as Markdown, fit to paste into a pull request. Column names and values come from
 * the data (post text can be a min or max), so every one is escaped: a value cannot close a code
 * span, break a table row, or become HTML in the page that renders the comment.
 */
public final class DiffMarkdown {

  private DiffMarkdown() {}

  public static String render(String title, List<TableDiff> tables) {
    StringBuilder md = new StringBuilder("## ").append(text(title)).append("\n\n");
    long changed = tables.stream().filter(TableDiff::differs).count();
    md.append(changed).append(" of ").append(tables.size()).append(tables.size() == 1 ? " table" : " tables")
        .append(" differ from production.\n");
    for (TableDiff table : tables) {
      table(md, table);
    }
    return md.toString();
  }

  private static void table(StringBuilder md, TableDiff t) {
    md.append("\n### ").append(text(t.table())).append(t.differs() ? "" : " (unchanged)").append("\n\n");
    md.append("| | production | branch | change |\n|---|---:|---:|---:|\n");
    md.append("| rows | ").append(t.baseRows()).append(" | ").append(t.branchRows()).append(" | ")
        .append(signed(t.branchRows() - t.baseRows())).append(" |\n");
    if (t.rows().isPresent()) {
      RowChanges r = t.rows().get();
      md.append("\nRows by key (").append(text(String.join(", ", t.key()))).append("): ")
          .append(r.added()).append(" added, ").append(r.removed()).append(" removed, ")
          .append(r.changed()).append(" changed, ").append(r.unchanged()).append(" unchanged.\n");
    } else {
      md.append("\n").append(text(t.rowsNote())).append(".\n");
    }
    if (!t.schema().none()) {
      md.append("\nSchema:\n");
      t.schema().added().forEach(c -> md.append("- added ").append(text(c.name())).append(" (")
          .append(text(c.type())).append(")\n"));
      t.schema().removed().forEach(c -> md.append("- removed ").append(text(c.name())).append(" (")
          .append(text(c.type())).append(")\n"));
      t.schema().retyped().forEach(c -> md.append("- retyped ").append(text(c.name())).append(": ")
          .append(text(c.baseType())).append(" to ").append(text(c.branchType())).append('\n'));
    }
    List<ColumnDiff> differing = t.columns().stream().filter(ColumnDiff::differs).toList();
    if (!differing.isEmpty()) {
      md.append("\n| column | side | nulls | distinct | min | max | mean | rows changed |\n")
          .append("|---|---|---:|---:|---|---|---:|---:|\n");
      for (ColumnDiff c : differing) {
        profileRow(md, c.name(), "production", c.baseType(), c.base(), "");
        profileRow(md, "", "branch", c.branchType(), c.branch(), c.changedRows() == null ? "" : c.changedRows().toString());
      }
    }
  }

  private static void profileRow(StringBuilder md, String name, String side, String type, ColumnProfile p,
      String changed) {
    md.append("| ").append(text(name)).append(" | ").append(side).append(" | ").append(p.nulls()).append(" | ")
        .append(p.distinct()).append(" | ").append(text(p.min())).append(" | ").append(text(p.max())).append(" | ")
        .append(p.mean() == null ? "" : String.format(Locale.ROOT, "%.4g", p.mean())).append(" | ")
        .append(changed).append(" |\n");
  }

  private static String signed(long n) {
    return n > 0 ? "+" + n : Long.toString(n);
  }

  /**
   * A value from the data as inert Markdown text: HTML's specials as entities, the punctuation
   * that starts Markdown emphasis, code, links, tables or mentions backslash-escaped, line breaks
   * as spaces, and long values cut.
   */
  static String text(String value) {
    if (value == null) {
      return "";
    }
    String cut = value.length() > TableComparer.MAX_VALUE_CHARS
        ? value.substring(0, TableComparer.MAX_VALUE_CHARS) + "…" : value;
    StringBuilder out = new StringBuilder(cut.length() + 8);
    for (char ch : cut.toCharArray()) {
      switch (ch) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\r', '\n', '\t' -> out.append(' ');
        // '@' and '#' would mention people and link issues in a pull request comment.
        case '\\', '`', '*', '_', '[', ']', '#', '|', '!', '~', '@' ->
            out.append('\\').append(ch);
        default -> out.append(Character.isISOControl(ch) ? ' ' : ch);
      }
    }
    return out.toString();
  }
}
