package dev.eider.e2e.local;

import dev.eider.testkit.bluesky.FakeBluesky;
import dev.eider.testkit.kube.TestKubelet;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Bluesky sample pipeline end to end on one machine: starts the local cluster, applies
 * {@code crds/samples/bluesky/}, runs the operator until every asset is Ready, then downloads the
 * DuckDB file the workers kept in the local S3 server, prints the dashboard marts and where the copy is. Bluesky is {@code BLUESKY_APPVIEW_URL} (default
 * the public AppView).
 */
public final class LocalPipeline {

  static final String NAMESPACE = "bluesky";
  /** The warehouse the workers build, in the local S3 server's bucket. */
  static final String WAREHOUSE = LocalCluster.warehouse("warehouse/bluesky.duckdb");
  static final String DEFAULT_APPVIEW = "https://public.api.bsky.app";
  /** {@code BLUESKY_APPVIEW_URL=fake}: the test suite's fake Bluesky, for machines without internet. */
  static final String FAKE_APPVIEW = "fake";
  static final ResourceDefinitionContext ASSETS = new ResourceDefinitionContext.Builder()
      .withGroup("eider.dev").withVersion("v1alpha1").withKind("Asset").withPlural("assets").withNamespaced(true).build();

  /** How to run: where things are, which Bluesky, how long to wait. */
  public record Options(Path repo, Path workerJar, Path operatorJar, Path workDir, String appviewUrl,
                        String starterPackOverride, Duration timeout) {}

  /** Where the result is and what each mart holds. */
  public record Result(Path warehouse, Map<String, Long> rowCounts) {}

  private final Options options;
  private final PrintStream out;

  public LocalPipeline(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(System.getProperty("eider.repo.dir", ".")).toAbsolutePath().normalize();
    Options options = new Options(repo,
        repo.resolve("worker-image/target/eider-worker.jar"),
        repo.resolve("operator/target/quarkus-app/quarkus-run.jar"),
        Path.of(System.getenv().getOrDefault("EIDER_LOCAL_DIR", repo.resolve("target/eider-local").toString())).toAbsolutePath(),
        System.getenv().getOrDefault("BLUESKY_APPVIEW_URL", DEFAULT_APPVIEW),
        System.getenv("EIDER_STARTER_PACK"),
        Duration.ofMinutes(Long.parseLong(System.getenv().getOrDefault("EIDER_TIMEOUT_MINUTES", "60"))));
    int code;
    try (FakeBluesky fake = FAKE_APPVIEW.equals(options.appviewUrl()) ? FakeBluesky.start() : null) {
      if (fake != null) {
        System.out.println("using the built-in fake Bluesky at " + fake.url() + " (" + fake.dataset().members().size() + " members)");
        options = new Options(options.repo(), options.workerJar(), options.operatorJar(), options.workDir(), fake.url(),
            fake.dataset().starterPack().uri(), options.timeout());
      }
      new LocalPipeline(options, System.out).run();
      code = 0;
    } catch (PipelineFailure e) {
      System.err.println(e.getMessage());
      code = e.exitCode;
    }
    System.exit(code);
  }

  /** A failure to show in one line, with the process's exit code. */
  public static final class PipelineFailure extends RuntimeException {
    final int exitCode;

    PipelineFailure(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }
  }

  public Result run() throws Exception {
    return run(() -> LocalCluster.start(options.repo(), options.workerJar(), options.workDir()));
  }

  /** Runs on the cluster {@code clusters} gives (started here, or shared with the caller). */
  public Result run(java.util.function.Supplier<LocalCluster> clusters) throws Exception {
    List<HasMetadata> samples = loadSamples();
    String starterPack = options.starterPackOverride() != null ? options.starterPackOverride() : starterPackOf(samples);
    checkBluesky(starterPack);
    Files.createDirectories(options.workDir());
    // The workers keep the warehouse in the bucket, as on a cluster; the result is a local copy of it.
    Path warehouse = options.workDir().resolve("bluesky.duckdb");
    Files.deleteIfExists(warehouse);
    out.println("starting the local cluster (kube-apiserver, etcd, kube-controller-manager, test kubelet, S3) in " + options.workDir());
    try (LocalCluster cluster = clusters.get()) {
      cluster.prepareNamespace(NAMESPACE);
      apply(cluster.client(), samples, starterPack);
      Map<String, String> properties = LocalCluster.operatorProperties(NAMESPACE, cluster.s3(), WAREHOUSE);
      properties.put("eider.worker.env.BLUESKY_APPVIEW_URL", options.appviewUrl());
      try (OperatorProcess operator = OperatorProcess.start(options.operatorJar(), cluster.kubeconfig(), properties,
          options.workDir().resolve("operator.log"), true)) {
        out.println("operator running (log: " + options.workDir().resolve("operator.log") + "); waiting for every asset to be Ready");
        awaitReady(cluster.client(), samples.size(), cluster.kubelet());
      }
      WarehouseDownload.download(cluster.s3(), WAREHOUSE, warehouse);
    }
    Marts.print(warehouse, out);
    out.println();
    out.println("DuckDB file: " + warehouse + "  (a copy of " + WAREHOUSE + "; open it with: duckdb " + warehouse + ")");
    return new Result(warehouse, Marts.rowCounts(warehouse));
  }

