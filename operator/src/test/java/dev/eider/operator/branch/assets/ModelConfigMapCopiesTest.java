package dev.eider.operator.branch.assets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The base's ConfigMaps of models reach the branch unless the branch brings its own; a copy edited in the branch is left alone. */
class ModelConfigMapCopiesTest {

  final ConfigMap base = configMap("bluesky", "team-models", Map.of("members.sql", "SELECT 1 AS did"));

  @Test
  void aMissingConfigMapIsCopiedLabelledAndAnnotatedWithItsSource() {
    ModelConfigMapCopies copies = ModelConfigMapCopies.plan("feature-x", "eider-feature-x-1a2b", List.of(base), Map.of());

    assertThat(copies.update()).isEmpty();
    assertThat(copies.create()).singleElement().satisfies(copy -> {
      assertThat(copy.getMetadata().getNamespace()).isEqualTo("eider-feature-x-1a2b");
      assertThat(copy.getMetadata().getName()).isEqualTo("team-models");
      assertThat(copy.getData()).containsExactly(Map.entry("members.sql", "SELECT 1 AS did"));
      assertThat(copy.getMetadata().getLabels()).containsEntry("eider.dev/sql", "models").containsEntry("app.kubernetes.io/managed-by", "eider-operator");
      assertThat(copy.getMetadata().getAnnotations()).containsEntry("eider.dev/copied-from", "bluesky/team-models")
          .containsEntry("eider.dev/source-data-hash", ModelConfigMapCopies.dataHash(base));
    });
  }

  @Test
  void theBranchsOwnConfigMapIsNeverWrittenOver() {
    ConfigMap own = configMap("ns", "team-models", Map.of("members.sql", "SELECT 2 AS did"));
    assertThat(ModelConfigMapCopies.plan("bd", "ns", List.of(base), Map.of("team-models", own)).create()).isEmpty();
    assertThat(ModelConfigMapCopies.plan("bd", "ns", List.of(base), Map.of("team-models", own)).update()).isEmpty();

    // A copy the branch's manifests then applied over: its data no longer matches the hash it was copied with.
    ConfigMap copied = ModelConfigMapCopies.copy(base, "ns", "bd");
    copied.getData().put("members.sql", "SELECT 3 AS did");
    ConfigMap newerBase = configMap("bluesky", "team-models", Map.of("members.sql", "SELECT 4 AS did"));
    assertThat(ModelConfigMapCopies.plan("bd", "ns", List.of(newerBase), Map.of("team-models", copied)).update()).isEmpty();
  }

  @Test
  void anUntouchedCopyFollowsTheBase() {
    ConfigMap copied = ModelConfigMapCopies.copy(base, "ns", "bd");
    copied.getMetadata().setResourceVersion("17");
    assertThat(ModelConfigMapCopies.plan("bd", "ns", List.of(base), Map.of("team-models", copied)).update()).isEmpty();

    ConfigMap newerBase = configMap("bluesky", "team-models", Map.of("members.sql", "SELECT 4 AS did"));
    assertThat(ModelConfigMapCopies.plan("bd", "ns", List.of(newerBase), Map.of("team-models", copied)).update()).singleElement()
        .satisfies(update -> {
          assertThat(update.getData()).containsExactly(Map.entry("members.sql", "SELECT 4 AS did"));
          assertThat(update.getMetadata().getResourceVersion()).isEqualTo("17");
        });
  }

  static ConfigMap configMap(String namespace, String name, Map<String, String> data) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace).addToLabels("eider.dev/sql", "models")
        .endMetadata().withData(new HashMap<>(data)).build();
  }
}
