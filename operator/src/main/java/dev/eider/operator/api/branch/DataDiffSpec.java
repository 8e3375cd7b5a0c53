package dev.eider.operator.api.branch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The branch's data diff: an asset the operator adds to the branch that compares its rebuilt tables with production's. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataDiffSpec {

  @JsonPropertyDescription("Whether the branch gets a data diff (asset `eider-data-diff`) once it rebuilds a transform. Default true.")
  private Boolean enabled;

  public Boolean getEnabled() { return enabled; }
  public void setEnabled(Boolean enabled) { this.enabled = enabled; }

  public static boolean enabled(DataDiffSpec spec) {
    return spec == null || spec.getEnabled() == null || spec.getEnabled();
  }
}
