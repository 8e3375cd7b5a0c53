package dev.eider.operator.asset.state;

import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.asset.partition.PartitionKeyRules;
import dev.eider.operator.platform.KubeNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Partition keys an Asset's runs publish (a starter pack's member DIDs), kept in a ConfigMap it
 * owns: one entry per publishing partition, the keys of its latest successful run, one per line.
 * An asset with {@code partitions.dynamic.fromAsset} has exactly the union of these keys, so a key
 * that disappears from the latest run stops being scheduled downstream.
 */
public final class PublishedKeys {

  private static final Logger LOG = Logger.getLogger(PublishedKeys.class);

  private final OwnedConfigMaps configMaps;

  public PublishedKeys(KubernetesClient client, ConfigMapCache cache) {
    this.configMaps = new OwnedConfigMaps(client, cache);
  }

  public static String configMapName(String asset) {
    return KubeNames.join(asset, "published", 253);
  }

  /**
   * The union of the keys every partition of {@code asset} last published, sorted: at most
   * {@link ApiLimits#MAX_PARTITION_KEYS}, the first in order. Keys were checked when a run published
   * them; those that would not pass now (the ConfigMap edited by hand) are left out.
   */
  public List<String> of(String namespace, String asset) {
    Optional<ConfigMap> configMap = configMaps.get(namespace, configMapName(asset));
    TreeSet<String> keys = new TreeSet<>();
    configMap.map(ConfigMap::getData).ifPresent(data -> data.values().forEach(lines ->
        Arrays.stream(lines.split("\n")).filter(line -> !line.isBlank())
            .filter(key -> PartitionKeyRules.problem(PartitionKeyRules.Kind.GENERIC, key).isEmpty())
            .forEach(keys::add)));
    if (keys.size() > ApiLimits.MAX_PARTITION_KEYS) {
      LOG.warnf("asset %s/%s publishes %d partition keys; downstream assets use the first %d", namespace, asset, keys.size(),
          ApiLimits.MAX_PARTITION_KEYS);
      return keys.stream().limit(ApiLimits.MAX_PARTITION_KEYS).toList();
    }
    return new ArrayList<>(keys);
  }

  /** Records what the runs of {@code asset} published, by publishing partition key. */
  public void save(Asset asset, Map<String, List<String>> byPartition) {
    if (byPartition.isEmpty()) {
      return;
    }
    String namespace = asset.getMetadata().getNamespace();
    String name = configMapName(asset.getMetadata().getName());
    Optional<ConfigMap> existing = configMaps.get(namespace, name);
    Map<String, String> data = new HashMap<>(existing.map(ConfigMap::getData).orElse(Map.of()));
    byPartition.forEach((partition, keys) -> data.put(KubeNames.partitionHash(partition), String.join("\n", keys)));
    configMaps.write(asset, name, data, "published-keys");
  }
}
