package dev.eider.operator.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.Asset;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The SQL-as-data samples are valid as the operator judges them (positive control of the rules). */
class SqlSamplesTest {

  @Test
  void theSamplesModelsResolveWithoutProblems() throws IOException {
    Map<String, ConfigMap> configMaps = new HashMap<>();
    List<Asset> assets = new ArrayList<>();
    Path dir = Path.of(System.getProperty("eider.crds.dir", "../crds")).resolve("samples/sql");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        for (String document : Files.readString(file).split("(?m)^---$")) {
          HasMetadata resource = Serialization.unmarshal(document);
          if (resource instanceof ConfigMap configMap) {
            configMaps.put(configMap.getMetadata().getName(), configMap);
          } else {
            assets.add(Serialization.unmarshal(document, Asset.class));
          }
        }
      }
    }
    assertThat(assets).extracting(asset -> asset.getMetadata().getName()).containsExactly("daily-posts", "link-domains");
    Map<String, List<String>> models = new HashMap<>();
    for (Asset asset : assets) {
      TransformModels.Resolution resolved = TransformModels.resolve(asset.getMetadata().getName(), asset.getSpec().getTransform(),
          name -> Optional.ofNullable(configMaps.get(name)));
      assertThat(resolved.problems()).as(asset.getMetadata().getName()).isEmpty();
      models.put(asset.getMetadata().getName(), resolved.set().models());
    }
    assertThat(models).isEqualTo(Map.of("daily-posts", List.of("daily_posts"), "link-domains", List.of("link_domains", "top_domains")));
  }
}
