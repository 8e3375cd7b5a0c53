package dev.eider.operator.workerjob;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Pod Security admission labels of a branch namespace: the same level enforced, warned and
 * audited, always against the cluster's latest policy version, so that a branch's pods are held to
 * what production's are even when its Assets ask for more (spec.worker runs unreviewed code).
 */
public final class PodSecurityLabels {

  static final String PREFIX = "pod-security.kubernetes.io/";
  static final Set<String> LEVELS = Set.of("privileged", "baseline", "restricted");

  private PodSecurityLabels() {}

  /** The labels for {@code level}; none when it is empty. */
  public static Map<String, String> of(Optional<String> level) {
    Map<String, String> labels = new LinkedHashMap<>();
    level.map(String::strip).filter(value -> !value.isEmpty()).ifPresent(value -> {
      for (String mode : new String[] {"enforce", "warn", "audit"}) {
        labels.put(PREFIX + mode, value);
        labels.put(PREFIX + mode + "-version", "latest");
      }
    });
    return labels;
  }

  /** Why {@code level} (eider.branch.pod-security) is not a Pod Security level, if it is not. */
  public static Optional<String> problem(Optional<String> level) {
    return level.map(String::strip).filter(value -> !value.isEmpty() && !LEVELS.contains(value))
        .map(value -> "eider.branch.pod-security is '" + value + "': set it to privileged, baseline or restricted, or to empty for no Pod Security labels");
  }
}
