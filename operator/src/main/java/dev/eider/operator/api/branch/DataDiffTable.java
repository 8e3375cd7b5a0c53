package dev.eider.operator.api.branch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** One table of a data diff, as the worker summarised it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataDiffTable {

  @JsonPropertyDescription("The table.")
  private String table;
  @JsonPropertyDescription("Whether rows, statistics or schema differ.")
  private Boolean differs;
  @JsonPropertyDescription("Rows in production's table.")
  private Long baseRows;
  @JsonPropertyDescription("Rows in the branch's table.")
  private Long branchRows;
  @JsonPropertyDescription("Rows whose key is only in the branch.")
  private Long added;
  @JsonPropertyDescription("Rows whose key is only in production.")
  private Long removed;
  @JsonPropertyDescription("Rows with the same key and other values.")
  private Long changed;
  @JsonPropertyDescription("Why rows were not compared by key (no key declared, or the key is not unique).")
  private String note;
  @JsonPropertyDescription("Columns only in the branch.")
  private List<String> columnsAdded;
  @JsonPropertyDescription("Columns only in production.")
  private List<String> columnsRemoved;
  @JsonPropertyDescription("Columns whose type changed.")
  private List<String> columnsRetyped;
  @JsonPropertyDescription("Columns whose statistics (nulls, distinct values, min, max, mean) changed.")
  private List<String> columnsChanged;

  public String getTable() { return table; }
  public void setTable(String table) { this.table = table; }
  public Boolean getDiffers() { return differs; }
  public void setDiffers(Boolean differs) { this.differs = differs; }
  public Long getBaseRows() { return baseRows; }
  public void setBaseRows(Long baseRows) { this.baseRows = baseRows; }
  public Long getBranchRows() { return branchRows; }
  public void setBranchRows(Long branchRows) { this.branchRows = branchRows; }
  public Long getAdded() { return added; }
  public void setAdded(Long added) { this.added = added; }
  public Long getRemoved() { return removed; }
  public void setRemoved(Long removed) { this.removed = removed; }
  public Long getChanged() { return changed; }
  public void setChanged(Long changed) { this.changed = changed; }
  public String getNote() { return note; }
  public void setNote(String note) { this.note = note; }
  public List<String> getColumnsAdded() { return columnsAdded; }
  public void setColumnsAdded(List<String> columnsAdded) { this.columnsAdded = columnsAdded; }
  public List<String> getColumnsRemoved() { return columnsRemoved; }
  public void setColumnsRemoved(List<String> columnsRemoved) { this.columnsRemoved = columnsRemoved; }
  public List<String> getColumnsRetyped() { return columnsRetyped; }
  public void setColumnsRetyped(List<String> columnsRetyped) { this.columnsRetyped = columnsRetyped; }
  public List<String> getColumnsChanged() { return columnsChanged; }
  public void setColumnsChanged(List<String> columnsChanged) { this.columnsChanged = columnsChanged; }
}
