package dev.eider.operator.branch.assets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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

  /** The CRD's bounds, for selectors stored under an older CRD: 100 labels, 100 expressions, 100 values each. */
  @Test
  void selectorsLargerThanTheCrdAllowsAreReported() {
    LabelSelector atLimit = new LabelSelector();
    atLimit.setMatchLabels(IntStream.range(0, 100).boxed().collect(Collectors.toMap(i -> "l" + i, i -> "v")));
    atLimit.setMatchExpressions(IntStream.range(0, 100).mapToObj(i -> new LabelSelectorRequirement("k" + i, "In",
        IntStream.range(0, 100).mapToObj(v -> "v" + v).toList())).toList());
    assertThat(LabelSelectors.problems(atLimit, "spec.assets.selector")).isEmpty();

    LabelSelector over = new LabelSelector();
    over.setMatchLabels(IntStream.range(0, 101).boxed().collect(Collectors.toMap(i -> "l" + i, i -> "v")));
    over.setMatchExpressions(java.util.List.of(new LabelSelectorRequirement("k", "NotIn", IntStream.range(0, 101).mapToObj(v -> "v" + v).toList())));
    assertThat(LabelSelectors.problems(over, "spec.assets.selector")).containsExactly(
        "spec.assets.selector.matchLabels: has 101 labels, more than the 100 allowed",
        "spec.assets.selector.matchExpressions[0].values: has 101 entries, more than the 100 allowed");
    over.setMatchExpressions(IntStream.range(0, 101).mapToObj(i -> new LabelSelectorRequirement("k" + i, "Exists", null)).toList());
    assertThat(LabelSelectors.problems(over, "spec.assets.selector")).contains(
        "spec.assets.selector.matchExpressions: has 101 entries, more than the 100 allowed");
  }

  private static LabelSelector selector(String yaml) {
    return Serialization.unmarshal(yaml, LabelSelector.class);
  }
}
