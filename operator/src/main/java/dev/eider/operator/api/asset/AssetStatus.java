package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator observed. A summary only: per-partition state lives in ConfigMaps owned by the
 * Asset (see `partitionStates`), so an asset with tens of thousands of partitions stays small here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AssetStatus {

  @JsonPropertyDescription("The `metadata.generation` this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Standard conditions: Ready, Materializing, Failed, ChecksPassed, Fresh, Blocked; AllWindowsTracked for time-window partitions; CodeVersion for a transform.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Partition counts by state.")
  private PartitionCounts partitions;

  @JsonPropertyDescription("The most recent successful run.")
  private Materialization lastMaterialization;

  @JsonPropertyDescription("Results of the asset's checks from the latest run that evaluated them.")
  private List<CheckResult> checks = new ArrayList<>();

  @JsonPropertyDescription("When the next scheduled run is due (RFC 3339, UTC), if the asset has a cron schedule.")
  private String nextRunAt;

  @JsonPropertyDescription("The latest cron tick the operator handled (RFC 3339, UTC); after downtime only the newest missed tick runs.")
  private String lastScheduleTime;

  @JsonPropertyDescription("For a transform: the code version of its models, current and materialized.")
  private CodeVersionStatus codeVersion;

  @JsonPropertyDescription("Names of the ConfigMaps that hold the per-partition state.")
  private List<String> partitionStates = new ArrayList<>();

  public Long getObservedGeneration() { return observedGeneration; }
  public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
  public List<Condition> getConditions() { return conditions; }
  public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
  public PartitionCounts getPartitions() { return partitions; }
  public void setPartitions(PartitionCounts partitions) { this.partitions = partitions; }
  public Materialization getLastMaterialization() { return lastMaterialization; }
  public void setLastMaterialization(Materialization lastMaterialization) { this.lastMaterialization = lastMaterialization; }
  public List<CheckResult> getChecks() { return checks; }
  public void setChecks(List<CheckResult> checks) { this.checks = checks; }
  public String getNextRunAt() { return nextRunAt; }
  public void setNextRunAt(String nextRunAt) { this.nextRunAt = nextRunAt; }
  public String getLastScheduleTime() { return lastScheduleTime; }
  public void setLastScheduleTime(String lastScheduleTime) { this.lastScheduleTime = lastScheduleTime; }
  public CodeVersionStatus getCodeVersion() { return codeVersion; }
  public void setCodeVersion(CodeVersionStatus codeVersion) { this.codeVersion = codeVersion; }
  public List<String> getPartitionStates() { return partitionStates; }
  public void setPartitionStates(List<String> partitionStates) { this.partitionStates = partitionStates; }
}
