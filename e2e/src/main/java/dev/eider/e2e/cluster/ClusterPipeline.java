package dev.eider.e2e.cluster;

import dev.eider.e2e.local.LocalCluster;
import dev.eider.e2e.local.LocalPipeline;
import dev.eider.e2e.local.LocalPipeline.PipelineFailure;
import dev.eider.e2e.local.Marts;
import dev.eider.e2e.local.SampleAssets;
import dev.eider.e2e.local.WarehouseDownload;
import dev.eider.testkit.bluesky.FakeBluesky;
import dev.eider.testkit.s3.LocalS3;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Bluesky sample pipeline on a real cluster, the way a user installs Eider: the images built
 * here, {@code helm install} of the chart, the operator as the chart's Deployment, every run a pod
 * of the worker image in a real container, raw data and the DuckDB warehouse in S3 (an S3 server
 * on this machine that pods reach over the pod network). Ends by printing the dashboard marts.
 * {@code bin/cluster-demo} runs it; the real-node tests run the same code.
 */
public final class ClusterPipeline {

  public static final String NAMESPACE = "bluesky";
  public static final String RELEASE = "eider";
  public static final String RELEASE_NAMESPACE = "eider-system";
  public static final String BUCKET = LocalCluster.BUCKET;
  public static final String PREFIX = "raw";
  /**
   * Where the warehouse lives when nothing is configured (the operator's default): the DuckDB file
   * as an object next to the raw data, {@code s3://<bucket>/<prefix>/warehouse/eider.duckdb}.
   */
  public static final String WAREHOUSE_KEY = PREFIX + "/warehouse/eider.duckdb";

  /** How to run: where things are, which Bluesky, how long to wait. */
  public record Options(Path repo, Path workDir, String appviewUrl, String starterPack, Duration timeout) {}

  /** Where the downloaded warehouse is and what each mart holds. */
  public record Result(Path warehouse, Map<String, Long> rowCounts) {}

  private final Options options;
  private final PrintStream out;

