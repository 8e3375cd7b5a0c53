package dev.eider.operator.branch.assets;

import dev.eider.operator.api.ApiLimits;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Kubernetes label selectors ({@code matchLabels} and {@code matchExpressions}) matched against an object's labels. */
public final class LabelSelectors {

  private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

  private LabelSelectors() {}

  /** Whether {@code labels} match; an absent or empty selector matches everything. */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    Map<String, String> actual = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> wanted : selector.getMatchLabels().entrySet()) {
        if (!wanted.getValue().equals(actual.get(wanted.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
        if (!matches(requirement, actual)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (requirement.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> false;
    };
  }

  /**
   * What is wrong with a selector, one message per requirement, with its field path under
   * {@code path}. The sizes are the CRD's too; a selector stored under an older CRD did not meet them.
   */
  public static List<String> problems(LabelSelector selector, String path) {
    List<String> problems = new ArrayList<>();
    if (selector == null) {
      return problems;
    }
    if (selector.getMatchLabels() != null && selector.getMatchLabels().size() > ApiLimits.MAX_BRANCH_ENTRIES) {
      problems.add(path + ".matchLabels: has " + selector.getMatchLabels().size() + " labels, more than the "
          + ApiLimits.MAX_BRANCH_ENTRIES + " allowed");
    }
    if (selector.getMatchExpressions() == null) {
      return problems;
    }
    if (selector.getMatchExpressions().size() > ApiLimits.MAX_BRANCH_ENTRIES) {
      problems.add(path + ".matchExpressions: has " + selector.getMatchExpressions().size() + " entries, more than the "
          + ApiLimits.MAX_BRANCH_ENTRIES + " allowed");
      return problems;
    }
    for (int i = 0; i < selector.getMatchExpressions().size(); i++) {
      LabelSelectorRequirement requirement = selector.getMatchExpressions().get(i);
      String at = path + ".matchExpressions[" + i + "]";
      if (requirement.getKey() == null || requirement.getKey().isBlank()) {
        problems.add(at + ".key: required");
      }
      String operator = requirement.getOperator();
      if (operator == null || !OPERATORS.contains(operator)) {
        problems.add(at + ".operator: must be one of In, NotIn, Exists, DoesNotExist");
        continue;
      }
      boolean hasValues = requirement.getValues() != null && !requirement.getValues().isEmpty();
      if (hasValues && requirement.getValues().size() > ApiLimits.MAX_BRANCH_ENTRIES) {
        problems.add(at + ".values: has " + requirement.getValues().size() + " entries, more than the " + ApiLimits.MAX_BRANCH_ENTRIES
            + " allowed");
      }
      if ((operator.equals("In") || operator.equals("NotIn")) && !hasValues) {
        problems.add(at + ".values: " + operator + " needs at least one value");
      }
      if ((operator.equals("Exists") || operator.equals("DoesNotExist")) && hasValues) {
        problems.add(at + ".values: " + operator + " takes no values");
      }
    }
    return problems;
  }
}
