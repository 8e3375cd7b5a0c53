package dev.eider.operator.platform;

import dev.eider.operator.warehouse.NamespaceStorage;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Where each namespace's runs write ({@link NamespaceStorage}), from an informer on every namespace
 * so a reconcile never has to GET its namespace. A namespace the informer does not hold is not
 * placed at all (fail closed): its Assets launch nothing until it is.
 */
@ApplicationScoped
public class NamespaceProfiles {

  public static final String BRANCH_LABEL = NamespaceStorage.BRANCH_LABEL;

  private final KubernetesClient client;
  private final NamespaceStorage storage;
  private volatile SharedIndexInformer<Namespace> informer;

  public NamespaceProfiles(KubernetesClient client, EiderConfig config) {
    this.client = client;
    this.storage = new NamespaceStorage(config);
  }

  public NamespaceStorage.Placement of(String namespace) {
    return storage.place(namespace, Optional.ofNullable(informer().getStore().getByKey(namespace)));
  }

  private SharedIndexInformer<Namespace> informer() {
    SharedIndexInformer<Namespace> current = informer;
    if (current == null) {
      synchronized (this) {
        if (informer == null) {
          informer = client.namespaces().inform();
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
