package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.eider.operator.api.ApiPatterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Partitions whose keys another asset publishes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DynamicPartitions {

  @JsonPropertyDescription("Name of the Asset in the same namespace whose latest successful run publishes the partition keys.")
  @Required
  @Pattern(ApiPatterns.DNS_SUBDOMAIN)
  @Size(max = 253)
  private String fromAsset;

  public String getFromAsset() { return fromAsset; }
  public void setFromAsset(String fromAsset) { this.fromAsset = fromAsset; }
}
