package dev.eider.e2e.support;

import dev.eider.e2e.local.LocalCluster;
import dev.eider.e2e.local.OperatorProcess;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the operator process for one test namespace, configured like a small installation: the
 * in-JVM S3 server as object storage (its credentials in the namespace's {@code eider-storage}
 * Secret), a DuckDB file in that bucket as the warehouse (under the namespace's prefix), the Lease
 * in the namespace. The namespace is production ({@code eider.production.namespaces}).
 */
public final class EiderOperator {

  /** BranchDeployments carrying this label with a test's namespace are the ones its operator handles. */
  public static final String OWNER_LABEL = "eider.dev/e2e-owner";

  private final TestCluster cluster;
  private final String namespace;
  private final Map<String, String> properties = new LinkedHashMap<>();
  private final Path dir;
  private int started;

  private EiderOperator(TestCluster cluster, String namespace) {
    this.cluster = cluster;
    this.namespace = namespace;
    this.dir = TestCluster.tempDir("eider-operator-" + namespace);
    properties.putAll(LocalCluster.operatorProperties(namespace, cluster.s3(), LocalCluster.warehouse(namespace + "/warehouse/eider.duckdb")));
    properties.put("eider.storage.prefix", namespace);
    properties.put("eider.worker.image", TestCluster.FAKE_WORKER_IMAGE);
    // Clone and drop Jobs of branches run here; only BranchDeployments labelled for this test are seen.
    properties.put("eider.branch.job-namespace", namespace);
    properties.put("quarkus.operator-sdk.controllers.branchdeployment.selector", OWNER_LABEL + "=" + namespace);
    properties.put("eider.runs.backoff-initial", "1s");
    properties.put("eider.runs.backoff-max", "5s");
    properties.put("quarkus.log.category.\"dev.eider\".level", "DEBUG");
    cluster.client().resource(LocalCluster.storageSecret(namespace)).serverSideApply();
  }

  public static EiderOperator forNamespace(TestCluster cluster, String namespace) {
    return new EiderOperator(cluster, namespace);
  }

  public EiderOperator with(String key, String value) {
    properties.put(key, value);
    return this;
  }

  /** Leaves {@code key} unset (its default applies), e.g. {@code eider.production.namespaces}. */
  public EiderOperator without(String key) {
    properties.remove(key);
    return this;
  }

  /** The production warehouse, {@code s3://} in the shared S3 server's bucket. */
  public String warehouse() {
    return properties.get("eider.warehouse.connection");
  }

  public Path dir() {
    return dir;
  }

  /** Starts a replica and waits until it is ready (it leads, or nobody else does). */
  public OperatorProcess start() {
    return start(true);
  }

  /** Starts a replica; a standby (another replica holds the Lease) is only waited for until it is alive. */
  public OperatorProcess start(boolean awaitReady) {
    started++;
    Map<String, String> replica = new LinkedHashMap<>(properties);
    replica.putIfAbsent("eider.leader-election.identity", "replica-" + started);
    return OperatorProcess.start(OperatorProcess.defaultJar(), cluster.controlPlane().tokenKubeconfig(), replica,
        dir.resolve("operator-" + started + ".log"), awaitReady);
  }
}
