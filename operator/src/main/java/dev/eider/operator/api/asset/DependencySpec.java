package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.eider.operator.api.ApiPatterns;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One upstream asset and which of its partitions a partition of ours reads. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DependencySpec {

  /** How a downstream partition maps to upstream partitions, as in Dagster's partition mappings. */
  public enum PartitionMapping {
    /** The upstream partition with the same key. */
    @JsonProperty("identity") IDENTITY,
    /** Every upstream partition. */
    @JsonProperty("all") ALL,
    /** The newest materialized upstream partition. */
    @JsonProperty("latest") LATEST,
    /** The upstream time windows within `window` of ours. */
    @JsonProperty("timeWindow") TIME_WINDOW
  }

  @JsonPropertyDescription("Name of the upstream Asset in the same namespace.")
  @Required
  @Pattern(ApiPatterns.DNS_SUBDOMAIN)
  @Size(max = 253)
  private String asset;

  @JsonPropertyDescription("Which upstream partitions each partition of this asset needs: `identity` (same key), `all`, `latest`, or `timeWindow` (see `window`). Default `identity` when both are partitioned alike, `all` otherwise.")
  private PartitionMapping partitionMapping;

  @JsonPropertyDescription("For `partitionMapping: timeWindow`: the upstream windows to read, as offsets from ours (0 is the same window, -1 the one before).")
  private WindowOffsets window;

  public String getAsset() { return asset; }
  public void setAsset(String asset) { this.asset = asset; }
  public PartitionMapping getPartitionMapping() { return partitionMapping; }
  public void setPartitionMapping(PartitionMapping partitionMapping) { this.partitionMapping = partitionMapping; }
  public WindowOffsets getWindow() { return window; }
  public void setWindow(WindowOffsets window) { this.window = window; }

  /** An inclusive range of time-window offsets. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class WindowOffsets {

    @JsonPropertyDescription("First upstream window, relative to ours (for example -1: the window before). Default 0.")
    @Default("0")
    private Integer startOffset;

    @JsonPropertyDescription("Last upstream window, relative to ours; not before `startOffset`. Default 0.")
    @Default("0")
    private Integer endOffset;

    public Integer getStartOffset() { return startOffset; }
    public void setStartOffset(Integer startOffset) { this.startOffset = startOffset; }
    public Integer getEndOffset() { return endOffset; }
    public void setEndOffset(Integer endOffset) { this.endOffset = endOffset; }
  }
}
