package dev.eider.operator.asset.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.platform.KubeNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Keeps an Asset's per-partition state outside its status, in ConfigMaps it owns: 16 shards chosen
 * by the partition key's hash, one compact JSON value per partition. 10,000 partitions make about
 * 1.5 MB in all, 100 KB per shard, well inside a ConfigMap's 1 MiB; only changed shards are written.
 */
public final class PartitionStateStore {

  static final int SHARDS = 16;
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final OwnedConfigMaps configMaps;

  public PartitionStateStore(KubernetesClient client, ConfigMapCache cache) {
    this.configMaps = new OwnedConfigMaps(client, cache);
  }

  public static String partitionHash(String key) {
    return KubeNames.hash(key, 16);
  }

  static int shardOf(String key) {
    return Character.digit(partitionHash(key).charAt(0), 16);
  }

  public static String shardName(String asset, int shard) {
    return KubeNames.join(asset, "partitions-" + Integer.toHexString(shard), 253);
  }

  public PartitionStates load(Asset asset) {
    List<PartitionState> loaded = new ArrayList<>();
    for (int shard = 0; shard < SHARDS; shard++) {
      Optional<ConfigMap> configMap = configMaps.get(asset.getMetadata().getNamespace(), shardName(asset.getMetadata().getName(), shard));
      if (configMap.isEmpty() || configMap.get().getData() == null) {
        continue;
      }
      for (String value : configMap.get().getData().values()) {
        loaded.add(parse(value, configMap.get().getMetadata().getName()));
      }
    }
    return new PartitionStates(loaded);
  }

  /** Writes the changed shards; a concurrent change makes the write fail (409) and the reconcile retry. */
  public void save(Asset asset, PartitionStates states) {
    for (int shard : states.dirtyShards()) {
      String name = shardName(asset.getMetadata().getName(), shard);
      Map<String, String> data = new TreeMap<>();
      for (PartitionState state : states.all()) {
        if (shardOf(state.key()) == shard) {
          data.put(partitionHash(state.key()), format(state));
        }
      }
      configMaps.write(asset, name, data);
    }
    states.clean();
  }

  /** Names of the shards that hold at least one partition, for the status. */
  public List<String> shardNames(Asset asset, PartitionStates states) {
    return states.all().stream().map(state -> shardOf(state.key())).distinct().sorted()
        .map(shard -> shardName(asset.getMetadata().getName(), shard)).toList();
  }

  static PartitionState parse(String value, String configMap) {
    try {
      return JSON.readValue(value, PartitionState.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable partition state in ConfigMap " + configMap + ": " + e.getOriginalMessage(), e);
    }
  }

  static String format(PartitionState state) {
    try {
      return JSON.writeValueAsString(state);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
