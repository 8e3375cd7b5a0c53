package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.eider.operator.api.ApiPatterns;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Time-window partitions: each window between two cron ticks is one partition, keyed by its start. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TimeWindowPartitions {

  @JsonPropertyDescription("Cron expression (5 fields, Unix syntax) whose ticks bound the windows, for example `0 0 * * *` for days.")
  @Required
  private String cron;

  @JsonPropertyDescription("Start of the first window, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, in `timezone`.")
  @Required
  @Pattern(ApiPatterns.LOCAL_DATE_TIME)
  private String start;

  @JsonPropertyDescription("Optional end (exclusive) of the last window, same format as `start`. Omitted: windows keep coming.")
  @Pattern(ApiPatterns.LOCAL_DATE_TIME)
  private String end;

  @JsonPropertyDescription("IANA time zone the schedule and dates are read in. Default `UTC`.")
  @Default("UTC")
  @Pattern(ApiPatterns.TIMEZONE)
  private String timezone;

  public String getCron() { return cron; }
  public void setCron(String cron) { this.cron = cron; }
  public String getStart() { return start; }
  public void setStart(String start) { this.start = start; }
  public String getEnd() { return end; }
  public void setEnd(String end) { this.end = end; }
  public String getTimezone() { return timezone; }
  public void setTimezone(String timezone) { this.timezone = timezone; }
}
