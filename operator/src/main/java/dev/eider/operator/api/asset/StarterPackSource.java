package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.eider.operator.api.ApiPatterns;
import io.fabric8.generator.annotation.Pattern;

/** A starter pack to snapshot. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StarterPackSource {

  @JsonPropertyDescription("AT-URI of the starter pack, `at://<did>/app.bsky.graph.starterpack/<rkey>`. Omitted: each static partition key is the URI.")
  @Pattern(ApiPatterns.AT_URI)
  private String uri;

  public String getUri() { return uri; }
  public void setUri(String uri) { this.uri = uri; }
}
