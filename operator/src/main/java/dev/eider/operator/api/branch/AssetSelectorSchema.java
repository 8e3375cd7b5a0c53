package dev.eider.operator.api.branch;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.eider.operator.api.ApiLimits;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

/**
 * The CRD schema of {@code spec.assets.selector}, never instantiated: Kubernetes' LabelSelector
 * (the Java type stays fabric8's) with its lists and labels bounded, which the fabric8 model
 * cannot say. The selector is matched against every base asset on each sync.
 */
final class AssetSelectorSchema {

  @JsonProperty
  @Size(max = ApiLimits.MAX_BRANCH_ENTRIES)
  Map<String, String> matchLabels;

  @JsonProperty
  @Size(max = ApiLimits.MAX_BRANCH_ENTRIES)
  List<Requirement> matchExpressions;

  private AssetSelectorSchema() {}

  /** One of {@code matchExpressions}. */
  static final class Requirement {

    @JsonProperty
    String key;

    @JsonProperty
    String operator;

    @JsonProperty
    @Size(max = ApiLimits.MAX_BRANCH_ENTRIES)
    List<String> values;

    private Requirement() {}
  }
}
