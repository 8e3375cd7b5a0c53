package dev.eider.operator.branch.environment;

import dev.eider.operator.api.branch.BranchDeployment;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The branch namespace's LimitRange: container defaults, so pods fit the quota without asking. */
@KubernetesDependent(informer = @Informer(labelSelector = Environments.SELECTOR))
public class BranchLimitRangeDependent extends CRUDKubernetesDependentResource<LimitRange, BranchDeployment> {

  public BranchLimitRangeDependent() {
    super(LimitRange.class);
  }

  @Override
  protected LimitRange desired(BranchDeployment primary, Context<BranchDeployment> context) {
    BranchEnvironment environment = Environments.of(context);
    return environment.limits().orElseGet(() -> environment.placeholder(new LimitRange(), BranchEnvironment.LIMITS_NAME));
  }

  /** Reconcile precondition: the configuration asks for a LimitRange. */
  public static class Wanted implements Condition<LimitRange, BranchDeployment> {
    @Override
    public boolean isMet(DependentResource<LimitRange, BranchDeployment> dependent, BranchDeployment primary,
                         Context<BranchDeployment> context) {
      return Environments.of(context).limits().isPresent();
    }
  }
}