  public ClusterPipeline(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /**
   * Eider installed on {@code target}: an S3 server pods reach, the images, the chart's release
   * (workers told {@code workerEnv}, e.g. where Bluesky is), and the storage Secret in the
   * operator's namespace (for the staging-database Jobs of branch deployments).
   */
  public static Installation install(ClusterTarget target, Path repo, Path workDir, Map<String, String> workerEnv) throws Exception {
    try (KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(target.kubeconfig()))).build()) {
      if (client.namespaces().withName(NAMESPACE).get() != null) {
        // Never deleted here: it may hold someone's work. A fresh sample needs a fresh namespace.
        throw new PipelineFailure("namespace " + NAMESPACE + " already exists on this cluster (an earlier run?): delete it with"
            + " `kubectl delete namespace " + NAMESPACE + "` and `helm uninstall " + RELEASE + " -n " + RELEASE_NAMESPACE
            + "`, or start a fresh node (e2e/bin/real-node.sh down)", 2);
      }
    }
    LocalS3 s3 = LocalS3.start(workDir.resolve("s3"), List.of(BUCKET));
    try {
      ClusterImages images = ClusterImages.resolve(target, repo);
      KubernetesClient client = new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.readString(target.kubeconfig()))).build();
      prepareNamespace(client, RELEASE_NAMESPACE);
      ChartRelease release = ChartRelease.install(repo, target.kubeconfig(), RELEASE, RELEASE_NAMESPACE,
          values(target, images, s3, workerEnv), workDir);
      return new Installation(target, client, s3, images, release);
    } catch (Exception | Error e) {
      s3.close();
      throw e;
    }
  }

  /** Creates {@code namespace} (if missing) with the {@code eider-storage} Secret of the S3 server. */
  public static void prepareNamespace(KubernetesClient client, String namespace) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).serverSideApply();
    client.resource(LocalCluster.storageSecret(namespace)).serverSideApply();
  }

  static Map<String, Object> values(ClusterTarget target, ClusterImages images, LocalS3 s3, Map<String, String> workerEnv) {
    String[] operatorImage = ClusterImages.split(images.operator());
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("replicas", 1);
    values.put("image", Map.of("repository", operatorImage[0], "tag", operatorImage[1], "pullPolicy", "IfNotPresent"));
    values.put("worker", Map.of("image", images.worker(), "env", workerEnv));
    // The sample's namespace is production: it writes the production prefix and WAREHOUSE_KEY.
    values.put("production", Map.of("namespaces", List.of(NAMESPACE)));
    values.put("storage", Map.of("endpoint", s3.endpoint(target.hostAddress()).toString(), "bucket", BUCKET, "prefix", PREFIX));
    values.put("runs", Map.of("backoffInitial", "2s", "backoffMax", "20s", "pendingTimeout", "3m", "imagePullGrace", "30s"));
    target.apiServer().ifPresent(apiServer -> {
      // No kube-proxy on this cluster: the operator reaches the API server at its pod-network address.
      int colon = apiServer.lastIndexOf(':');
      values.put("extraEnv", List.of(
          Map.of("name", "KUBERNETES_SERVICE_HOST", "value", apiServer.substring(0, colon)),
          Map.of("name", "KUBERNETES_SERVICE_PORT", "value", apiServer.substring(colon + 1))));
    });
    return values;
  }

  /** Applies the sample to {@link #NAMESPACE}, waits until every asset is Ready, then prints the marts. */
  public Result run(Installation installation) throws Exception {
    SampleAssets samples = SampleAssets.load(options.repo());
    String starterPack = options.starterPack() != null ? options.starterPack() : samples.starterPack();
    KubernetesClient client = installation.client();
    prepareNamespace(client, NAMESPACE);
    samples.apply(client, NAMESPACE, starterPack, out);
    out.println("waiting for every asset to be Ready (kubectl get ast -n " + NAMESPACE + ")");
    if (!samples.awaitReady(client, NAMESPACE, options.timeout(), out)) {
      throw new PipelineFailure("not every asset was Ready after " + options.timeout().toMinutes() + " minutes; see `kubectl describe ast -n "
          + NAMESPACE + "` and `kubectl logs -n " + RELEASE_NAMESPACE + " deploy/" + RELEASE + "`", 1);
    }
    Path warehouse = options.workDir().resolve("bluesky.duckdb");
    installation.download(WAREHOUSE_KEY, warehouse);
    Marts.print(warehouse, out);
    out.println();
    out.println("DuckDB file (a copy of s3://" + BUCKET + "/" + WAREHOUSE_KEY + "): " + warehouse);
    java.util.Optional<String> dashboard = SampleAssets.reportObject(client, NAMESPACE, LocalPipeline.DASHBOARD_ASSET);
    if (dashboard.isPresent() && dashboard.get().startsWith("s3://" + BUCKET + "/")) {
      Path page = options.workDir().resolve("dashboard.html");
      installation.download(dashboard.get().substring(("s3://" + BUCKET + "/").length()), page);
      out.println("Dashboard (a copy of " + dashboard.get() + "; open it in a browser): " + page.toUri());
    }
    return new Result(warehouse, Marts.rowCounts(warehouse));
  }

  /** Eider on a cluster, and what the pipeline needs next to it; closing uninstalls and stops the S3 server. */
  public record Installation(ClusterTarget target, KubernetesClient client, LocalS3 s3, ClusterImages images, ChartRelease release)
      implements AutoCloseable {

    /** Copies the object {@code key} of the bucket to {@code file}. */
    public void download(String key, Path file) {
      WarehouseDownload.download(s3, "s3://" + BUCKET + "/" + key, file);
    }

    /** Every object of the bucket under {@code prefix}, by key, with its ETag. */
    public Map<String, String> objects(String prefix) {
      Map<String, String> objects = new java.util.TreeMap<>();
      try (S3Client s3Client = WarehouseDownload.client(s3)) {
        s3Client.listObjectsV2Paginator(request -> request.bucket(BUCKET).prefix(prefix)).contents()
            .forEach(object -> objects.put(object.key(), object.eTag()));
      }
      return objects;
    }

    @Override
    public void close() {
      try {
        release.close();
      } finally {
        client.close();
        s3.close();
      }
    }
  }

  /** {@code bin/cluster-demo}: the sample on the cluster the environment names (see {@link ClusterTarget}). */
  public static void main(String[] args) throws Exception {
    Path repo = Path.of(System.getProperty("eider.repo.dir", ".")).toAbsolutePath().normalize();
    Map<String, String> env = System.getenv();
    ClusterTarget.Lookup lookup = ClusterTarget.fromEnvironment(env);
    if (lookup.target().isEmpty()) {
      System.err.println(lookup.reason());
      System.exit(2);
    }
    ClusterTarget target = lookup.target().get();
    Path workDir = Path.of(env.getOrDefault("EIDER_LOCAL_DIR", repo.resolve("target/eider-cluster").toString())).toAbsolutePath();
    String appview = env.getOrDefault("BLUESKY_APPVIEW_URL", LocalPipeline.DEFAULT_APPVIEW);
    Duration timeout = Duration.ofMinutes(Long.parseLong(env.getOrDefault("EIDER_TIMEOUT_MINUTES", "60")));
    int code = 0;
    try (FakeBluesky fake = LocalPipeline.FAKE_APPVIEW.equals(appview) ? FakeBluesky.builder().host(target.hostAddress()).start() : null) {
      String starterPack = env.get("EIDER_STARTER_PACK");
      if (fake != null) {
        System.out.println("using the built-in fake Bluesky at " + fake.url() + " (" + fake.dataset().members().size() + " members)");
        appview = fake.url();
        starterPack = fake.dataset().starterPack().uri();
      }
      ClusterPipeline pipeline = new ClusterPipeline(new Options(repo, workDir, appview, starterPack, timeout), System.out);
      LocalPipeline.checkBluesky(appview, starterPack != null ? starterPack : SampleAssets.load(repo).starterPack());
      System.out.println("building the images and installing the chart (helm install " + RELEASE + " -n " + RELEASE_NAMESPACE + ")");
      try (Installation installation = install(target, repo, workDir, Map.of("BLUESKY_APPVIEW_URL", appview))) {
        System.out.println("operator ready: " + installation.images().operator() + ", worker " + installation.images().worker());
        pipeline.run(installation);
      }
    } catch (PipelineFailure e) {
      System.err.println(e.getMessage());
      code = e.exitCode();
    }
    System.exit(code);
  }
}
