package dev.eider.operator.branch.environment;

import dev.eider.operator.workerjob.PodSecurityLabels;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.branch.BranchFixtures;
import dev.eider.operator.branch.BranchLabels;
import dev.eider.operator.branch.BranchNames;
import dev.eider.operator.branch.database.StagingDatabase;
import dev.eider.operator.platform.Labels;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The operator may delete any namespace as far as RBAC goes (RBAC cannot select by label): only
 * namespaces a BranchDeployment created, owned by it and labelled by the operator, are ever its own,
 * and the teardown deletes nothing else.
 */
class NamespaceOwnershipTest {

  final BranchDeployment deployment = BranchFixtures.sample();
  final BranchNames names = BranchNames.of("feature/top-links");

  @Test
  void theNamespaceABranchCreatedIsItsOwn() {
    assertThat(EnvironmentStep.createdBy(created(), deployment)).isTrue();
  }

  @Test
  void anOwnerReferenceAloneIsNotEnough() {
    Namespace unlabelled = new NamespaceBuilder(created()).editMetadata().withLabels(Map.of()).endMetadata().build();
    assertThat(EnvironmentStep.createdBy(unlabelled, deployment)).isFalse();
    Namespace notManaged = new NamespaceBuilder(created()).editMetadata().removeFromLabels(Labels.MANAGED_BY).endMetadata().build();
    assertThat(EnvironmentStep.createdBy(notManaged, deployment)).isFalse();
    Namespace otherBranch = new NamespaceBuilder(created()).editMetadata()
        .addToLabels(BranchLabels.BRANCH_DEPLOYMENT, "someone-else").endMetadata().build();
    assertThat(EnvironmentStep.createdBy(otherBranch, deployment)).isFalse();
  }

  @Test
  void theLabelsAloneAreNotEnough() {
    Namespace noOwner = new NamespaceBuilder(created()).editMetadata().withOwnerReferences(List.of()).endMetadata().build();
    assertThat(EnvironmentStep.createdBy(noOwner, deployment)).isFalse();
    Namespace otherOwner = new NamespaceBuilder(created()).editMetadata().editFirstOwnerReference().withUid("another-uid")
        .endOwnerReference().endMetadata().build();
    assertThat(EnvironmentStep.createdBy(otherOwner, deployment)).isFalse();
  }

  @Test
  void aNamespaceWithNoLabelsAtAllIsNeverOwn() {
    Namespace bare = new NamespaceBuilder().withNewMetadata().withName(names.namespace())
        .addNewOwnerReference().withUid(deployment.getMetadata().getUid()).endOwnerReference().endMetadata().build();
    assertThat(EnvironmentStep.createdBy(bare, deployment)).isFalse();
  }

  /** The namespace as the dependent creates it: the desired object, with the ownerReference JOSDK adds. */
  private Namespace created() {
    var database = (StagingDatabase.Target) StagingDatabase.decide("/data/bluesky.duckdb", List.of(), names);
    var settings = new BranchEnvironment.Settings("eider-worker", "raw", Map.of(), Map.of(), Map.of(),
        PodSecurityLabels.of(Optional.of("restricted")), List.of("eider-branch-storage"));
    Namespace desired = BranchEnvironment.of(deployment, names, database, settings, "raw", name -> Optional.empty()).namespace();
    return new NamespaceBuilder(desired).editMetadata().addNewOwnerReference().withApiVersion("eider.dev/v1alpha1")
        .withKind("BranchDeployment").withName(deployment.getMetadata().getName()).withUid(deployment.getMetadata().getUid())
        .endOwnerReference().endMetadata().build();
  }
}
