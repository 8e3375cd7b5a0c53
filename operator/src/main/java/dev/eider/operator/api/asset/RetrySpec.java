package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Retries of a failed partition run, owned by the operator (Jobs run with backoffLimit 0). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetrySpec {

  @JsonPropertyDescription("Attempts in all, the first included: 1 means never retry. Default 3.")
  @Default("3")
  @Min(1)
  @Max(100)
  private Integer maxAttempts;

  @JsonPropertyDescription("Wait between attempts.")
  private BackoffSpec backoff;

  public Integer getMaxAttempts() { return maxAttempts; }
  public void setMaxAttempts(Integer maxAttempts) { this.maxAttempts = maxAttempts; }
  public BackoffSpec getBackoff() { return backoff; }
  public void setBackoff(BackoffSpec backoff) { this.backoff = backoff; }
}
