package dev.eider.operator.branch;

import dev.eider.operator.platform.TestEiderConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.api.branch.BranchDeploymentSpec;
import dev.eider.operator.platform.SpecProblem;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What a BranchDeployment's creator may name is the cluster admin's choice: base namespaces and access roles. */
class BranchTrustTest {

  /** The operator's defaults: no configured base, roles view and edit, running in eider-system. */
  final BranchTrust defaults = BranchTrust.from(TestEiderConfig.with(Map.of()), Optional.of("eider-system"));

  @Test
  void aLabelledBaseAndAnAllowedRoleAreAccepted() {
    assertThat(defaults.check(spec("bluesky", "edit"), namespaces(labelled("bluesky")))).isEmpty();
    assertThat(defaults.check(spec("bluesky", "view"), namespaces(labelled("bluesky")))).isEmpty();
    assertThat(defaults.check(spec("bluesky", null), namespaces(labelled("bluesky")))).as("role omitted: edit").isEmpty();
  }

  @Test
  void aConfiguredBaseNeedsNoLabel() {
    BranchTrust configured = BranchTrust.from(TestEiderConfig.with(Map.of("eider.branch.base-namespaces", "bluesky,analytics")),
        Optional.empty());
    assertThat(configured.check(spec("bluesky", "edit"), namespaces(plain("bluesky")))).isEmpty();
    assertThat(configured.check(spec("analytics", "edit"), name -> Optional.empty())).as("not created yet").isEmpty();
    assertThat(configured.check(spec("team-b", "edit"), namespaces(plain("team-b")))).extracting(SpecProblem::field)
        .containsExactly("spec.baseNamespace");
  }

  @Test
  void anUnlabelledNamespaceNotInTheConfigurationIsRefused() {
    assertThat(defaults.check(spec("payments", "edit"), namespaces(plain("payments")))).containsExactly(new SpecProblem(
        "spec.baseNamespace", "'payments' is not a base namespace the cluster admin allowed: label the namespace"
        + " eider.dev/branch-base=true or list it in eider.branch.base-namespaces"));
    Namespace otherValue = labelled("payments");
    otherValue.getMetadata().getLabels().put(BranchLabels.BASE_NAMESPACE, "false");
    assertThat(defaults.check(spec("payments", "edit"), namespaces(otherValue))).hasSize(1);
    assertThat(defaults.check(spec("payments", "edit"), name -> Optional.empty())).as("a namespace that does not exist").hasSize(1);
  }

  @Test
  void systemNamespacesAreRefusedEvenWhenLabelledOrConfigured() {
    BranchTrust permissive = BranchTrust.from(TestEiderConfig.with(Map.of("eider.branch.base-namespaces", "kube-system,kube-public,kube-node-lease")),
        Optional.of("eider-system"));
    for (String system : List.of("kube-system", "kube-public", "kube-node-lease")) {
      assertThat(permissive.check(spec(system, "edit"), namespaces(labelled(system)))).containsExactly(
          new SpecProblem("spec.baseNamespace", "'" + system + "' is a system namespace; it is never a branch's base"));
    }
  }

  @Test
  void theOperatorsOwnNamespaceIsRefused() {
    BranchTrust configured = BranchTrust.from(TestEiderConfig.with(Map.of("eider.branch.base-namespaces", "eider-system")),
        Optional.of("eider-system"));
    assertThat(configured.check(spec("eider-system", "edit"), namespaces(labelled("eider-system")))).containsExactly(
        new SpecProblem("spec.baseNamespace", "'eider-system' is the operator's own namespace; it is never a branch's base"));
  }

  @Test
  void anotherBranchsNamespaceIsRefusedEvenWhenLabelledOrConfigured() {
    String other = BranchNames.of("feature/other").namespace();
    Namespace branch = labelled(other);
    branch.getMetadata().getLabels().put(BranchLabels.BRANCH_DEPLOYMENT, "other-branch");
    BranchTrust configured = BranchTrust.from(TestEiderConfig.with(Map.of("eider.branch.base-namespaces", other)), Optional.empty());
    assertThat(configured.check(spec(other, "edit"), namespaces(branch))).containsExactly(new SpecProblem("spec.baseNamespace",
        "'" + other + "' is the namespace of BranchDeployment other-branch; a branch is never based on another branch"));
  }

  @Test
  void theAdminRoleIsRefusedByDefaultAndAllowedWhenConfigured() {
    assertThat(defaults.check(spec("bluesky", "admin"), namespaces(labelled("bluesky")))).containsExactly(new SpecProblem(
        "spec.access.role", "'admin' is not a role branches may grant; the cluster admin allows view, edit (eider.branch.access-roles)"));
    BranchTrust withAdmin = BranchTrust.from(TestEiderConfig.with(Map.of("eider.branch.access-roles", "view,edit,admin")), Optional.empty());
    assertThat(withAdmin.check(spec("bluesky", "admin"), namespaces(labelled("bluesky")))).isEmpty();
    BranchTrust viewOnly = BranchTrust.from(TestEiderConfig.with(Map.of("eider.branch.access-roles", "view")), Optional.empty());
    assertThat(viewOnly.check(spec("bluesky", null), namespaces(labelled("bluesky")))).extracting(SpecProblem::field)
        .as("the default role edit is not allowed either").containsExactly("spec.access.role");
  }

  @Test
  void theAttackFromTheIssueIsRefusedOnBothCounts() {
    BranchDeployment attack = BranchFixtures.of(BranchFixtures.SAMPLE
        .replace("baseNamespace: bluesky", "baseNamespace: kube-system")
        .replace("access: {groups: [data-team], users: [alice@example.com]}", "access: {users: [mallory], role: admin}"));
    assertThat(defaults.check(attack.getSpec(), namespaces(plain("kube-system")))).extracting(SpecProblem::field)
        .containsExactly("spec.baseNamespace", "spec.access.role");
  }

  private static BranchDeploymentSpec spec(String base, String role) {
    BranchDeploymentSpec spec = BranchFixtures.sample().getSpec();
    spec.setBaseNamespace(base);
    spec.getAccess().setRole(role);
    return spec;
  }

  private static Function<String, Optional<Namespace>> namespaces(Namespace... existing) {
    return name -> List.of(existing).stream().filter(ns -> ns.getMetadata().getName().equals(name)).findFirst();
  }

  private static Namespace labelled(String name) {
    return new NamespaceBuilder().withNewMetadata().withName(name).addToLabels(BranchLabels.BASE_NAMESPACE, "true").endMetadata().build();
  }

  private static Namespace plain(String name) {
    return new NamespaceBuilder().withNewMetadata().withName(name).addToLabels("team", "payments").endMetadata().build();
  }
}
