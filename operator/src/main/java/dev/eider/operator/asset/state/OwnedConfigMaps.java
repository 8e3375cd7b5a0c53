package dev.eider.operator.asset.state;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.platform.Labels;
import dev.eider.operator.platform.OwnerReferences;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the ConfigMaps an Asset owns (state, published keys, run history): labelled for the operator's
 * informer, garbage-collected with the Asset, and written with the cached resourceVersion, so a
 * concurrent writer makes the write fail (409) instead of losing an update.
 */
public final class OwnedConfigMaps {

  private final KubernetesClient client;
  private final ConfigMapCache cache;

  public OwnedConfigMaps(KubernetesClient client, ConfigMapCache cache) {
    this.client = client;
    this.cache = cache;
  }

  public Optional<ConfigMap> get(String namespace, String name) {
    return cache.get(namespace, name);
  }

  /** @param component partition-state, published-keys or run-history (the app.kubernetes.io/component label) */
  public void write(Asset asset, String name, Map<String, String> data, String component) {
    String namespace = asset.getMetadata().getNamespace();
    Optional<ConfigMap> existing = cache.get(namespace, name);
    ConfigMap desired = new ConfigMapBuilder()
        .withNewMetadata()
          .withName(name).withNamespace(namespace)
          .addToLabels(Labels.recommended(Labels.NAME_ASSET, asset.getMetadata().getName(), component))
          .addToLabels(Labels.STATE_OF, asset.getMetadata().getName())
          .withOwnerReferences(OwnerReferences.controller(asset, false))
          .withResourceVersion(existing.map(cm -> cm.getMetadata().getResourceVersion()).orElse(null))
        .endMetadata()
        .withData(data)
        .build();
    cache.written(existing.isPresent() ? client.resource(desired).update() : client.resource(desired).create(), existing.orElse(null));
  }

  void delete(String namespace, String name) {
    if (cache.get(namespace, name).isPresent()) {
      client.configMaps().inNamespace(namespace).withName(name).delete();
    }
  }
}
