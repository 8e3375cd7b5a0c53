package dev.eider.operator.branch.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.branch.BranchDeploymentStatus;
import dev.eider.operator.platform.SpecProblem;
import dev.eider.operator.branch.status.BranchStatusBuilder.Outcome;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BranchStatusBuilderTest {

  static final Instant T1 = Instant.parse("2025-03-01T10:00:00Z");
  static final Instant T2 = Instant.parse("2025-03-01T11:00:00Z");

  @Test
  void readyNeedsNamespaceDatabaseAndAssets() {
    BranchDeploymentStatus waiting = new BranchStatusBuilder(null, 1, T1)
        .namespace("eider-x-1", new Outcome(true, "NamespaceActive", "ok"))
        .database(null, new Outcome(false, "Cloning", "cloning"))
        .assets(new Outcome(false, "WaitingForDatabase", "later"), List.of(), null, null)
        .build();
    assertThat(conditions(waiting).get("Ready").getStatus()).isEqualTo("False");
    assertThat(conditions(waiting).get("Ready").getMessage()).isEqualTo("waiting for DatabaseReady, AssetsSynced");
    assertThat(waiting.getObservedGeneration()).isEqualTo(1);

    BranchDeploymentStatus ready = new BranchStatusBuilder(waiting, 1, T2)
        .namespace("eider-x-1", new Outcome(true, "NamespaceActive", "ok"))
        .database(null, new Outcome(true, "Cloned", "cloned"))
        .assets(new Outcome(true, "Synced", "3 copied"), List.of(), "abc1234", "f1")
        .build();
    Map<String, Condition> conditions = conditions(ready);
    assertThat(conditions.get("Ready").getStatus()).isEqualTo("True");
    assertThat(conditions.get("NamespaceReady").getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(conditions.get("DatabaseReady").getLastTransitionTime()).isEqualTo(T2.toString());
    assertThat(ready.getSyncedCommit()).isEqualTo("abc1234");
  }

  @Test
  void anInvalidSpecTurnsReadyFalseAndKeepsTheRest() {
    BranchDeploymentStatus before = new BranchStatusBuilder(null, 1, T1)
        .namespace("eider-x-1", new Outcome(true, "NamespaceActive", "ok")).build();
    BranchDeploymentStatus invalid = new BranchStatusBuilder(before, 2, T2)
        .invalid(List.of(new SpecProblem("spec.ttl", "bad"))).build();
    assertThat(conditions(invalid).get("Ready").getReason()).isEqualTo("InvalidSpec");
    assertThat(conditions(invalid).get("Ready").getMessage()).isEqualTo("spec.ttl: bad");
    assertThat(conditions(invalid).get("NamespaceReady").getStatus()).isEqualTo("True");
    assertThat(invalid.getNamespace()).isEqualTo("eider-x-1");
  }

  private static Map<String, Condition> conditions(BranchDeploymentStatus status) {
    return status.getConditions().stream().collect(Collectors.toMap(Condition::getType, c -> c));
  }
}
