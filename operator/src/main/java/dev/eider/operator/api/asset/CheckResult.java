package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The outcome of one check. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CheckResult {

  @JsonPropertyDescription("Name of the check in `spec.checks`.")
  private String name;

  @JsonPropertyDescription("Whether the check passed.")
  private Boolean passed;

  @JsonPropertyDescription("Severity of the check: `warn` or `error`.")
  private String severity;

  @JsonPropertyDescription("Rows that failed the check.")
  private Long failingRows;

  @JsonPropertyDescription("What was found, for example `812 rows` or `3 duplicate handles: a, b, c`.")
  private String message;

  @JsonPropertyDescription("When the check ran (RFC 3339, UTC).")
  private String evaluatedAt;

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public Boolean getPassed() { return passed; }
  public void setPassed(Boolean passed) { this.passed = passed; }
  public String getSeverity() { return severity; }
  public void setSeverity(String severity) { this.severity = severity; }
  public Long getFailingRows() { return failingRows; }
  public void setFailingRows(Long failingRows) { this.failingRows = failingRows; }
  public String getMessage() { return message; }
  public void setMessage(String message) { this.message = message; }
  public String getEvaluatedAt() { return evaluatedAt; }
  public void setEvaluatedAt(String evaluatedAt) { this.evaluatedAt = evaluatedAt; }
}
