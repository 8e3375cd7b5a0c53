package dev.eider.operator.ui;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.branch.BranchDeployment;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A cluster held in maps, standing in for the informer caches (which hold exactly such objects). */
class MapClusterView implements ClusterView {

  final List<Asset> assets = new ArrayList<>();
  final Map<String, ConfigMap> configMaps = new LinkedHashMap<>();
  final List<BranchDeployment> branches = new ArrayList<>();
  final List<Event> events = new ArrayList<>();
  boolean ready = true;
  boolean eventsUnavailable;

  MapClusterView add(Asset asset) {
    assets.add(asset);
    return this;
  }

  MapClusterView add(ConfigMap configMap) {
    configMaps.put(configMap.getMetadata().getNamespace() + "/" + configMap.getMetadata().getName(), configMap);
    return this;
  }

  @Override
  public boolean ready() {
    return ready;
  }

  @Override
  public List<Asset> assets() {
    return assets;
  }

  @Override
  public List<Asset> assets(String namespace) {
    return assets.stream().filter(a -> namespace.equals(a.getMetadata().getNamespace())).toList();
  }

  @Override
  public Optional<Asset> asset(String namespace, String name) {
    return assets(namespace).stream().filter(a -> name.equals(a.getMetadata().getName())).findFirst();
  }

  @Override
  public Optional<ConfigMap> configMap(String namespace, String name) {
    return Optional.ofNullable(configMaps.get(namespace + "/" + name));
  }

  @Override
  public List<BranchDeployment> branches() {
    return branches;
  }

  @Override
  public Optional<BranchDeployment> branch(String name) {
    return branches.stream().filter(b -> name.equals(b.getMetadata().getName())).findFirst();
  }

  @Override
  public List<Event> assetEvents(String namespace, String asset) {
    if (eventsUnavailable) {
      throw new OperatorClusterView.EventsUnavailable(namespace);
    }
    return events.stream().filter(e -> namespace.equals(e.getMetadata().getNamespace())
        && asset.equals(e.getInvolvedObject().getName())).toList();
  }
}
