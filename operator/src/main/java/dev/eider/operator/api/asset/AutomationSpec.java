package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** The conditions under which the operator starts runs without being asked. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AutomationSpec {

  @JsonPropertyDescription("Run on a schedule: at each tick, the due partitions (the newest window, or every partition) run.")
  private CronSchedule cron;

  @JsonPropertyDescription("Run a partition when an upstream partition it reads was materialized after it, or when it was never materialized. Default false.")
  @Default("false")
  private Boolean eager;

  @JsonPropertyDescription("Run partitions that were never materialized (for example new dynamic keys), and nothing else. Default false.")
  @Default("false")
  private Boolean onMissing;

  public CronSchedule getCron() { return cron; }
  public void setCron(CronSchedule cron) { this.cron = cron; }
  public Boolean getEager() { return eager; }
  public void setEager(Boolean eager) { this.eager = eager; }
  public Boolean getOnMissing() { return onMissing; }
  public void setOnMissing(Boolean onMissing) { this.onMissing = onMissing; }
}
