package dev.eider.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.e2e.support.TestCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The checked-in CRDs on the real API server: samples accepted, invalid manifests refused, docs published. */
class CrdValidationTest {

  static final String PARTITIONS_DESCRIPTION =
      "How the asset is split into partitions. Omitted: one unpartitioned run materializes the whole asset.";

  final TestCluster cluster = TestCluster.get();
  final KubernetesClient client = cluster.client();

  @Test
  void everySampleManifestIsAccepted() throws IOException {
    String namespace = cluster.newNamespace("samples");
    List<Path> samples = yamlFiles(TestCluster.repo().resolve("crds/samples"));
    assertThat(samples).hasSizeGreaterThanOrEqualTo(9);

    for (Path sample : samples) {
      for (HasMetadata resource : load(sample)) {
        HasMetadata created = resource.getKind().equals("BranchDeployment")
            ? client.resource(resource).create()
            : client.resource(resource).inNamespace(namespace).create();
        assertThat(created.getMetadata().getUid()).as("created %s", sample.getFileName()).isNotBlank();
        if (resource.getKind().equals("BranchDeployment")) {
          client.resource(created).delete();
        }
      }
    }
    assertThat(client.genericKubernetesResources("eider.dev/v1alpha1", "Asset").inNamespace(namespace).list().getItems())
        .extracting(r -> r.getMetadata().getName())
        .contains("starter-pack-snapshot", "actor-feed-snapshot", "latest-feed", "all-profiles", "top-daily-posts",
            "top-external-links", "activity-over-time", "calendar");
  }

  static Stream<Path> invalidManifests() throws IOException {
    return yamlFiles(Path.of("src/test/resources/invalid")).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidManifests")
  void invalidManifestIsRejectedWithTheApiServersMessage(Path manifest) throws IOException {
    String namespace = "default";
    String expected = Files.readAllLines(manifest).get(0).replaceFirst("^# expect: ", "");
    HasMetadata resource = load(manifest).get(0);

    assertThatThrownBy(() -> {
      if (resource.getKind().equals("BranchDeployment")) {
        client.resource(resource).create();
      } else {
        client.resource(resource).inNamespace(namespace).create();
      }
    })
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
        .hasMessageContaining(expected);
  }

  @Test
  void apiServerPublishesFieldDescriptionsInItsOpenApiDocument() {
    JsonNode asset = await().atMost(Duration.ofSeconds(30)).until(
        () -> new ObjectMapper().readTree(client.raw("/openapi/v2")).path("definitions").path("dev.eider.v1alpha1.Asset"),
        node -> !node.isMissingNode());

    assertThat(asset.at("/properties/spec/properties/partitions/description").asText()).isEqualTo(PARTITIONS_DESCRIPTION);
    assertThat(asset.at("/properties/spec/properties/retry/properties/maxAttempts/description").asText())
        .startsWith("Attempts in all");
  }

  @Test
  void kubectlExplainShowsTheDescriptions() throws Exception {
    // The server publishes a new CRD's OpenAPI schema a moment after the CRD is Established.
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> kubectl("explain", "asset") != null);
    String explained = kubectl("explain", "asset.spec.partitions");
    assertThat(explained.replaceAll("\\s+", " ")).contains(PARTITIONS_DESCRIPTION).contains("dynamic").contains("timeWindow");
    assertThat(kubectl("explain", "bd.spec.ttl")).contains("without a spec change");
  }

  @Test
  void kubectlFindsEiderResourcesByShortNameAndCategory() throws Exception {
    String namespace = cluster.newNamespace("names");
    for (HasMetadata resource : load(TestCluster.repo().resolve("crds/samples/bluesky/03-latest-feed.yaml"))) {
      client.resource(resource).inNamespace(namespace).create();
    }
    assertThat(kubectl("get", "ast", "-n", namespace)).contains("latest-feed").contains("READY").contains("MATERIALIZED");
    assertThat(kubectl("get", "eider", "-n", namespace)).contains("asset.eider.dev/latest-feed");
  }

  private String kubectl(String... args) throws Exception {
    Path kubectl = dev.eider.testkit.kube.KubeBinaries.locate().dir().resolve("kubectl");
    List<String> command = new java.util.ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", cluster.controlPlane().kubeconfig().toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("kubectl %s: %s", String.join(" ", args), output).isZero();
    return output;
  }

  private List<HasMetadata> load(Path manifest) throws IOException {
    try (InputStream in = Files.newInputStream(manifest)) {
      return client.load(in).items();
    }
  }

  private static List<Path> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }
}
