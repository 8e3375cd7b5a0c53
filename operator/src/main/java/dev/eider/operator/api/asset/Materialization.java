package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import dev.eider.operator.api.ApiLimits;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

/**
 * One successful run and what its worker reported. {@code metadata} is the worker's result (less
 * the published keys and the checks, shown elsewhere) when it fits what a status should hold: at
 * most 16 KiB of JSON, 8 levels deep, 500 fields and list items ({@link ApiLimits}). A result beyond any of these is
 * left out whole, never cut, and {@code metadataOmitted} names the limit it broke: what the status
 * shows is all the worker said or nothing of it, and the run still counts, since its tables were
 * built and its keys and checks were read under limits of their own. Refusing the run instead
 * would rerun work that succeeded, for a field only people read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Materialization {

  @JsonPropertyDescription("The partition key materialized (empty for an unpartitioned asset).")
  private String partition;

  @JsonPropertyDescription("Name of the Job that ran it.")
  private String job;

  @JsonPropertyDescription("When the run finished (RFC 3339, UTC).")
  private String finishedAt;

  @JsonPropertyDescription("What the worker reported in its result, for example `items` and `objectKey`.")
  @PreserveUnknownFields
  private JsonNode metadata;

  @JsonPropertyDescription("Why `metadata` is left out: the worker's result broke a limit of what a status holds ("
      + ApiLimits.MAX_METADATA_BYTES + " bytes of JSON, " + ApiLimits.MAX_METADATA_DEPTH + " levels, "
      + ApiLimits.MAX_METADATA_ENTRIES + " fields and list items). The run itself counts.")
  private String metadataOmitted;

  public String getPartition() { return partition; }
  public void setPartition(String partition) { this.partition = partition; }
  public String getJob() { return job; }
  public void setJob(String job) { this.job = job; }
  public String getFinishedAt() { return finishedAt; }
  public void setFinishedAt(String finishedAt) { this.finishedAt = finishedAt; }
  public JsonNode getMetadata() { return metadata; }
  public void setMetadata(JsonNode metadata) { this.metadata = metadata; }
  public String getMetadataOmitted() { return metadataOmitted; }
  public void setMetadataOmitted(String metadataOmitted) { this.metadataOmitted = metadataOmitted; }
}
