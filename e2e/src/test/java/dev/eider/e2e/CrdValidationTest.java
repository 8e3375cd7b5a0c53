package dev.eider.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.e2e.support.TestCluster;
import dev.eider.operator.api.ApiLimits;
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
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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

  /** One bounded list (or map) of the CRDs: a manifest at its limit, and what the API server says one entry over it. */
  record Limit(String name, String kind, int max, IntFunction<String> spec, String refusal) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Limit> listLimits() {
    return Stream.of(
        asset("spec.partitions.static", ApiLimits.MAX_PARTITION_KEYS, n -> "transform: {models: [t]}\npartitions: {static: [" + seq(n, "k%d") + "]}"),
        asset("spec.deps", ApiLimits.MAX_DEPS, n -> "transform: {models: [t]}\ndeps: [" + seq(n, "{asset: d%d}") + "]"),
        asset("spec.checks", ApiLimits.MAX_CHECKS, n -> "transform: {models: [t]}\nchecks: [" + seq(n, "{name: c%d, type: rowCount, min: 1}") + "]"),
        asset("spec.worker.env", ApiLimits.MAX_ENV, n -> "transform: {models: [t]}\nworker: {env: [" + seq(n, "{name: V%d, value: x}") + "]}"),
        asset("spec.worker.envFrom", ApiLimits.MAX_ENV, n -> "transform: {models: [t]}\nworker: {envFrom: [" + seq(n, "{secretRef: {name: s%d}}") + "]}"),
        asset("spec.transform.models", ApiLimits.MAX_MODELS, n -> "transform: {models: [" + seq(n, "m%d") + "]}"),
        asset("spec.checks.values", ApiLimits.MAX_CHECK_VALUES,
            n -> "transform: {models: [t]}\nchecks: [{name: c, type: acceptedValues, column: a, values: [" + seq(n, "v%d") + "]}]"),
        new Limit("spec.checks.values (characters)", "Asset", ApiLimits.MAX_CHECK_VALUE_LENGTH,
            n -> "transform: {models: [t]}\nchecks: [{name: c, type: acceptedValues, column: a, values: [" + "v".repeat(n) + "]}]",
            "spec.checks.values in body should be at most " + ApiLimits.MAX_CHECK_VALUE_LENGTH + " chars long"),
        new Limit("spec.worker.resources.limits", "Asset", ApiLimits.MAX_RESOURCES,
            n -> "transform: {models: [t]}\nworker: {resources: {limits: {" + seq(n, "example.com/r%d: \"1\"") + "}}}",
            "spec.worker.resources.limits in body should have at most " + ApiLimits.MAX_RESOURCES + " properties"),
        branch("spec.secrets", n -> "secrets: [" + seq(n, "s%d") + "]"),
        branch("spec.access.users", n -> "access: {users: [" + seq(n, "user%d") + "]}"),
        branch("spec.access.groups", n -> "access: {groups: [" + seq(n, "group%d") + "]}"),
        branch("spec.assets.selector.matchExpressions", n -> "assets: {selector: {matchExpressions: [" + seq(n, "{key: k%d, operator: Exists}") + "]}}"),
        branch("spec.assets.selector.matchExpressions.values",
            n -> "assets: {selector: {matchExpressions: [{key: k, operator: In, values: [" + seq(n, "v%d") + "]}]}}"),
        new Limit("spec.assets.selector.matchLabels", "BranchDeployment", ApiLimits.MAX_BRANCH_ENTRIES,
            n -> "assets: {selector: {matchLabels: {" + seq(n, "l%d: v") + "}}}",
            "spec.assets.selector.matchLabels in body should have at most " + ApiLimits.MAX_BRANCH_ENTRIES + " properties"),
        new Limit("spec.secrets (characters)", "BranchDeployment", ApiLimits.MAX_NAME_LENGTH, n -> "secrets: [" + "s".repeat(n) + "]",
            "spec.secrets in body should be at most " + ApiLimits.MAX_NAME_LENGTH + " chars long"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("listLimits")
  void aListAtItsLimitIsAcceptedAndOneOverIsRefusedNamingTheField(Limit limit) {
    String namespace = cluster.newNamespace("limits");

    HasMetadata atLimit = manifest(limit, limit.max(), "at");
    HasMetadata created = create(atLimit, namespace);
    assertThat(created.getMetadata().getUid()).as("%s at its limit of %d", limit.name(), limit.max()).isNotBlank();
    if (limit.kind().equals("BranchDeployment")) {
      client.resource(created).delete();
    }

    HasMetadata over = manifest(limit, limit.max() + 1, "over");
    assertThatThrownBy(() -> create(over, namespace))
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
        .hasMessageContaining(limit.refusal());
  }

  private static Limit asset(String field, int max, IntFunction<String> spec) {
    return new Limit(field, "Asset", max, spec, field + " in body should have at most " + max + " items");
  }

  private static Limit branch(String field, IntFunction<String> spec) {
    return new Limit(field, "BranchDeployment", ApiLimits.MAX_BRANCH_ENTRIES, spec,
        field + " in body should have at most " + ApiLimits.MAX_BRANCH_ENTRIES + " items");
  }

  /** {@code count} items, {@code %d} numbered from 0, joined by commas. */
  private static String seq(int count, String item) {
    return IntStream.range(0, count).mapToObj(i -> item.replace("%d", Integer.toString(i))).collect(Collectors.joining(", "));
  }

  private HasMetadata manifest(Limit limit, int count, String suffix) {
    String name = (limit.kind().equals("Asset") ? "" : "limits-") + limit.name().replaceAll("[^a-zA-Z]+", "-").toLowerCase() + "-" + suffix;
    // A BranchDeployment's required fields, so only the list under test can be refused.
    String required = limit.kind().equals("BranchDeployment") ? "branch: limits\nbaseNamespace: production\n" : "";
    String spec = (required + limit.spec().apply(count)).indent(2);
    return load("apiVersion: eider.dev/v1alpha1\nkind: " + limit.kind() + "\nmetadata: {name: " + name + "}\nspec:\n" + spec).get(0);
  }

  private HasMetadata create(HasMetadata resource, String namespace) {
    return resource.getKind().equals("BranchDeployment")
        ? client.resource(resource).create()
        : client.resource(resource).inNamespace(namespace).create();
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

  private List<HasMetadata> load(String yaml) {
    return client.load(new java.io.ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
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
