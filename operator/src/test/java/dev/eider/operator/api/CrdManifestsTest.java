package dev.eider.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.branch.BranchDeployment;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRDs in {@code crds/} are generated from the API classes and checked in, so reviewers see
 * schema changes and users can {@code kubectl apply} them. This test fails when they drift.
 * Regenerate with {@code mvn -pl operator test -Dtest=CrdManifestsTest -Deider.crds.update=true}, which
 * also refreshes the Helm chart's copies in {@code helm/eider/crds/} (checked by HelmChartTest).
 */
class CrdManifestsTest {

  static final List<String> FILES = List.of("assets.eider.dev-v1.yml", "branchdeployments.eider.dev-v1.yml");
  /** Fields typed with Kubernetes' own API types: their schema comes from the fabric8 model. */
  static final Set<String> KUBERNETES_TYPES = Set.of("conditions", "configMapRef", "resources", "env", "envFrom", "selector");

  @TempDir static Path generated;

  @BeforeAll
  static void generate() throws IOException {
    new CRDGenerator()
        .customResourceClasses(Asset.class, BranchDeployment.class)
        .forCRDVersions("v1")
        .inOutputDir(generated.toFile())
        .generate();
    if (Boolean.getBoolean("eider.crds.update")) {
      for (String file : FILES) {
        Files.copy(generated.resolve(file), crdsDir().resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(generated.resolve(file), helmCrdsDir().resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  @Test
  void checkedInCrdsMatchTheApiClasses() throws IOException {
    for (String file : FILES) {
      assertThat(crdsDir().resolve(file))
          .as("crds/%s is stale: regenerate it (see this test's Javadoc)", file)
          .hasContent(Files.readString(generated.resolve(file)));
    }
  }

  @Test
  void everyFieldOfOurOwnTypesHasADescription() throws IOException {
    for (String file : FILES) {
      CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(generated.resolve(file)), CustomResourceDefinition.class);
      JSONSchemaProps root = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
      List<String> undocumented = new ArrayList<>();
      collectUndocumented("", root.getProperties().get("spec"), undocumented);
      collectUndocumented("", root.getProperties().get("status"), undocumented);
      assertThat(undocumented).as("fields without a description in %s", file).isEmpty();
    }
  }

  /**
   * Every list and map a user writes has a bound the API server enforces (ApiLimits), so no
   * manifest makes the operator read, match or copy without end.
   */
  @Test
  void everyListInASpecIsBounded() throws IOException {
    for (String file : FILES) {
      List<String> found = new ArrayList<>();
      collectUnbounded("", read(file).getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec"), found);
      assertThat(found).as("lists and maps without maxItems/maxProperties in %s", file).isEmpty();
    }
    assertThat(read("assets.eider.dev-v1.yml").getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec")
        .getProperties().get("transform").getProperties().get("models").getMaxItems()).isEqualTo(ApiLimits.MAX_MODELS);
  }

  private static void collectUnbounded(String path, JSONSchemaProps schema, List<String> out) {
    if ("array".equals(schema.getType()) && schema.getMaxItems() == null) {
      out.add(path);
    }
    if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null && schema.getMaxProperties() == null) {
      out.add(path);
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      collectUnbounded(path, schema.getItems().getSchema(), out);
    }
    if (schema.getProperties() != null) {
      schema.getProperties().forEach((name, child) -> collectUnbounded(path + "." + name, child, out));
    }
  }

  @Test
  void assetsAndBranchDeploymentsAreFoundByShortNameAndCategory() throws IOException {
    CustomResourceDefinition asset = read("assets.eider.dev-v1.yml");
    assertThat(asset.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(asset.getSpec().getNames().getShortNames()).containsExactly("ast");
    assertThat(asset.getSpec().getNames().getCategories()).containsExactly("eider");
    assertThat(asset.getSpec().getVersions().get(0).getSubresources().getStatus()).isNotNull();

    CustomResourceDefinition branch = read("branchdeployments.eider.dev-v1.yml");
    assertThat(branch.getSpec().getScope()).isEqualTo("Cluster");
    assertThat(branch.getSpec().getNames().getShortNames()).containsExactly("bd");
    assertThat(branch.getSpec().getNames().getCategories()).containsExactly("eider");
  }

  @Test
  void noCelRulesWhichOlderApiServersRefuse() throws IOException {
    for (String file : FILES) {
      assertThat(Files.readString(generated.resolve(file))).doesNotContain("x-kubernetes-validations");
    }
  }

  private static CustomResourceDefinition read(String file) throws IOException {
    return Serialization.unmarshal(Files.readString(generated.resolve(file)), CustomResourceDefinition.class);
  }

  private static void collectUndocumented(String path, JSONSchemaProps schema, List<String> out) {
    Map<String, JSONSchemaProps> properties = schema.getProperties();
    if (properties == null && schema.getItems() != null && schema.getItems().getSchema() != null) {
      properties = schema.getItems().getSchema().getProperties();
    }
    if (properties == null) {
      return;
    }
    properties.forEach((name, child) -> {
      String childPath = path + "." + name;
      if (child.getDescription() == null || child.getDescription().isBlank()) {
        out.add(childPath);
      }
      if (!KUBERNETES_TYPES.contains(name)) {
        collectUndocumented(childPath, child, out);
      }
    });
  }

  private static Path crdsDir() {
    return Path.of(System.getProperty("eider.crds.dir", "../crds"));
  }

  private static Path helmCrdsDir() {
    return Path.of(System.getProperty("eider.helm.dir", "../helm/eider")).resolve("crds");
  }
}