  private List<HasMetadata> loadSamples() throws IOException {
    List<HasMetadata> resources = new ArrayList<>();
    try (Stream<Path> files = Files.list(options.repo().resolve("crds/samples/bluesky"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          resources.add(io.fabric8.kubernetes.client.utils.Serialization.unmarshal(in, GenericKubernetesResource.class));
        }
      }
    }
    return resources;
  }

  @SuppressWarnings("unchecked")
  private static String starterPackOf(List<HasMetadata> samples) {
    for (HasMetadata resource : samples) {
      if (resource.getMetadata().getName().equals("starter-pack-snapshot")) {
        Map<String, Object> spec = (Map<String, Object>) ((GenericKubernetesResource) resource).getAdditionalProperties().get("spec");
        List<String> keys = (List<String>) ((Map<String, Object>) spec.get("partitions")).get("static");
        return keys.get(0);
      }
    }
    throw new PipelineFailure("crds/samples/bluesky has no starter-pack-snapshot asset", 2);
  }

  /** One request before anything starts, so an unreachable Bluesky is one clear line, not an hour of retries. */
  private void checkBluesky(String starterPack) {
    String url = options.appviewUrl().replaceAll("/+$", "") + "/xrpc/app.bsky.graph.getStarterPack?starterPack="
        + URLEncoder.encode(starterPack, StandardCharsets.UTF_8);
    try {
      HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
          .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() >= 400) {
        throw new PipelineFailure("Bluesky at " + options.appviewUrl() + " answered " + response.statusCode()
            + " for the sample's starter pack; set BLUESKY_APPVIEW_URL to another AppView (or EIDER_STARTER_PACK to another pack)", 3);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new PipelineFailure("Bluesky cannot be reached at " + options.appviewUrl() + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); set BLUESKY_APPVIEW_URL to an AppView this machine can reach"
          + " (or to `fake` for the built-in fake Bluesky)", 3);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipelineFailure("interrupted", 130);
    }
  }

  @SuppressWarnings("unchecked")
  private void apply(KubernetesClient client, List<HasMetadata> samples, String starterPack) {
    for (HasMetadata resource : samples) {
      GenericKubernetesResource asset = (GenericKubernetesResource) resource;
      asset.getMetadata().setNamespace(NAMESPACE);
      if (asset.getMetadata().getName().equals("starter-pack-snapshot")) {
        Map<String, Object> partitions = (Map<String, Object>) ((Map<String, Object>) asset.getAdditionalProperties().get("spec")).get("partitions");
        partitions.put("static", List.of(starterPack));
      }
      client.genericKubernetesResources(ASSETS).inNamespace(NAMESPACE).resource(asset).serverSideApply();
      out.println("applied asset " + asset.getMetadata().getName());
    }
  }

  @SuppressWarnings("unchecked")
  private void awaitReady(KubernetesClient client, int assets, TestKubelet kubelet) throws InterruptedException {
    Instant deadline = Instant.now().plus(options.timeout());
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      List<GenericKubernetesResource> list = client.genericKubernetesResources(ASSETS).inNamespace(NAMESPACE).list().getItems();
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
      if (ready == assets) {
        return;
      }
      Thread.sleep(2000);
    }
    throw new PipelineFailure("not every asset was Ready after " + options.timeout().toMinutes() + " minutes; see `kubectl describe ast -n "
        + NAMESPACE + "` and the operator log in " + options.workDir(), 1);
  }
}
