package dev.eider.operator.branch.environment;

import dev.eider.operator.api.branch.BranchDeployment;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** One RoleBinding of {@code spec.access}'s groups and users to its ClusterRole (default {@code edit}); deleted when access is emptied. */
@KubernetesDependent(informer = @Informer(labelSelector = Environments.SELECTOR))
public class AccessRoleBindingDependent extends CRUDKubernetesDependentResource<RoleBinding, BranchDeployment> {

  public AccessRoleBindingDependent() {
    super(RoleBinding.class);
  }

  @Override
  protected RoleBinding desired(BranchDeployment primary, Context<BranchDeployment> context) {
    BranchEnvironment environment = Environments.of(context);
    return environment.access().orElseGet(() -> environment.placeholder(new RoleBinding(), BranchEnvironment.ACCESS_NAME));
  }

  /** Reconcile precondition: someone is granted access. */
  public static class Wanted implements Condition<RoleBinding, BranchDeployment> {
    @Override
    public boolean isMet(DependentResource<RoleBinding, BranchDeployment> dependent, BranchDeployment primary,
                         Context<BranchDeployment> context) {
      return Environments.of(context).access().isPresent();
    }
  }
}
