package dev.eider.operator.api.branch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** A pull (merge) request on the git host. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PullRequestRef {

  @JsonPropertyDescription("Pull request number.")
  @Min(1)
  private Long number;

  @JsonPropertyDescription("Web address of the pull request.")
  @Pattern("^https?://.+$")
  private String url;

  public Long getNumber() { return number; }
  public void setNumber(Long number) { this.number = number; }
  public String getUrl() { return url; }
  public void setUrl(String url) { this.url = url; }
}
