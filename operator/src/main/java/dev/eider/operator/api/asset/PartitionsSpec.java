package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.eider.operator.api.ApiLimits;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** How an asset is split into partitions: exactly one of static keys, time windows or dynamic keys. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = SchemaCustomizer.MergePatchCustomizer.class,
    input = "{\"oneOf\":[{\"required\":[\"static\"]},{\"required\":[\"timeWindow\"]},{\"required\":[\"dynamic\"]}]}")
public class PartitionsSpec {

  @JsonPropertyDescription("A fixed list of at most 10000 partition keys of at most 256 printable characters: starter-pack AT-URIs for a starter-pack ingestion without `uri`, DIDs or handles for an author feed without `actor`.")
  @JsonProperty("static")
  @Size(min = 1, max = ApiLimits.MAX_PARTITION_KEYS)
  private List<@Size(min = 1, max = ApiLimits.MAX_PARTITION_KEY_LENGTH) String> staticKeys;

  @JsonPropertyDescription("One partition per tick of a cron schedule, from a start date: daily, hourly...")
  private TimeWindowPartitions timeWindow;

  @JsonPropertyDescription("Keys published by the runs of an upstream asset (for example the members of a starter pack); removed keys stop being scheduled.")
  private DynamicPartitions dynamic;

  public List<String> getStaticKeys() { return staticKeys; }
  public void setStaticKeys(List<String> staticKeys) { this.staticKeys = staticKeys; }
  public TimeWindowPartitions getTimeWindow() { return timeWindow; }
  public void setTimeWindow(TimeWindowPartitions timeWindow) { this.timeWindow = timeWindow; }
  public DynamicPartitions getDynamic() { return dynamic; }
  public void setDynamic(DynamicPartitions dynamic) { this.dynamic = dynamic; }
}
