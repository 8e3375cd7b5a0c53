package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** The source an ingest asset reads. Bluesky is the only source so far; others become siblings of it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IngestSpec {

  @JsonPropertyDescription("Read from the Bluesky (AT Protocol) API: the public AppView, or a PDS when credentials are given.")
  @Required
  private BlueskySource bluesky;

  public BlueskySource getBluesky() { return bluesky; }
  public void setBluesky(BlueskySource bluesky) { this.bluesky = bluesky; }
}
