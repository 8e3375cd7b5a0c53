package dev.eider.operator.asset.history;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.asset.state.ConfigMapCache;
import dev.eider.operator.asset.state.OwnedConfigMaps;
import dev.eider.operator.platform.KubeNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Where an Asset's run history lives: one ConfigMap per Asset, {@code <asset>-runs}, owned by the
 * Asset (so it goes when the Asset goes) and labelled like its partition state, so the operator's
 * ConfigMap informer (and with it the UI on any replica) sees it. Read from that cache, written
 * with the cached resourceVersion ({@link OwnedConfigMaps}).
 */
public final class RunHistoryStore {

  public static final String COMPONENT = "run-history";
  private static final Logger LOG = Logger.getLogger(RunHistoryStore.class);

  private final OwnedConfigMaps configMaps;

  public RunHistoryStore(KubernetesClient client, ConfigMapCache cache) {
    this.configMaps = new OwnedConfigMaps(client, cache);
  }

  public static String configMapName(String asset) {
    return KubeNames.join(asset, "runs", 253);
  }

  public static String configMapName(Asset asset) {
    return configMapName(asset.getMetadata().getName());
  }

  /**
   * The stored history, empty when there is none. A history nobody can read (edited by hand) is
   * started over rather than stopping the Asset's runs: it is a record for people, not state the
   * operator plans from.
   */
  public RunHistory load(Asset asset) {
    String name = configMapName(asset);
    Optional<ConfigMap> stored = configMaps.get(asset.getMetadata().getNamespace(), name);
    if (stored.isEmpty()) {
      return RunHistory.empty();
    }
    try {
      return RunHistory.fromData(stored.get().getData(), name);
    } catch (IllegalArgumentException e) {
      LOG.warnf("asset %s/%s: %s; starting a new run history", asset.getMetadata().getNamespace(), asset.getMetadata().getName(),
          e.getMessage());
      return RunHistory.empty();
    }
  }

  public void save(Asset asset, RunHistory history) {
    configMaps.write(asset, configMapName(asset), history.toData(), COMPONENT);
  }
}
