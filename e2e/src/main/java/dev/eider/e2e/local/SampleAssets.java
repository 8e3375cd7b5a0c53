package dev.eider.e2e.local;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Bluesky sample's Assets ({@code crds/samples/bluesky/}), as every way of running the sample
 * uses them: loaded, pointed at a starter pack, applied, and waited on until every one is Ready.
 */
public final class SampleAssets {

  public static final ResourceDefinitionContext ASSETS = new ResourceDefinitionContext.Builder()
      .withGroup("eider.dev").withVersion("v1alpha1").withKind("Asset").withPlural("assets").withNamespaced(true).build();
  private static final String STARTER_PACK_ASSET = "starter-pack-snapshot";

  private final List<GenericKubernetesResource> assets;

  private SampleAssets(List<GenericKubernetesResource> assets) {
    this.assets = assets;
  }

  public static SampleAssets load(Path repo) throws IOException {
    List<GenericKubernetesResource> resources = new ArrayList<>();
    try (Stream<Path> files = Files.list(repo.resolve("crds/samples/bluesky"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          resources.add(Serialization.unmarshal(in, GenericKubernetesResource.class));
        }
      }
    }
    return new SampleAssets(resources);
  }

  public int size() {
    return assets.size();
  }

  /** The starter pack the sample ingests (the first static partition of its snapshot asset). */
  @SuppressWarnings("unchecked")
  public String starterPack() {
    return assets.stream().filter(asset -> asset.getMetadata().getName().equals(STARTER_PACK_ASSET)).findFirst()
        .map(asset -> ((List<String>) partitions(asset).get("static")).get(0))
        .orElseThrow(() -> new IllegalStateException("crds/samples/bluesky has no " + STARTER_PACK_ASSET + " asset"));
  }

  /** Applies every asset to {@code namespace}, the snapshot asset pointed at {@code starterPack}. */
  public void apply(KubernetesClient client, String namespace, String starterPack, PrintStream out) {
    for (GenericKubernetesResource asset : assets) {
      asset.getMetadata().setNamespace(namespace);
      if (asset.getMetadata().getName().equals(STARTER_PACK_ASSET)) {
        partitions(asset).put("static", List.of(starterPack));
      }
      client.genericKubernetesResources(ASSETS).inNamespace(namespace).resource(asset).serverSideApply();
      out.println("applied asset " + asset.getMetadata().getName());
    }
  }

  /**
   * Waits until every asset of {@code namespace} is Ready, printing each change of progress;
   * false when {@code timeout} ran out first.
   */
  @SuppressWarnings("unchecked")
  public boolean awaitReady(KubernetesClient client, String namespace, Duration timeout, PrintStream out) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      List<GenericKubernetesResource> list = client.genericKubernetesResources(ASSETS).inNamespace(namespace).list().getItems();
      int ready = 0;
      StringBuilder progress = new StringBuilder();
      for (GenericKubernetesResource asset : list) {
        Map<String, Object> status = (Map<String, Object>) asset.getAdditionalProperties().get("status");
        Map<String, Object> counts = status == null ? null : (Map<String, Object>) status.get("partitions");
        boolean isReady = status != null && ((List<Map<String, Object>>) status.getOrDefault("conditions", List.of())).stream()
            .anyMatch(c -> "Ready".equals(c.get("type")) && "True".equals(c.get("status")));
        ready += isReady ? 1 : 0;
        progress.append(String.format("  %-22s %s%n", asset.getMetadata().getName(), counts == null ? "-"
            : counts.get("materialized") + "/" + counts.get("total") + " materialized" + (isReady ? ", Ready" : "")));
      }
      if (!progress.toString().equals(last)) {
        out.print(progress);
        last = progress.toString();
      }
      if (ready == assets.size()) {
        return true;
      }
      Thread.sleep(2000);
    }
    return false;
  }

  /**
   * The object a report asset's last run wrote ({@code status.lastMaterialization.metadata.object},
   * the worker's result as the operator keeps it), empty when it has none.
   */
  @SuppressWarnings("unchecked")
  public static java.util.Optional<String> reportObject(KubernetesClient client, String namespace, String asset) {
    GenericKubernetesResource resource = client.genericKubernetesResources(ASSETS).inNamespace(namespace).withName(asset).get();
    Object status = resource == null ? null : resource.getAdditionalProperties().get("status");
    Object last = status instanceof Map<?, ?> s ? s.get("lastMaterialization") : null;
    Object metadata = last instanceof Map<?, ?> l ? l.get("metadata") : null;
    Object object = metadata instanceof Map<?, ?> m ? m.get("object") : null;
    return object instanceof String s && s.startsWith("s3://") ? java.util.Optional.of(s) : java.util.Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> partitions(GenericKubernetesResource asset) {
    return (Map<String, Object>) ((Map<String, Object>) asset.getAdditionalProperties().get("spec")).get("partitions");
  }
}
