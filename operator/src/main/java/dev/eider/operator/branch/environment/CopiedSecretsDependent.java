package dev.eider.operator.branch.environment;

import dev.eider.operator.api.branch.BranchDeployment;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Copies of the allow-listed Secrets of the base namespace, kept equal to their sources; a copy
 * whose name leaves the allow-list is deleted. Only this dependent's own informer (Secrets labelled
 * as a branch's) counts as existing copies, and only labelled Secrets in the branch namespace are
 * ever deleted: the base namespace's Secrets, seen by another informer, are never touched.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Environments.SELECTOR))
public class CopiedSecretsDependent extends KubernetesDependentResource<Secret, BranchDeployment>
    implements CRUDKubernetesBulkDependentResource<Secret, BranchDeployment>, KubernetesBulkDependentResource<Secret, BranchDeployment>,
    GarbageCollected<BranchDeployment> {

  public CopiedSecretsDependent() {
    super(Secret.class);
  }

  @Override
  public Map<ResourceID, Secret> desiredResources(BranchDeployment primary, Context<BranchDeployment> context) {
    return Environments.of(context).secrets().values().stream()
        .collect(Collectors.toMap(ResourceID::fromResource, Function.identity()));
  }

  @Override
  public Map<ResourceID, Secret> getSecondaryResources(BranchDeployment primary, Context<BranchDeployment> context) {
    String namespace = Environments.of(context).namespace().getMetadata().getName();
    return eventSource().orElseThrow().getSecondaryResources(primary).stream()
        .filter(secret -> namespace.equals(secret.getMetadata().getNamespace()) && Environments.createdFor(secret, primary))
        .collect(Collectors.toMap(ResourceID::fromResource, Function.identity()));
  }

  @Override
  public void deleteTargetResource(BranchDeployment primary, Secret resource, ResourceID key, Context<BranchDeployment> context) {
    if (Environments.createdFor(resource, primary)) {
      super.deleteTargetResource(primary, resource, key, context);
    }
  }
}
