package dev.eider.operator.api.branch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** What a branch changes in the assets it copies, so that testing does not cost what production does. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BranchOverrides {

  @JsonPropertyDescription("Worker image built from the branch, for every copied asset.")
  private String image;

  @JsonPropertyDescription("Automation of copied assets.")
  private AutomationOverride automation;

  @JsonPropertyDescription("Partitions of copied assets.")
  private PartitionOverride partitions;

  public String getImage() { return image; }
  public void setImage(String image) { this.image = image; }
  public AutomationOverride getAutomation() { return automation; }
  public void setAutomation(AutomationOverride automation) { this.automation = automation; }
  public PartitionOverride getPartitions() { return partitions; }
  public void setPartitions(PartitionOverride partitions) { this.partitions = partitions; }

  /** Cron schedules in a branch. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class AutomationOverride {

    /** What happens to cron schedules of copied assets. */
    public enum Cron {
      @JsonProperty("suspend") SUSPEND,
      @JsonProperty("keep") KEEP
    }

    @JsonPropertyDescription("`suspend` (branches do not hammer the source on a schedule) or `keep`. Default `suspend`.")
    @Default("suspend")
    private Cron cron;

    public Cron getCron() { return cron; }
    public void setCron(Cron cron) { this.cron = cron; }
  }

  /** A sample of partitions in a branch. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class PartitionOverride {

    @JsonPropertyDescription("Run at most this many partitions of each asset (the first keys, or the newest windows).")
    @Min(1)
    @Max(100000)
    private Integer limit;

    public Integer getLimit() { return limit; }
    public void setLimit(Integer limit) { this.limit = limit; }
  }
}
