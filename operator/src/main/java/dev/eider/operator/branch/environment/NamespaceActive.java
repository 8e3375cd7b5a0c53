package dev.eider.operator.branch.environment;

import dev.eider.operator.api.branch.BranchDeployment;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The namespace exists and is not being deleted: what lives in it can be created. */
public class NamespaceActive implements Condition<Namespace, BranchDeployment> {

  @Override
  public boolean isMet(DependentResource<Namespace, BranchDeployment> dependent, BranchDeployment primary,
                       Context<BranchDeployment> context) {
    return dependent.getSecondaryResource(primary, context)
        .map(namespace -> namespace.getStatus() != null && "Active".equals(namespace.getStatus().getPhase())
            && namespace.getMetadata().getDeletionTimestamp() == null)
        .orElse(false);
  }
}
