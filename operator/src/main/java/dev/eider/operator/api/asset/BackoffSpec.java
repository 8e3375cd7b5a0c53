package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.eider.operator.api.ApiPatterns;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Exponential backoff with jitter: wait = min(max, initial * multiplier^(attempt-1)) * (1 +- jitter). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackoffSpec {

  @JsonPropertyDescription("Wait before the second attempt, a duration such as `30s` or `2m`. Default `30s`.")
  @Default("30s")
  @Pattern(ApiPatterns.DURATION)
  private String initial;

  @JsonPropertyDescription("Factor the wait grows by after each attempt, at least 1. Default 2.")
  @Default("2")
  @Min(1)
  @Max(10)
  private Double multiplier;

  @JsonPropertyDescription("Longest wait between two attempts. Default `10m`.")
  @Default("10m")
  @Pattern(ApiPatterns.DURATION)
  private String max;

  @JsonPropertyDescription("Random spread applied to each wait, as a fraction: 0.2 means +-20%. Default 0.2.")
  @Default("0.2")
  @Min(0)
  @Max(1)
  private Double jitter;

  public String getInitial() { return initial; }
  public void setInitial(String initial) { this.initial = initial; }
  public Double getMultiplier() { return multiplier; }
  public void setMultiplier(Double multiplier) { this.multiplier = multiplier; }
  public String getMax() { return max; }
  public void setMax(String max) { this.max = max; }
  public Double getJitter() { return jitter; }
  public void setJitter(Double jitter) { this.jitter = jitter; }
}
