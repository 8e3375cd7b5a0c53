package dev.eider.operator.branch.environment;

import dev.eider.operator.api.branch.BranchDeployment;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The ServiceAccount the branch's worker pods run as: no API token (workers never call Kubernetes). */
@KubernetesDependent(informer = @Informer(labelSelector = Environments.SELECTOR))
public class WorkerServiceAccountDependent extends CRUDKubernetesDependentResource<ServiceAccount, BranchDeployment> {

  public WorkerServiceAccountDependent() {
    super(ServiceAccount.class);
  }

  @Override
  protected ServiceAccount desired(BranchDeployment primary, Context<BranchDeployment> context) {
    return Environments.of(context).serviceAccount();
  }
}
