package dev.eider.operator.platform;

import dev.eider.operator.asset.run.NamespaceProfile;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The profiles of branch namespaces (those labelled {@value #BRANCH_LABEL}), from an informer so a
 * reconcile never has to GET its namespace. Other namespaces have no profile: operator defaults.
 */
@ApplicationScoped
public class NamespaceProfiles {

  public static final String BRANCH_LABEL = "eider.dev/branch-deployment";

  private final KubernetesClient client;
  private volatile SharedIndexInformer<Namespace> informer;

  public NamespaceProfiles(KubernetesClient client) {
    this.client = client;
  }

  public NamespaceProfile of(String namespace) {
    Namespace object = informer().getStore().getByKey(namespace);
    return object == null ? NamespaceProfile.NONE : NamespaceProfile.fromAnnotations(object.getMetadata().getAnnotations());
  }

  private SharedIndexInformer<Namespace> informer() {
    SharedIndexInformer<Namespace> current = informer;
    if (current == null) {
      synchronized (this) {
        if (informer == null) {
          informer = client.namespaces().withLabel(BRANCH_LABEL).inform();
        }
        current = informer;
      }
    }
    return current;
  }

  @PreDestroy
  void stop() {
    if (informer != null) {
      informer.close();
    }
  }
}
