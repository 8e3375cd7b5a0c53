package dev.eider.operator.ui;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.asset.AssetCaches;
import dev.eider.operator.asset.AssetReconciler;
import dev.eider.operator.branch.BranchDeploymentReconciler;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The UI's view over the operator's own informers: the asset controller's Assets and state
 * ConfigMaps and the branch controller's BranchDeployments. These informers run on every replica,
 * standby or leader. Events about Assets are the one thing no controller caches: one informer per
 * namespace that has Assets, started when its first page is shown and field-selected to Events
 * about Assets (the API server expires Events after an hour, so it stays small).
 */
@Singleton
public class OperatorClusterView implements ClusterView {

  private static final Logger LOG = Logger.getLogger(OperatorClusterView.class);
  private static final int EVENTS_SHOWN = 50;

  private final AssetReconciler assetController;
  /** Absent with eider.branch.enabled=false (the controller is then never looked up, see its class). */
  private final Optional<BranchDeploymentReconciler> branchController;
  private final KubernetesClient client;
  private final Map<String, SharedIndexInformer<Event>> eventInformers = new ConcurrentHashMap<>();

  public OperatorClusterView(AssetReconciler assetController, Instance<BranchDeploymentReconciler> branchController,
                             KubernetesClient client) {
    this.assetController = assetController;
    this.branchController = branchController.isResolvable() ? Optional.of(branchController.get()) : Optional.empty();
    this.client = client;
  }

  @Override
  public boolean ready() {
    return assetController.caches().isPresent();
  }

  private AssetCaches caches() {
    return assetController.caches().orElseThrow(() -> new IllegalStateException("the asset controller's caches are not ready"));
  }

  @Override
  public List<Asset> assets() {
    return caches().assets().list().toList();
  }

  @Override
  public List<Asset> assets(String namespace) {
    return caches().assets().list(namespace).toList();
  }

  @Override
  public Optional<Asset> asset(String namespace, String name) {
    return caches().assets().get(new ResourceID(name, namespace));
  }

  @Override
  public Optional<ConfigMap> configMap(String namespace, String name) {
    return caches().configMaps().get(namespace, name);
  }

  @Override
  public List<BranchDeployment> branches() {
    return branchController.flatMap(BranchDeploymentReconciler::deployments).map(cache -> cache.list().toList()).orElse(List.of());
  }

  @Override
  public Optional<BranchDeployment> branch(String name) {
    return branchController.flatMap(BranchDeploymentReconciler::deployments).flatMap(cache -> cache.get(new ResourceID(name)));
  }

  @Override
  public List<Event> assetEvents(String namespace, String asset) {
    SharedIndexInformer<Event> informer;
    try {
      informer = eventInformers.computeIfAbsent(namespace, ns -> client.v1().events().inNamespace(ns)
          .withField("involvedObject.kind", "Asset").inform());
    } catch (RuntimeException e) {
      // RBAC or a flaky API server: the page shows what it has and says Events are unavailable.
      LOG.warnf("cannot watch Events in namespace %s: %s", namespace, e.getMessage());
      throw new EventsUnavailable(namespace);
    }
    return informer.getStore().list().stream()
        .filter(event -> event.getInvolvedObject() != null && asset.equals(event.getInvolvedObject().getName()))
        .sorted(Comparator.comparing(OperatorClusterView::when).reversed())
        .limit(EVENTS_SHOWN)
        .toList();
  }

  static Instant when(Event event) {
    String time = event.getLastTimestamp() != null ? event.getLastTimestamp()
        : event.getEventTime() != null ? event.getEventTime().getTime()
        : event.getMetadata().getCreationTimestamp();
    try {
      return time == null ? Instant.EPOCH : Instant.parse(time);
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }

  @PreDestroy
  void stop() {
    eventInformers.values().forEach(SharedIndexInformer::stop);
  }

  /** Events could not be watched in a namespace; the asset page shows everything else. */
  static final class EventsUnavailable extends RuntimeException {
    EventsUnavailable(String namespace) {
      super("Events of namespace " + namespace + " cannot be read", null, false, false);
    }
  }
}
