package dev.eider.operator.platform;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** Controller owner references: what the operator creates is collected with the resource it serves. */
public final class OwnerReferences {

  private OwnerReferences() {}

  /**
   * @param blockOwnerDeletion whether foreground deletion of the owner waits for this object
   */
  public static OwnerReference controller(HasMetadata owner, boolean blockOwnerDeletion) {
    return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(blockOwnerDeletion).build();
  }
}
