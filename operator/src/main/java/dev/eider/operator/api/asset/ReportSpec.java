package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.ApiPatterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * A report rendered from the warehouse's tables into object storage (read-only on the warehouse):
 * the worker's {@code report <kind>} command.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReportSpec {

  /** The reports the worker image renders. */
  public enum Kind {
    /** The Bluesky sample's dashboard: one self-contained HTML page from its marts. */
    @JsonProperty("dashboard") DASHBOARD,
    /** A data diff: the run's tables against the same tables of another database, as Markdown (the worker's {@code diff}). */
    @JsonProperty("dataDiff") DATA_DIFF
  }

  @JsonPropertyDescription("Which report: `dashboard`, the Bluesky sample's dashboard (one self-contained HTML page "
      + "from the marts top_daily_posts, top_external_links, top_domains, activity_over_time, calendar, member_stats and all_profiles); "
      + "`dataDiff`, the tables in `tables` of the asset's database against the same tables of `base` (row counts, rows added, "
      + "removed and changed by key, per-column statistics, schema changes), as Markdown. A BranchDeployment makes one for "
      + "the transforms it rebuilds.")
  @Required
  private Kind kind;

  @JsonPropertyDescription("Where the report goes, relative to the namespace's object prefix (a branch's reports stay in its "
      + "own prefix): letters, digits, `_`, `.`, `-` and `/`, no `..`. Default `_reports/dashboard.html`, or `_reports/data-diff.md` for a data diff.")
  @Pattern(ApiPatterns.OBJECT_PATH)
  @Size(max = 512)
  private String output;

  @JsonPropertyDescription("The report's heading. Default `Bluesky dashboard`.")
  @Size(max = 200)
  private String title;

  @JsonPropertyDescription("For `dataDiff`: the database to compare with, read only: `s3://<bucket>/<key>` of a DuckDB file, "
      + "`md:<database>`, or a bare name (a sibling of the asset's database).")
  @Pattern(ApiPatterns.DATABASE)
  @Size(max = 1024)
  private String base;

  @JsonPropertyDescription("For `dataDiff`: the tables to compare, each with the columns that identify a row (none: counts "
      + "and statistics only). At most 50.")
  @Size(max = ApiLimits.MAX_DIFF_TABLES)
  private List<DiffTable> tables;

  public Kind getKind() { return kind; }
  public void setKind(Kind kind) { this.kind = kind; }
  public String getOutput() { return output; }
  public void setOutput(String output) { this.output = output; }
  public String getTitle() { return title; }
  public void setTitle(String title) { this.title = title; }
  public String getBase() { return base; }
  public void setBase(String base) { this.base = base; }
  public List<DiffTable> getTables() { return tables; }
  public void setTables(List<DiffTable> tables) { this.tables = tables; }
}
