package dev.eider.operator.asset.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.platform.KubeNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Keeps an Asset's per-partition state outside its status, in ConfigMaps it owns, one compact JSON
 * value per partition: one ConfigMap for up to {@value #SINGLE_MAX} partitions, else 16 shards
 * chosen by the partition key's hash (10,000 partitions make about 2 MB, at most ~130 KB per shard,
 * well inside a ConfigMap's 1 MiB); only changed shards are written.
 */
public final class PartitionStateStore {

  static final int SHARDS = 16;
  /** Up to this many partitions (about 400 KB of state) live in one ConfigMap. */
  static final int SINGLE_MAX = 2000;
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final OwnedConfigMaps configMaps;

  public PartitionStateStore(KubernetesClient client, ConfigMapCache cache) {
    this.configMaps = new OwnedConfigMaps(client, cache);
  }

  static int shardOf(String key) {
    return Character.digit(KubeNames.partitionHash(key).charAt(0), 16);
  }

  public static String shardName(String asset, int shard) {
    return KubeNames.join(asset, "partitions-" + Integer.toHexString(shard), 253);
  }

  /** The one ConfigMap of an asset with at most {@link #SINGLE_MAX} partitions. */
  public static String singleName(String asset) {
    return KubeNames.join(asset, "partitions", 253);
  }

  public PartitionStates load(Asset asset) {
    return read(configMaps::get, asset.getMetadata().getNamespace(), asset.getMetadata().getName());
  }

  /**
   * An asset's partition state as {@code configMaps} (namespace, name) finds it, without writing
   * anything: for readers such as the UI, over the informer cache.
   */
  public static PartitionStates read(java.util.function.BiFunction<String, String, Optional<ConfigMap>> configMaps,
                                      String namespace, String asset) {
    return read(configMaps, namespace, asset, PartitionStateStore::parseAll);
  }

  /**
   * As {@link #read(java.util.function.BiFunction, String, String)}, each ConfigMap parsed by
   * {@code parse} (a reader that keeps what it parsed, for an unchanged ConfigMap, passes a memo of
   * {@link #parseAll}).
   */
  public static PartitionStates read(java.util.function.BiFunction<String, String, Optional<ConfigMap>> configMaps,
                                     String namespace, String asset,
                                     java.util.function.Function<ConfigMap, Map<String, PartitionState>> parse) {
    Map<String, PartitionState> single = configMaps.apply(namespace, singleName(asset)).map(parse).orElse(Map.of());
    Map<String, PartitionState> sharded = new LinkedHashMap<>();
    for (int shard = 0; shard < SHARDS; shard++) {
      sharded.putAll(configMaps.apply(namespace, shardName(asset, shard)).map(parse).orElse(Map.of()));
    }
    // Both layouts exist only when the operator stopped while moving between them: the layout the
    // size calls for is the one written last.
    Map<String, PartitionState> merged = new LinkedHashMap<>();
    boolean preferSharded = single.size() + sharded.size() > SINGLE_MAX;
    merged.putAll(preferSharded ? single : sharded);
    merged.putAll(preferSharded ? sharded : single);
    return new PartitionStates(merged.values());
  }

  /** Every partition state one ConfigMap holds, by key. */
  public static Map<String, PartitionState> parseAll(ConfigMap configMap) {
    Map<String, PartitionState> states = new LinkedHashMap<>();
    if (configMap.getData() != null) {
      for (String value : configMap.getData().values()) {
        PartitionState state = parse(value, configMap.getMetadata().getName());
        states.put(state.key(), state);
      }
    }
    return states;
  }

  /**
   * Writes what changed: one ConfigMap while the asset has at most {@link #SINGLE_MAX} partitions
   * (one write per reconcile), else the changed shards of 16. A concurrent change makes the write
   * fail (409) and the reconcile retry.
   */
  public void save(Asset asset, PartitionStates states) {
    if (!states.changed()) {
      return;
    }
    String name = asset.getMetadata().getName();
    String namespace = asset.getMetadata().getNamespace();
    if (states.all().size() <= SINGLE_MAX) {
      Map<String, String> data = new TreeMap<>();
      states.all().forEach(state -> data.put(KubeNames.partitionHash(state.key()), format(state)));
      configMaps.write(asset, singleName(name), data, "partition-state");
      for (int shard = 0; shard < SHARDS; shard++) {
        configMaps.delete(namespace, shardName(name, shard));
      }
    } else {
      boolean moving = configMaps.get(namespace, singleName(name)).isPresent();
      for (int shard = 0; shard < SHARDS; shard++) {
        if (moving || states.dirtyShards().contains(shard)) {
          Map<String, String> data = new TreeMap<>();
          for (PartitionState state : states.all()) {
            if (shardOf(state.key()) == shard) {
              data.put(KubeNames.partitionHash(state.key()), format(state));
            }
          }
          configMaps.write(asset, shardName(name, shard), data, "partition-state");
        }
      }
      configMaps.delete(namespace, singleName(name));
    }
    states.clean();
  }

  /** Names of the ConfigMaps that hold the partitions' state, for the status. */
  public List<String> shardNames(Asset asset, PartitionStates states) {
    if (states.all().isEmpty()) {
      return List.of();
    }
    if (states.all().size() <= SINGLE_MAX) {
      return List.of(singleName(asset.getMetadata().getName()));
    }
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
