package dev.eider.operator.api.branch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The summary of the branch's newest data diff; the full report is a Markdown object in the branch's prefix. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataDiffStatus {

  /** Where the diff stands. */
  public enum Phase { Pending, Ready, Failed }

  @JsonPropertyDescription("The branch's asset that computes the diff.")
  private String asset;

  @JsonPropertyDescription("Pending (the rebuilt transforms have not all run, or the diff not yet), Ready or Failed.")
  private Phase phase;

  @JsonPropertyDescription("Why the diff is pending or failed, or which tables it compares.")
  private String message;

  @JsonPropertyDescription("The database compared with (production's).")
  private String base;

  @JsonPropertyDescription("The Job that computed this diff.")
  private String job;

  @JsonPropertyDescription("When it was computed (RFC 3339, UTC).")
  private String finishedAt;

  @JsonPropertyDescription("Where the full Markdown report is (an object URL), fit to paste into a pull request.")
  private String report;

  @JsonPropertyDescription("Tables compared.")
  private Long tablesCompared;

  @JsonPropertyDescription("Tables whose rows, statistics or schema differ.")
  private Long tablesDiffering;

  @JsonPropertyDescription("Tables left out of `tables` to keep the status small (they are in the report).")
  private Long tablesOmitted;

  @JsonPropertyDescription("Per table: row counts, rows added, removed and changed by key, and the columns that changed.")
  private List<DataDiffTable> tables = new ArrayList<>();

  public String getAsset() { return asset; }
  public void setAsset(String asset) { this.asset = asset; }
  public Phase getPhase() { return phase; }
  public void setPhase(Phase phase) { this.phase = phase; }
  public String getMessage() { return message; }
  public void setMessage(String message) { this.message = message; }
  public String getBase() { return base; }
  public void setBase(String base) { this.base = base; }
  public String getJob() { return job; }
  public void setJob(String job) { this.job = job; }
  public String getFinishedAt() { return finishedAt; }
  public void setFinishedAt(String finishedAt) { this.finishedAt = finishedAt; }
  public String getReport() { return report; }
  public void setReport(String report) { this.report = report; }
  public Long getTablesCompared() { return tablesCompared; }
  public void setTablesCompared(Long tablesCompared) { this.tablesCompared = tablesCompared; }
  public Long getTablesDiffering() { return tablesDiffering; }
  public void setTablesDiffering(Long tablesDiffering) { this.tablesDiffering = tablesDiffering; }
  public Long getTablesOmitted() { return tablesOmitted; }
  public void setTablesOmitted(Long tablesOmitted) { this.tablesOmitted = tablesOmitted; }
  public List<DataDiffTable> getTables() { return tables; }
  public void setTables(List<DataDiffTable> tables) { this.tables = tables; }
}
