package dev.eider.operator.branch.environment;

import dev.eider.operator.api.branch.BranchDeployment;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The branch namespace, owned by its BranchDeployment (a cluster-scoped owner of a cluster-scoped object). */
@KubernetesDependent(informer = @Informer(labelSelector = Environments.SELECTOR))
public class BranchNamespaceDependent extends CRUDKubernetesDependentResource<Namespace, BranchDeployment> {

  public BranchNamespaceDependent() {
    super(Namespace.class);
  }

  @Override
  protected Namespace desired(BranchDeployment primary, Context<BranchDeployment> context) {
    return Environments.of(context).namespace();
  }
}
