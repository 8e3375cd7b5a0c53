package dev.eider.operator.asset;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.asset.state.ConfigMapCache;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;

/**
 * Read access to the asset controller's informer caches: the Assets, and the ConfigMaps it keeps per
 * Asset (partition state, published keys, run history). Readers must not write through them.
 */
public record AssetCaches(IndexedResourceCache<Asset> assets, ConfigMapCache configMaps) {
}
