package dev.eider.operator.branch.assets;

import dev.eider.operator.branch.BranchLabels;
import dev.eider.operator.platform.KubeNames;
import dev.eider.operator.platform.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The base namespace's ConfigMaps of models as a branch gets them: copied into the branch
 * namespace, unless the branch has its own. A branch changes a model by applying its own ConfigMap
 * of that name to its namespace (its CI or GitOps, from the branch's manifests); the operator never
 * writes over one it did not copy, nor one edited since it copied it (its data no longer matches the
 * hash it was copied with). A copy it made and nobody edited follows the base.
 *
 * @param create copies to create (no ConfigMap of that name in the branch)
 * @param update copies to write again: the base's data changed, the copy was not edited
 */
public record ModelConfigMapCopies(List<ConfigMap> create, List<ConfigMap> update) {

  public static ModelConfigMapCopies plan(String deployment, String namespace, List<ConfigMap> base, Map<String, ConfigMap> branch) {
    List<ConfigMap> create = new ArrayList<>();
    List<ConfigMap> update = new ArrayList<>();
    for (ConfigMap source : base) {
      ConfigMap desired = copy(source, namespace, deployment);
      ConfigMap existing = branch.get(source.getMetadata().getName());
      if (existing == null) {
        create.add(desired);
      } else if (copiedAndUntouched(existing, source)
          && !dataHash(source).equals(annotation(existing, BranchLabels.SOURCE_DATA_HASH_ANNOTATION))) {
        desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        update.add(desired);
      }
    }
    return new ModelConfigMapCopies(create, update);
  }

  /** Whether the operator copied {@code existing} from {@code source} and its data is still what it copied. */
  static boolean copiedAndUntouched(ConfigMap existing, ConfigMap source) {
    String from = source.getMetadata().getNamespace() + "/" + source.getMetadata().getName();
    return from.equals(annotation(existing, BranchLabels.COPIED_FROM_ANNOTATION))
        && dataHash(existing).equals(annotation(existing, BranchLabels.SOURCE_DATA_HASH_ANNOTATION));
  }

  static ConfigMap copy(ConfigMap source, String namespace, String deployment) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.SQL, Labels.SQL_MODELS);
    labels.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
    labels.put(BranchLabels.BRANCH_DEPLOYMENT, BranchLabels.labelValue(deployment));
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(BranchLabels.COPIED_FROM_ANNOTATION, source.getMetadata().getNamespace() + "/" + source.getMetadata().getName());
    annotations.put(BranchLabels.SOURCE_DATA_HASH_ANNOTATION, dataHash(source));
    return new ConfigMapBuilder().withNewMetadata().withName(source.getMetadata().getName()).withNamespace(namespace)
        .withLabels(labels).withAnnotations(annotations).endMetadata()
        .withData(source.getData() == null ? Map.of() : new TreeMap<>(source.getData())).build();
  }

  static String dataHash(ConfigMap configMap) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(configMap.getData() == null ? Map.<String, String>of() : configMap.getData())
        .forEach((key, value) -> text.append(key).append('\0').append(value).append('\0'));
    return KubeNames.hash(text.toString(), 16);
  }

  private static String annotation(ConfigMap configMap, String key) {
    return configMap.getMetadata().getAnnotations() == null ? null : configMap.getMetadata().getAnnotations().get(key);
  }
}
