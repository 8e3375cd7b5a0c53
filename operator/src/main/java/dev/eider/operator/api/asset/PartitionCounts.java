package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How many partitions are in each state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PartitionCounts {

  @JsonPropertyDescription("Partitions that exist now (for dynamic partitions: the keys last published).")
  private Integer total;

  @JsonPropertyDescription("Partitions whose latest run succeeded.")
  private Integer materialized;

  @JsonPropertyDescription("Partitions with a run in progress.")
  private Integer running;

  @JsonPropertyDescription("Partitions whose latest run failed and will not be retried.")
  private Integer failed;

  @JsonPropertyDescription("Partitions never materialized.")
  private Integer missing;

  @JsonPropertyDescription("Partitions due to run that wait for a free slot: the asset's own limit (eider.runs.max-concurrent-per-asset), its pool's, or the warehouse writer's.")
  private Integer queued;

  public Integer getTotal() { return total; }
  public void setTotal(Integer total) { this.total = total; }
  public Integer getMaterialized() { return materialized; }
  public void setMaterialized(Integer materialized) { this.materialized = materialized; }
  public Integer getRunning() { return running; }
  public void setRunning(Integer running) { this.running = running; }
  public Integer getFailed() { return failed; }
  public void setFailed(Integer failed) { this.failed = failed; }
  public Integer getMissing() { return missing; }
  public void setMissing(Integer missing) { this.missing = missing; }
  public Integer getQueued() { return queued; }
  public void setQueued(Integer queued) { this.queued = queued; }
}
