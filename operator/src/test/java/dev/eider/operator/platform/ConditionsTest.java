package dev.eider.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conditions built from the previous ones: the transition time moves only when the status flips. */
class ConditionsTest {

  static final Instant NOW = Instant.parse("2025-03-10T12:00:00.750Z");

  @Test
  void newConditionStartsNowInWholeUtcSeconds() {
    Condition ready = new Conditions(null, 4, NOW).set("Ready", true, "Materialized", "ok").build().get(0);

    assertThat(ready.getType()).isEqualTo("Ready");
    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getReason()).isEqualTo("Materialized");
    assertThat(ready.getMessage()).isEqualTo("ok");
    assertThat(ready.getObservedGeneration()).isEqualTo(4L);
    assertThat(ready.getLastTransitionTime()).isEqualTo("2025-03-10T12:00:00Z");
  }

  @Test
  void sameStatusKeepsTheTransitionTimeEvenWithANewReason() {
    List<Condition> previous = List.of(condition("Ready", "False", "2025-01-01T00:00:00Z"));

    Condition ready = new Conditions(previous, 5, NOW).set("Ready", false, "PartitionsFailed", "1 failed").build().get(0);

    assertThat(ready.getLastTransitionTime()).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(ready.getReason()).isEqualTo("PartitionsFailed");
    assertThat(ready.getObservedGeneration()).isEqualTo(5L);
  }

  @Test
  void flippedStatusMovesTheTransitionTime() {
    List<Condition> previous = List.of(condition("Ready", "False", "2025-01-01T00:00:00Z"));

    Conditions conditions = new Conditions(previous, 5, NOW).set("Ready", true, "Materialized", null);

    assertThat(conditions.build().get(0).getLastTransitionTime()).isEqualTo("2025-03-10T12:00:00Z");
    assertThat(conditions.build().get(0).getMessage()).isEmpty();
    assertThat(conditions.isTrue("Ready")).isTrue();
    assertThat(conditions.isTrue("Fresh")).isFalse();
  }

  @Test
  void conditionsNotSetAgainAreKeptInTheirOrder() {
    List<Condition> previous = List.of(condition("Ready", "True", "2025-01-01T00:00:00Z"),
        condition("Fresh", "True", "2025-01-02T00:00:00Z"));

    List<Condition> built = new Conditions(previous, 6, NOW).set("Blocked", false, "NotBlocked", "").set("Ready", true, "Materialized", "")
        .build();

    assertThat(built).extracting(Condition::getType).containsExactly("Ready", "Fresh", "Blocked");
    assertThat(built.get(1)).isEqualTo(previous.get(1));
  }

  @Test
  void previousConditionWithoutATransitionTimeGetsOne() {
    Condition previous = condition("Ready", "True", null);

    assertThat(new Conditions(List.of(previous), 1, NOW).set("Ready", true, "Materialized", "").build().get(0).getLastTransitionTime())
        .isEqualTo("2025-03-10T12:00:00Z");
  }

  static Condition condition(String type, String status, String transition) {
    return new ConditionBuilder().withType(type).withStatus(status).withReason("Before").withMessage("")
        .withLastTransitionTime(transition).withObservedGeneration(1L).build();
  }
}
