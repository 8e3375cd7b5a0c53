package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.eider.operator.api.ApiPatterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * A report rendered from the warehouse's tables into object storage (read-only on the warehouse):
 * the worker's {@code report <kind>} command.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReportSpec {

  /** The reports the worker image renders. */
  public enum Kind {
    /** The Bluesky sample's dashboard: one self-contained HTML page from its marts. */
    @JsonProperty("dashboard") DASHBOARD
  }

  @JsonPropertyDescription("Which report: `dashboard`, the Bluesky sample's dashboard (one self-contained HTML page "
      + "from the marts top_daily_posts, top_external_links, top_domains, activity_over_time, calendar, member_stats and all_profiles).")
  @Required
  private Kind kind;

  @JsonPropertyDescription("Where the report goes, relative to the namespace's object prefix (a branch's reports stay in its "
      + "own prefix): letters, digits, `_`, `.`, `-` and `/`, no `..`. Default `_reports/dashboard.html`.")
  @Pattern(ApiPatterns.OBJECT_PATH)
  @Size(max = 512)
  private String output;

  @JsonPropertyDescription("The report's heading. Default `Bluesky dashboard`.")
  @Size(max = 200)
  private String title;

  public Kind getKind() { return kind; }
  public void setKind(Kind kind) { this.kind = kind; }
  public String getOutput() { return output; }
  public void setOutput(String output) { this.output = output; }
  public String getTitle() { return title; }
  public void setTitle(String title) { this.title = title; }
}
