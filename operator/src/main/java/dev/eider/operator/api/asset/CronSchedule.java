package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.eider.operator.api.ApiPatterns;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A cron schedule with the semantics of a Kubernetes CronJob / Argo CronWorkflow. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CronSchedule {

  /** What to do when a tick comes while the previous run still runs (Argo's names). */
  public enum ConcurrencyPolicy { Allow, Forbid, Replace }

  @JsonPropertyDescription("Cron expression, 5 fields in Unix syntax, for example `0 6 * * *`.")
  @Required
  private String schedule;

  @JsonPropertyDescription("IANA time zone the schedule is read in. Default `UTC`.")
  @Default("UTC")
  @Pattern(ApiPatterns.TIMEZONE)
  private String timezone;

  @JsonPropertyDescription("When a tick comes while a run is still running: `Allow` another, `Forbid` (skip the tick) or `Replace` (stop the old run). Default `Forbid`.")
  @Default("Forbid")
  private ConcurrencyPolicy concurrencyPolicy;

  @JsonPropertyDescription("Stop scheduling ticks without removing the schedule. Default false.")
  @Default("false")
  private Boolean suspend;

  public String getSchedule() { return schedule; }
  public void setSchedule(String schedule) { this.schedule = schedule; }
  public String getTimezone() { return timezone; }
  public void setTimezone(String timezone) { this.timezone = timezone; }
  public ConcurrencyPolicy getConcurrencyPolicy() { return concurrencyPolicy; }
  public void setConcurrencyPolicy(ConcurrencyPolicy concurrencyPolicy) { this.concurrencyPolicy = concurrencyPolicy; }
  public Boolean getSuspend() { return suspend; }
  public void setSuspend(Boolean suspend) { this.suspend = suspend; }
}
