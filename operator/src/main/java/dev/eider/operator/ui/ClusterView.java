package dev.eider.operator.ui;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.branch.BranchDeployment;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import java.util.List;
import java.util.Optional;

/**
 * What the UI reads, all from informer caches of this replica: it never lists from the API server
 * per request and never writes. Implemented over the operator's caches; tests build their own.
 */
public interface ClusterView {

  /** False until the controllers' caches exist (the UI then answers 503). */
  boolean ready();

  /** Every cached Asset, of every watched namespace. */
  List<Asset> assets();

  List<Asset> assets(String namespace);

  Optional<Asset> asset(String namespace, String name);

  /** A ConfigMap the asset controller caches (state, published keys, run history). */
  Optional<ConfigMap> configMap(String namespace, String name);

  List<BranchDeployment> branches();

  Optional<BranchDeployment> branch(String name);

  /** Recent Events about one Asset, newest first. */
  List<Event> assetEvents(String namespace, String asset);
}
