package dev.eider.operator.platform;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a status's conditions from the previous ones: a condition's lastTransitionTime moves only
 * when its status flips, and conditions not set again are kept as they were.
 */
public final class Conditions {

  public static final String TRUE = "True";
  public static final String FALSE = "False";

  private final Map<String, Condition> byType = new LinkedHashMap<>();
  private final long generation;
  private final Instant now;

  public Conditions(List<Condition> previous, long generation, Instant now) {
    if (previous != null) {
      previous.forEach(condition -> byType.put(condition.getType(), condition));
    }
    this.generation = generation;
    this.now = now;
  }

  public Conditions set(String type, boolean status, String reason, String message) {
    String value = status ? TRUE : FALSE;
    Condition old = byType.get(type);
    String transition = old != null && value.equals(old.getStatus()) && old.getLastTransitionTime() != null
        ? old.getLastTransitionTime()
        : now.truncatedTo(ChronoUnit.SECONDS).toString();
    byType.put(type, new ConditionBuilder().withType(type).withStatus(value).withReason(reason)
        .withMessage(message == null ? "" : message).withObservedGeneration(generation)
        .withLastTransitionTime(transition).build());
    return this;
  }

  public boolean isTrue(String type) {
    Condition condition = byType.get(type);
    return condition != null && TRUE.equals(condition.getStatus());
  }

  public List<Condition> build() {
    return new ArrayList<>(byType.values());
  }
}
