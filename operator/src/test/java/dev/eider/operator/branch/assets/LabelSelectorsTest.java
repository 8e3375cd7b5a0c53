package dev.eider.operator.branch.assets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorsTest {

  @Test
  void matchLabelsAndExpressionsAllHaveToHold() {
    LabelSelector selector = selector("""
        matchLabels: {team: data}
        matchExpressions:
          - {key: tier, operator: In, values: [gold, silver]}
          - {key: legacy, operator: DoesNotExist}
        """);
    assertThat(LabelSelectors.matches(selector, Map.of("team", "data", "tier", "gold"))).isTrue();
    assertThat(LabelSelectors.matches(selector, Map.of("team", "data", "tier", "bronze"))).isFalse();
    assertThat(LabelSelectors.matches(selector, Map.of("team", "data", "tier", "gold", "legacy", "yes"))).isFalse();
    assertThat(LabelSelectors.matches(selector, null)).isFalse();
  }

  @Test
  void anAbsentOrEmptySelectorMatchesEverything() {
    assertThat(LabelSelectors.matches(null, Map.of())).isTrue();
    assertThat(LabelSelectors.matches(new LabelSelector(), Map.of("a", "b"))).isTrue();
  }

  @Test
  void malformedRequirementsAreReportedWithTheirPath() {
    LabelSelector selector = selector("""
        matchExpressions:
          - {key: tier, operator: In}
          - {key: x, operator: Like, values: [a]}
          - {key: y, operator: Exists, values: [a]}
        """);
    assertThat(LabelSelectors.problems(selector, "spec.assets.selector")).containsExactly(
        "spec.assets.selector.matchExpressions[0].values: In needs at least one value",
        "spec.assets.selector.matchExpressions[1].operator: must be one of In, NotIn, Exists, DoesNotExist",
        "spec.assets.selector.matchExpressions[2].values: Exists takes no values");
  }

  private static LabelSelector selector(String yaml) {
    return Serialization.unmarshal(yaml, LabelSelector.class);
  }
}
