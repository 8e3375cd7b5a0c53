package dev.eider.e2e.local;

import dev.eider.testkit.bluesky.FakeBluesky;
import java.io.IOException;
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
import java.util.Map;

/**
 * The Bluesky sample pipeline end to end on one machine: starts the local cluster, applies
 * {@code crds/samples/bluesky/}, runs the operator until every asset is Ready, then downloads the
 * DuckDB file the workers kept in the local S3 server and the dashboard page the report asset wrote, prints the
 * dashboard marts and where the copies are. Bluesky is {@code BLUESKY_APPVIEW_URL} (default
 * the public AppView).
 */
public final class LocalPipeline {

  static final String NAMESPACE = "bluesky";
  /** The warehouse the workers build, in the local S3 server's bucket. */
  static final String WAREHOUSE = LocalCluster.warehouse("warehouse/bluesky.duckdb");
  /** The sample's report asset: its last run names the page it wrote. */
  public static final String DASHBOARD_ASSET = "dashboard";
  public static final String DEFAULT_APPVIEW = "https://public.api.bsky.app";
  /** {@code BLUESKY_APPVIEW_URL=fake}: the test suite's fake Bluesky, for machines without internet. */
  public static final String FAKE_APPVIEW = "fake";

  /** How to run: where things are, which Bluesky, how long to wait. */
  public record Options(Path repo, Path workerJar, Path operatorJar, Path workDir, String appviewUrl,
                        String starterPackOverride, Duration timeout) {}

  /**
   * Where the result is and what each mart holds.
   *
   * @param dashboard a local copy of the page the dashboard asset rendered, null when the sample has no such asset
   */
  public record Result(Path warehouse, Map<String, Long> rowCounts, Path dashboard) {}

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

    public int exitCode() {
      return exitCode;
    }

    public PipelineFailure(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }
  }

  public Result run() throws Exception {
    return run(() -> LocalCluster.start(options.repo(), options.workerJar(), options.workDir()));
  }

  /** Runs on the cluster {@code clusters} gives (started here, or shared with the caller). */
  public Result run(java.util.function.Supplier<LocalCluster> clusters) throws Exception {
    SampleAssets samples = SampleAssets.load(options.repo());
    String starterPack = options.starterPackOverride() != null ? options.starterPackOverride() : samples.starterPack();
    checkBluesky(options.appviewUrl(), starterPack);
    Files.createDirectories(options.workDir());
    // The workers keep the warehouse in the bucket, as on a cluster; the result is a local copy of it.
    Path warehouse = options.workDir().resolve("bluesky.duckdb");
    Files.deleteIfExists(warehouse);
    Files.deleteIfExists(options.workDir().resolve("dashboard.html"));
    String dashboardObject;
    Path dashboard = null;
    out.println("starting the local cluster (kube-apiserver, etcd, kube-controller-manager, test kubelet, S3) in " + options.workDir());
    try (LocalCluster cluster = clusters.get()) {
      cluster.prepareNamespace(NAMESPACE);
      samples.apply(cluster.client(), NAMESPACE, starterPack, out);
      Map<String, String> properties = LocalCluster.operatorProperties(NAMESPACE, cluster.s3(), WAREHOUSE);
      properties.put("eider.worker.env.BLUESKY_APPVIEW_URL", options.appviewUrl());
      try (OperatorProcess operator = OperatorProcess.start(options.operatorJar(), cluster.operatorKubeconfig(), properties,
          options.workDir().resolve("operator.log"), true)) {
        out.println("operator running (log: " + options.workDir().resolve("operator.log") + "); waiting for every asset to be Ready");
        if (!samples.awaitReady(cluster.client(), NAMESPACE, options.timeout(), out)) {
          throw new PipelineFailure("not every asset was Ready after " + options.timeout().toMinutes() + " minutes; see `kubectl describe ast -n "
              + NAMESPACE + "` and the operator log in " + options.workDir(), 1);
        }
      }
      WarehouseDownload.download(cluster.s3(), WAREHOUSE, warehouse);
      dashboardObject = SampleAssets.reportObject(cluster.client(), NAMESPACE, DASHBOARD_ASSET).orElse(null);
      if (dashboardObject != null) {
        dashboard = WarehouseDownload.download(cluster.s3(), dashboardObject, options.workDir().resolve("dashboard.html"));
      }
    }
    Marts.print(warehouse, out);
    out.println();
    out.println("DuckDB file: " + warehouse + "  (a copy of " + WAREHOUSE + "; open it with: duckdb " + warehouse + ")");
    if (dashboard != null) {
      // One self-contained page (no script, nothing fetched): any browser opens the file as it is.
      out.println("Dashboard: " + dashboard + "  (a copy of " + dashboardObject + "; open it in a browser: xdg-open " + dashboard
          + ", or " + dashboard.toUri() + ")");
    }
    return new Result(warehouse, Marts.rowCounts(warehouse), dashboard);
  }

  /** One request before anything starts, so an unreachable Bluesky is one clear line, not an hour of retries. */
  public static void checkBluesky(String appviewUrl, String starterPack) {
    String url = appviewUrl.replaceAll("/+$", "") + "/xrpc/app.bsky.graph.getStarterPack?starterPack="
        + URLEncoder.encode(starterPack, StandardCharsets.UTF_8);
    try {
      // HTTP/1.1: Bluesky's Node.js servers close the connection on the default client's h2c upgrade.
      HttpResponse<Void> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build()
          .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() >= 400) {
        throw new PipelineFailure("Bluesky at " + appviewUrl + " answered " + response.statusCode()
            + " for the sample's starter pack; set BLUESKY_APPVIEW_URL to another AppView (or EIDER_STARTER_PACK to another pack)", 3);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new PipelineFailure("Bluesky cannot be reached at " + appviewUrl + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); set BLUESKY_APPVIEW_URL to an AppView this machine can reach"
          + " (or to `fake` for the built-in fake Bluesky)", 3);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipelineFailure("interrupted", 130);
    }
  }
}
