package dev.eider.operator.branch.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.branch.BranchEvent;
import dev.eider.operator.branch.BranchNames;
import dev.eider.operator.platform.EventReason;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A teardown drops the staging database derived from the branch and the configuration, whatever the status says. */
class DropTargetTest {

  static final String PRODUCTION = "s3://eider/raw/warehouse/prod.duckdb";
  final BranchNames names = BranchNames.of("feature/x");
  final String staging = "s3://eider/raw/warehouse/prod_br_feature_x_" + names.hash() + ".duckdb";

  @Test
  void theDerivedDatabaseIsDroppedAndAMatchingStatusIsNotReported() {
    DropTarget.Decision decision = DropTarget.decide(names, PRODUCTION, List.of(), Optional.of(staging), List.of());
    assertThat(decision.database()).contains(staging);
    assertThat(decision.refused()).isEmpty();
    assertThat(decision.ignoredStatus()).isEmpty();
  }

  @Test
  void aStatusNamingAnotherDatabaseIsIgnoredAndReported() {
    // Production spelled differently, and another branch's database: whoever writes the status chose them.
    for (String forged : List.of("s3://eider/raw/warehouse/../warehouse/prod.duckdb", "s3://eider/raw/warehouse/prod.duckdb",
        "s3://eider/raw/warehouse/prod_br_other_12345678.duckdb", "md:prod")) {
      DropTarget.Decision decision = DropTarget.decide(names, PRODUCTION, List.of(), Optional.of(forged), List.of());
      assertThat(decision.database()).as(forged).contains(staging);
      assertThat(decision.ignoredStatus()).as(forged).contains(forged);
    }
  }

  @Test
  void noStatusStillDropsTheDerivedDatabase() {
    assertThat(DropTarget.decide(names, PRODUCTION, List.of(), Optional.empty(), List.of()).database()).contains(staging);
  }

  @Test
  void aDerivedDatabaseThatIsProtectedIsNeverDropped() {
    DropTarget.Decision decision = DropTarget.decide(names, PRODUCTION, List.of(staging), Optional.of(staging), List.of());
    assertThat(decision.database()).isEmpty();
    assertThat(decision.refused()).map(BranchEvent::reason).contains(EventReason.ProductionTarget);
  }

  @Test
  void aDatabaseAnotherLiveBranchDeploymentOfTheSameBranchUsesIsKept() {
    DropTarget.Decision decision = DropTarget.decide(names, PRODUCTION, List.of(), Optional.empty(), List.of("x-again"));
    assertThat(decision.database()).isEmpty();
    assertThat(decision.refused()).map(BranchEvent::reason).contains(EventReason.DatabaseKept);
    assertThat(decision.refused()).map(BranchEvent::message)
        .contains(staging + " is also the staging database of BranchDeployment x-again (same branch); not dropped");
  }
}
