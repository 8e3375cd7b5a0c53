package dev.eider.operator.branch.environment;

import dev.eider.operator.api.branch.BranchDeployment;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The branch namespace's ResourceQuota, from the operator's configuration (absent when it is turned off). */
@KubernetesDependent(informer = @Informer(labelSelector = Environments.SELECTOR))
public class BranchQuotaDependent extends CRUDKubernetesDependentResource<ResourceQuota, BranchDeployment> {

  public BranchQuotaDependent() {
    super(ResourceQuota.class);
  }

  @Override
  protected ResourceQuota desired(BranchDeployment primary, Context<BranchDeployment> context) {
    BranchEnvironment environment = Environments.of(context);
    return environment.quota().orElseGet(() -> environment.placeholder(new ResourceQuota(), BranchEnvironment.QUOTA_NAME));
  }

  /** Reconcile precondition: the configuration asks for a quota. */
  public static class Wanted implements Condition<ResourceQuota, BranchDeployment> {
    @Override
    public boolean isMet(DependentResource<ResourceQuota, BranchDeployment> dependent, BranchDeployment primary,
                         Context<BranchDeployment> context) {
      return Environments.of(context).quota().isPresent();
    }
  }
}
