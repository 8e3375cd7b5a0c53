package dev.eider.operator.asset.state;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Optional;

/** The operator's informer cache of state ConfigMaps, told about its own writes so it never lags them. */
public interface ConfigMapCache {

  Optional<ConfigMap> get(String namespace, String name);

  /** Caches what a write returned; {@code previous} is the cached object it replaced, or null for a create. */
  void written(ConfigMap configMap, ConfigMap previous);
}
