package dev.eider.worker.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiffMarkdownTest {

  @Test
  void rendersCountsRowsSchemaAndOnlyTheColumnsThatDiffer() {
    TableDiff diff = new TableDiff("top_daily_posts", 10, 5, List.of("uri"), Optional.of(new RowChanges(0, 5, 1, 4)),
        null, new SchemaChanges(List.of(new Column("rank", "BIGINT")), List.of(), List.of()),
        List.of(new ColumnDiff("likes", "BIGINT", "BIGINT", new ColumnProfile(0, 10, "1", "90", 40.5),
                new ColumnProfile(0, 5, "50", "90", 70.0), 1L),
            new ColumnDiff("uri", "VARCHAR", "VARCHAR", new ColumnProfile(0, 10, "a", "j", null),
                new ColumnProfile(0, 10, "a", "j", null), 0L)));

    String md = DiffMarkdown.render("Data diff of branch feature-x", List.of(diff));

    assertThat(md).isEqualTo("""
        ## Data diff of branch feature-x

        1 of 1 table differ from production.

        ### top\\_daily\\_posts

        | | production | branch | change |
        |---|---:|---:|---:|
        | rows | 10 | 5 | -5 |

        Rows by key (uri): 0 added, 5 removed, 1 changed, 4 unchanged.

        Schema:
        - added rank (BIGINT)

        | column | side | nulls | distinct | min | max | mean | rows changed |
        |---|---|---:|---:|---|---|---:|---:|
        | likes | production | 0 | 10 | 1 | 90 | 40.50 |  |
        |  | branch | 0 | 5 | 50 | 90 | 70.00 | 1 |
        """);
  }

  @Test
  void valuesFromTheDataCannotInjectHtmlMarkdownOrMentions() {
    String hostile = "<img src=x onerror=alert(1)>| `code` [link](http://x) @octocat #1\n# heading";

    String text = DiffMarkdown.text(hostile);

    assertThat(text).isEqualTo("&lt;img src=x onerror=alert(1)&gt;\\| \\`code\\` \\[link\\](http://x) \\@octocat \\#1 "
        + "\\# heading");
    assertThat(text).doesNotContain("<", ">", "\n");
  }

  @Test
  void longValuesAreCut() {
    assertThat(DiffMarkdown.text("x".repeat(500))).hasSize(TableComparer.MAX_VALUE_CHARS + 1).endsWith("…");
  }
}
