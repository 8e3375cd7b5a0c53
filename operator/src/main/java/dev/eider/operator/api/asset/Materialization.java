package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

/** One successful run and what its worker reported. */
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

  public String getPartition() { return partition; }
  public void setPartition(String partition) { this.partition = partition; }
  public String getJob() { return job; }
  public void setJob(String job) { this.job = job; }
  public String getFinishedAt() { return finishedAt; }
  public void setFinishedAt(String finishedAt) { this.finishedAt = finishedAt; }
  public JsonNode getMetadata() { return metadata; }
  public void setMetadata(JsonNode metadata) { this.metadata = metadata; }
}
