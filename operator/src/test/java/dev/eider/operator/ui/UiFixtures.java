package dev.eider.operator.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.AssetStatus;
import dev.eider.operator.api.asset.DependencySpec;
import dev.eider.operator.asset.state.PartitionState;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Assets, conditions and state ConfigMaps as the operator writes them, for the UI's tests. */
final class UiFixtures {

  static final ObjectMapper STATE_JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private UiFixtures() {
  }

  static Asset asset(String namespace, String name, String... deps) {
    Asset asset = new Asset();
    asset.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    AssetSpec spec = new AssetSpec();
    List<DependencySpec> list = new ArrayList<>();
    for (String dep : deps) {
      DependencySpec d = new DependencySpec();
      d.setAsset(dep);
      list.add(d);
    }
    spec.setDeps(list);
    asset.setSpec(spec);
    asset.setStatus(new AssetStatus());
    return asset;
  }

  static Asset withConditions(Asset asset, Condition... conditions) {
    asset.getStatus().setConditions(new ArrayList<>(Arrays.asList(conditions)));
    return asset;
  }

  static Condition condition(String type, String status, String reason, String message) {
    return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
        .withLastTransitionTime("2026-12-06T07:00:00Z").build();
  }

  /** A state ConfigMap holding {@code states}, as PartitionStateStore writes one (one JSON value per partition). */
  static ConfigMap stateConfigMap(String namespace, String name, List<PartitionState> states) {
    Map<String, String> data = new java.util.TreeMap<>();
    for (PartitionState state : states) {
      try {
        data.put(Integer.toHexString(state.key().hashCode()) + "-" + data.size(), STATE_JSON.writeValueAsString(state));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata().withData(data).build();
  }
}
