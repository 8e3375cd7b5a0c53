package dev.eider.operator.asset.history;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.platform.KubeNames;

/**
 * Where an Asset's run history lives: one ConfigMap per Asset, {@code <asset>-runs}, owned by the
 * Asset (so it goes when the Asset goes) and labelled like its partition state, so the operator's
 * ConfigMap informer (and with it the UI on any replica) sees it.
 */
public final class RunHistoryStore {

  public static final String COMPONENT = "run-history";

  private RunHistoryStore() {
  }

  public static String configMapName(String asset) {
    return KubeNames.join(asset, "runs", 253);
  }

  public static String configMapName(Asset asset) {
    return configMapName(asset.getMetadata().getName());
  }
}
