package dev.eider.operator.branch.environment;

import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.branch.BranchLabels;
import dev.eider.operator.platform.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** How the workflow's dependents get the {@link BranchEnvironment} the reconcile decided. */
final class Environments {

  /** Informers of the dependents see only what branches created. */
  static final String SELECTOR = Labels.MANAGED_SELECTOR + "," + BranchLabels.BRANCH_DEPLOYMENT;

  private Environments() {}

  static BranchEnvironment of(Context<BranchDeployment> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(BranchEnvironment.CONTEXT_KEY, BranchEnvironment.class);
  }

  /** Whether {@code object} was created for {@code deployment} (its label), never something else of the same name. */
  static boolean createdFor(HasMetadata object, BranchDeployment deployment) {
    return object.getMetadata().getLabels() != null
        && BranchLabels.labelValue(deployment.getMetadata().getName()).equals(object.getMetadata().getLabels().get(BranchLabels.BRANCH_DEPLOYMENT));
  }
}
